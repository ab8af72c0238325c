package io.enjoy.analysis.topmass;

import io.enjoy.analysis.data.Event;
import io.enjoy.analysis.kinematics.FourVector;

import java.util.List;

/**
 * The physics steps of the top-mass exercise (seed appendix B), one static function per step,
 * with the exercise's constants. Choices the seed leaves open are documented at each function
 * and in the module README.
 */
public final class TopPhysics {

    /** Loose b-tag working point (combined secondary vertex discriminant). */
    public static final double LOOSE_BTAG = 0.244;
    /** Medium b-tag working point. */
    public static final double MEDIUM_BTAG = 0.679;
    /** W mass used for the neutrino pz constraint (calcNuPz), GeV. */
    public static final double W_MASS = 80.4;
    /** Expected hadronic W mass and its resolution in the reconstruction χ², GeV. */
    public static final double W_HAD_MASS = 78.1, W_HAD_SIGMA = 11.2;
    /** Expected m(t_lep) − m(t_had) and its resolution, GeV. */
    public static final double DELTA_M = -7.5, DELTA_M_SIGMA = 45.2;
    /** Top mass the simulation was generated with, GeV. */
    public static final double GENERATOR_TOP_MASS = 172.5;
    /** Jet energy scale uncertainty on the top mass, GeV (thesis, [Col11]). */
    public static final double JES_UNCERTAINTY = 2.4;
    /** Integrated luminosity in pb⁻¹ (5 fb⁻¹) and the selection efficiency of the cross-section formula. */
    public static final double LUMINOSITY_PB = 5000, EFFICIENCY = 0.0259;

    private TopPhysics() {
    }

    /** Missing transverse energy: pt of the missing-E vector. */
    public static double met(Event e) {
        return e.missingE().pt();
    }

    /** HT = Σ jet pt + muon pt + MET (the notebook's and the KIT solution's definition). */
    public static double ht(Event e) {
        double s = e.muon().pt() + met(e);
        for (FourVector j : e.jets()) {
            s += j.pt();
        }
        return s;
    }

    /**
     * M3 as the notebook's {@code m3} computes it: the invariant mass of the three-jet combination
     * with the largest <em>vector-sum</em> pt (the usual CMS definition). Combinations are visited
     * as {@code itertools.combinations} does (i &lt; j &lt; k) and the first maximum wins.
     * The KIT C++ variant (three leading jets) is {@link #m3Leading}. NaN with fewer than 3 jets.
     */
    public static double m3(List<FourVector> jets) {
        int n = jets.size();
        if (n < 3) {
            return Double.NaN;
        }
        JetComponents c = JetComponents.of(jets);
        double[] e = c.e(), px = c.px(), py = c.py(), pz = c.pz();
        double best = 0; // pt² of the running best; the notebook starts from the zero vector
        double be = 0, bx = 0, by = 0, bz = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int k = j + 1; k < n; k++) {
                    double x = px[i] + px[j] + px[k], y = py[i] + py[j] + py[k];
                    double pt2 = x * x + y * y;
                    if (pt2 > best) {
                        best = pt2;
                        be = e[i] + e[j] + e[k];
                        bx = x;
                        by = y;
                        bz = pz[i] + pz[j] + pz[k];
                    }
                }
            }
        }
        return new FourVector(be, bx, by, bz).mass();
    }

    /** M3 of the KIT C++ solution: mass of the three jets with the largest scalar pt sum (the leading three). */
    public static double m3Leading(List<FourVector> jets) {
        if (jets.size() < 3) {
            return Double.NaN;
        }
        Integer[] idx = new Integer[jets.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(jets.get(b).pt(), jets.get(a).pt()));
        return jets.get(idx[0]).plus(jets.get(idx[1])).plus(jets.get(idx[2])).mass();
    }

    /** Whether any jet's b-tag discriminant exceeds the threshold (strictly, as the notebook's {@code btag}). */
    public static boolean hasBTag(Event e, double threshold) {
        for (double t : e.bTags()) {
            if (t > threshold) {
                return true;
            }
        }
        return false;
    }

    /**
     * The notebook's {@code calcNuPz}: neutrino pz from m(μν) = 80.4 GeV with the muon mass
     * neglected. If the quadratic has no real root, the real part {@code a} is returned; otherwise
     * the root with the smaller |pz| (the first on a tie).
     */
    public static double neutrinoPz(FourVector lep, FourVector miss) {
        double ptl2 = lep.px() * lep.px() + lep.py() * lep.py();
        double ptm2 = miss.px() * miss.px() + miss.py() * miss.py();
        double mu = W_MASS * W_MASS / 2 + lep.px() * miss.px() + lep.py() * miss.py();
        double a = mu * lep.pz() / ptl2;
        double a2 = a * a;
        double b = (lep.e() * lep.e() * ptm2 - mu * mu) / ptl2;
        if (a2 < b) {
            return a;
        }
        double r = Math.sqrt(a2 - b);
        double pz1 = a + r, pz2 = a - r;
        return Math.abs(pz1) <= Math.abs(pz2) ? pz1 : pz2;
    }

    /** The neutrino (|p|, MET x, MET y, pz): massless, pz from {@link #neutrinoPz}. */
    public static FourVector neutrino(Event e) {
        FourVector miss = e.missingE();
        double pz = neutrinoPz(e.muon(), miss);
        double p = Math.sqrt(miss.px() * miss.px() + miss.py() * miss.py() + pz * pz);
        return new FourVector(p, miss.px(), miss.py(), pz);
    }

    /** The leptonically decaying W: muon + neutrino (the notebook's {@code wminus}). */
    public static FourVector leptonicW(Event e) {
        return neutrino(e).plus(e.muon());
    }

    /** σ_tt̄ = N·f / (L·ε) in pb. */
    public static double crossSectionPb(double nEvents, double fSig) {
        return nEvents * fSig / (LUMINOSITY_PB * EFFICIENCY);
    }

    /** Reconstructs the tt̄ pair of an event; see {@link TopPairReconstruction}. */
    public static TopPair reconstruct(Event e) {
        return TopPairReconstruction.best(e.jets(), e.bTags(), leptonicW(e));
    }
}
