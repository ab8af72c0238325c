package io.enjoy.analysis.toy;

import io.enjoy.analysis.Interrupts;
import io.enjoy.analysis.data.Event;
import io.enjoy.analysis.kinematics.FourVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Toy Monte Carlo for the exercise: semileptonic tt̄ → μ + jets and W(→μν) + jets events in
 * the exercise's format. Reproducible: the same seed and model give the same events.
 *
 * <p>The model (deliberately simple, documented so students can reason about it):
 * <ul>
 *   <li><b>tt̄ production</b>: top pt from a Γ(2, 55 GeV) distribution, rapidities of t and t̄
 *       independent N(0, 1), t̄ roughly back to back in φ (spread 0.3 rad) with its pt smeared
 *       by 25 %; masses from a Breit–Wigner (m_t, Γ_t). Written as {@code T_gen}/{@code anti T_gen}.</li>
 *   <li><b>Decays</b>: t → W b, W → μν for one top (chosen at random) and W → q q̄' for the other,
 *       isotropic in each rest frame (spin correlations ignored); W masses from a Breit–Wigner;
 *       b mass 4.8 GeV, light quarks massless, muon 0.1057 GeV.</li>
 *   <li><b>Radiation ("parton shower", kept simple)</b>: Poisson-many extra partons, pt 20 GeV +
 *       exponential(30 GeV), η uniform in ±2.5, φ uniform.</li>
 *   <li><b>Jets</b>: one jet per parton along its direction; energy smeared with
 *       σ/E = a/√E ⊕ c; jet mass = pt × U(0.05, 0.20) (shower spread). Accepted if pt &gt; 30 GeV
 *       and |η| &lt; 2.4, sorted by decreasing pt.</li>
 *   <li><b>b-tag discriminant</b> per flavour: b jets u^(1/3) (≈ 69 % above the medium point
 *       0.679); light jets 90 % Beta(1, 8) + 10 % uniform (≈ 3 % above medium, 17 % above loose).</li>
 *   <li><b>MET</b>: neutrino pt plus the jets' mismeasurement (parton − jet, transverse) plus
 *       N(0, 8 GeV) per component; stored as [|MET|, px, py, 0].</li>
 *   <li><b>W + jets</b>: W pt exponential(40 GeV), rapidity N(0, 1.2), W → μν isotropic;
 *       2 + Poisson(1.2) recoil partons, pt 20 GeV + exponential(35 GeV), the leading one roughly
 *       opposite the W; each parton is heavy flavour (b-tag shape of b) with probability 0.08.</li>
 *   <li><b>Acceptance</b>: exactly the muon with pt &gt; 25 GeV, |η| &lt; 2.1 (the seed's text says
 *       45 GeV but its own sample rows contain muons of 27 GeV); at least {@code minJets} jets.
 *       Rejected events are regenerated, so the file holds exactly the requested count.</li>
 * </ul>
 * Interrupting the thread stops generation.
 */
public final class ToyGenerator {

    private static final double B_MASS = 4.8, MU_MASS = 0.1056583745;

    private final Rng rng;
    private final ToyModel model;

    public ToyGenerator(long seed, ToyModel model) {
        this.rng = new Rng(seed);
        this.model = model;
    }

    /** One accepted tt̄ event with at least {@code minJets} jets, with generator tops. */
    public Event ttbar(int minJets) {
        while (true) {
            Interrupts.check("generating events");
            Event e = tryTtbar(minJets);
            if (e != null) {
                return e;
            }
        }
    }

    /** One accepted W+jets event with at least {@code minJets} jets (no generator tops). */
    public Event wjets(int minJets) {
        while (true) {
            Interrupts.check("generating events");
            Event e = tryWjets(minJets);
            if (e != null) {
                return e;
            }
        }
    }

    /** A tt̄ event without its generator columns (as in measured data). */
    public Event ttbarAsData(int minJets) {
        Event e = ttbar(minJets);
        return new Event(e.jets(), e.bTags(), e.missingE(), e.muon(), null, null);
    }

    private Event tryTtbar(int minJets) {
        double pt = rng.exponential(55) + rng.exponential(55);
        double phi = rng.uniform(-Math.PI, Math.PI);
        FourVector t = Kinematics.ptYPhiM(pt, rng.gauss(0, 1), phi, rng.breitWigner(model.topMass(), model.topWidth()));
        double ptBar = Math.max(1, pt * (1 + rng.gauss(0, 0.25)));
        FourVector tbar = Kinematics.ptYPhiM(ptBar, rng.gauss(0, 1), phi + Math.PI + rng.gauss(0, 0.3),
                rng.breitWigner(model.topMass(), model.topWidth()));
        boolean leptonicTop = rng.uniform() < 0.5;
        FourVector[] a = decayTop(t), b = decayTop(tbar);
        FourVector[] lep = leptonicTop ? a : b, had = leptonicTop ? b : a;
        // lep/had: {b, W}; decay the Ws
        FourVector[] munu = Kinematics.twoBody(lep[1], MU_MASS, 0, rng);
        FourVector[] qq = Kinematics.twoBody(had[1], 0, 0, rng);
        List<FourVector> partons = new ArrayList<>(List.of(lep[0], had[0], qq[0], qq[1]));
        List<Boolean> heavy = new ArrayList<>(List.of(true, true, false, false));
        int isr = rng.poisson(model.isrJetsTtbar());
        for (int i = 0; i < isr; i++) {
            partons.add(radiation(30));
            heavy.add(false);
        }
        return detector(partons, heavy, munu[0], munu[1], minJets, t, tbar);
    }

    private FourVector[] decayTop(FourVector top) {
        double mw = model.wMass(), mt = top.mass();
        double w;
        do {
            w = rng.breitWigner(model.wMass(), model.wWidth());
        } while (w + B_MASS >= mt);
        FourVector[] d = Kinematics.twoBody(top, B_MASS, w, rng);
        return new FourVector[] {d[0], d[1]};
    }

    private FourVector radiation(double meanPt) {
        return Kinematics.ptEtaPhiM(20 + rng.exponential(meanPt), rng.uniform(-2.5, 2.5), rng.uniform(-Math.PI, Math.PI), 0);
    }

    private Event tryWjets(int minJets) {
        double phi = rng.uniform(-Math.PI, Math.PI);
        FourVector w = Kinematics.ptYPhiM(rng.exponential(40), rng.gauss(0, 1.2), phi, rng.breitWigner(model.wMass(), model.wWidth()));
        FourVector[] munu = Kinematics.twoBody(w, MU_MASS, 0, rng);
        int n = 2 + rng.poisson(model.wjetsPartonsMean());
        List<FourVector> partons = new ArrayList<>(n);
        List<Boolean> heavy = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double pt = 20 + rng.exponential(35);
            double ph = i == 0 ? phi + Math.PI + rng.gauss(0, 0.5) : rng.uniform(-Math.PI, Math.PI);
            partons.add(Kinematics.ptEtaPhiM(pt, rng.uniform(-2.5, 2.5), ph, 0));
            heavy.add(rng.uniform() < model.wjetsHeavyFlavour());
        }
        return detector(partons, heavy, munu[0], munu[1], minJets, null, null);
    }

    /** Jet smearing, acceptance, b-tags and MET; null if the event fails the acceptance. */
    private Event detector(List<FourVector> partons, List<Boolean> heavy, FourVector muon, FourVector nu,
                           int minJets, FourVector t, FourVector tbar) {
        if (muon.pt() <= model.muonPtMin() || Math.abs(muon.eta()) >= model.muonEtaMax()) {
            return null;
        }
        double metX = nu.px(), metY = nu.py();
        List<double[]> jets = new ArrayList<>(partons.size()); // {pt, E, px, py, pz, btag}
        for (int i = 0; i < partons.size(); i++) {
            FourVector p = partons.get(i);
            double e = p.e();
            double rel = Math.hypot(model.jetStochastic() / Math.sqrt(e), model.jetConstant());
            double scale = Math.max(0.05, 1 + rng.gauss(0, rel));
            double px = p.px() * scale, py = p.py() * scale, pz = p.pz() * scale;
            metX += p.px() - px;
            metY += p.py() - py;
            double pt = Math.hypot(px, py);
            double eta = new FourVector(1, px, py, pz).eta();
            if (pt <= model.jetPtMin() || Math.abs(eta) >= model.jetEtaMax()) {
                continue;
            }
            double m = pt * rng.uniform(0.05, 0.20);
            double energy = Math.sqrt(px * px + py * py + pz * pz + m * m);
            jets.add(new double[] {pt, energy, px, py, pz, bTag(heavy.get(i))});
        }
        if (jets.size() < minJets) {
            return null;
        }
        jets.sort((a, b) -> Double.compare(b[0], a[0]));
        metX += rng.gauss(0, model.metSigma());
        metY += rng.gauss(0, model.metSigma());
        List<FourVector> jv = new ArrayList<>(jets.size());
        double[] tags = new double[jets.size()];
        for (int i = 0; i < jets.size(); i++) {
            double[] j = jets.get(i);
            jv.add(round(new FourVector(j[1], j[2], j[3], j[4])));
            tags[i] = round6(j[5]);
        }
        FourVector met = round(new FourVector(Math.hypot(metX, metY), metX, metY, 0));
        return new Event(List.copyOf(jv), tags, met, round(muon), t == null ? null : round(t), tbar == null ? null : round(tbar));
    }

    private double bTag(boolean heavyFlavour) {
        if (heavyFlavour) {
            return Math.pow(rng.uniform(), 1.0 / 3);
        }
        if (rng.uniform() < 0.1) {
            return rng.uniform();
        }
        return 1 - Math.pow(1 - rng.uniform(), 1.0 / 8);
    }

    /** Six significant digits, as the course's files store numbers (e.g. 259.87, -168.906). */
    static double round6(double x) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        int exp = (int) Math.floor(Math.log10(Math.abs(x)));
        double f = Math.pow(10, 5 - exp);
        double r = Math.round(x * f) / f;
        return r == 0 ? 0.0 : r;
    }

    private static FourVector round(FourVector v) {
        return new FourVector(round6(v.e()), round6(v.px()), round6(v.py()), round6(v.pz()));
    }
}
