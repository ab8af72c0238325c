package io.enjoy.analysis.topmass;

import io.enjoy.analysis.kinematics.FourVector;

import java.util.List;

import static io.enjoy.analysis.topmass.TopPhysics.*;

/**
 * The χ² jet assignment of the notebook's {@code rec_jets}: over ordered, pairwise distinct
 * jet indices (b_had, b_lep, q1, q2), with at least one of the two b jets loose-tagged
 * (b-tag &gt; 0.244), minimise
 * <pre>χ² = (m(q1+q2) − 78.1)²/11.2² + (m(t_lep) − m(t_had) + 7.5)²/45.2²</pre>
 * Loop order and the strict {@code <} follow the notebook, so ties keep the first combination.
 *
 * <p>Open choice, documented: the notebook starts from χ² = 1000 and so leaves events whose
 * best χ² is ≥ 1000 with zero vectors (mass 0). Here the best combination is always taken;
 * only an event with fewer than 4 jets or no loose-tagged jet has no assignment (null).
 */
final class TopPairReconstruction {

    private TopPairReconstruction() {
    }

    static TopPair best(List<FourVector> jets, double[] bTags, FourVector w) {
        int n = jets.size();
        if (n < 4) {
            return null;
        }
        JetComponents c = JetComponents.of(jets);
        double[] e = c.e(), px = c.px(), py = c.py(), pz = c.pz();
        // m(t_lep) depends only on b_lep
        double[] mLep = new double[n];
        for (int bl = 0; bl < n; bl++) {
            mLep[bl] = mass(w.e() + e[bl], w.px() + px[bl], w.py() + py[bl], w.pz() + pz[bl]);
        }
        double best = Double.POSITIVE_INFINITY;
        int bBh = -1, bBl = -1, bQ1 = -1, bQ2 = -1;
        double invW = 1 / (W_HAD_SIGMA * W_HAD_SIGMA), invD = 1 / (DELTA_M_SIGMA * DELTA_M_SIGMA);
        for (int bh = 0; bh < n; bh++) {
            for (int bl = 0; bl < n; bl++) {
                if (bh == bl || !(bTags[bh] > LOOSE_BTAG || bTags[bl] > LOOSE_BTAG)) {
                    continue;
                }
                for (int q1 = 0; q1 < n; q1++) {
                    if (q1 == bh || q1 == bl) {
                        continue;
                    }
                    for (int q2 = 0; q2 < n; q2++) {
                        if (q2 == bh || q2 == bl || q2 == q1) {
                            continue;
                        }
                        double we = e[q1] + e[q2], wx = px[q1] + px[q2], wy = py[q1] + py[q2], wz = pz[q1] + pz[q2];
                        double mW = mass(we, wx, wy, wz);
                        double mHad = mass(we + e[bh], wx + px[bh], wy + py[bh], wz + pz[bh]);
                        double dW = mW - W_HAD_MASS;
                        double dM = mLep[bl] - mHad - DELTA_M;
                        double chi2 = dW * dW * invW + dM * dM * invD;
                        if (chi2 < best) {
                            best = chi2;
                            bBh = bh;
                            bBl = bl;
                            bQ1 = q1;
                            bQ2 = q2;
                        }
                    }
                }
            }
        }
        if (bBh < 0) {
            return null;
        }
        FourVector had = jets.get(bQ1).plus(jets.get(bQ2)).plus(jets.get(bBh));
        FourVector lep = w.plus(jets.get(bBl));
        return new TopPair(had, lep, best, bBh, bBl, bQ1, bQ2);
    }

    /** Same convention as {@link FourVector#mass()}. */
    private static double mass(double e, double x, double y, double z) {
        double m2 = e * e - (x * x + y * y + z * z);
        return m2 >= 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
    }
}
