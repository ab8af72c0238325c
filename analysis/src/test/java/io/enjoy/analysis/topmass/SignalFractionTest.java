package io.enjoy.analysis.topmass;

import io.enjoy.analysis.fit.FitResult;
import io.enjoy.analysis.hist.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SignalFractionTest {

    private static Histogram hist(double[] counts) {
        Histogram h = new Histogram(SignalFraction.BINS, SignalFraction.LO, SignalFraction.HI);
        double[] c = h.centres();
        for (int i = 0; i < counts.length; i++) {
            h.fill(c[i], counts[i]);
        }
        return h;
    }

    @Test
    void exactMixtureGivesItsFractionWithZeroChiSquare() {
        double[] s = new double[35], b = new double[35], d = new double[35];
        for (int i = 0; i < 35; i++) {
            s[i] = Math.exp(-0.5 * Math.pow((i - 9) / 3.0, 2)) + 0.01;
            b[i] = Math.exp(-i / 6.0) + 0.01;
        }
        Histogram sn = hist(s).normalised(), bn = hist(b).normalised();
        // data = l·(0.3·S + 0.7·B) with l = 10000, except the excluded first three bins, which are garbage
        double[] sv = sn.counts(), bv = bn.counts();
        for (int i = 0; i < 35; i++) {
            d[i] = 10000 * (0.3 * sv[i] + 0.7 * bv[i]);
        }
        double moved = d[0] + d[1] + d[2];
        d[0] = moved;
        d[1] = 0;
        d[2] = 0;
        FitResult r = SignalFraction.fit(hist(d), sn, bn, 0.5);
        assertTrue(r.isValid(), r.report());
        assertEquals(0.3, r.value("f_sig"), 1e-7);
        assertEquals(0.0, r.fval(), 1e-9);
        assertEquals(31, r.ndf());
    }

    @Test
    void fractionIsLimitedToTheNotebookRange() {
        double[] s = new double[35], b = new double[35];
        for (int i = 3; i < 35; i++) {
            s[i] = i < 15 ? 1 : 0.1;
            b[i] = i < 15 ? 0.1 : 1;
        }
        Histogram sn = hist(s).normalised(), bn = hist(b).normalised();
        // pure background data: the best f would be 0, but the limit is 0.1
        FitResult r = SignalFraction.fit(hist(bn.scaled(5000).counts()), sn, bn, 0.5);
        assertEquals(0.1, r.value("f_sig"), 1e-3);
        assertTrue(r.hasParametersAtLimit());
    }
}
