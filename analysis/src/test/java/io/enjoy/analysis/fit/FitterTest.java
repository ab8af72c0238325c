package io.enjoy.analysis.fit;

import io.enjoy.analysis.dist.CrystalBall;
import io.enjoy.analysis.dist.Moyal;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.*;

/** Reference values: analysis-anchors §C.5–C.7. */
class FitterTest {

    static final double[] COUNTS = {57, 145, 259, 358, 406, 399, 302, 187, 131, 84, 63, 69, 60, 44, 35, 28, 23, 18, 20, 16};

    static double[] centres() {
        double[] c = new double[20];
        for (int i = 0; i < 20; i++) {
            c[i] = 135 + 10 * i;
        }
        return c;
    }

    static double[] sqrt(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.sqrt(a[i]);
        }
        return r;
    }

    private static void rel(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, Math.abs(expected) * tol, () -> what + ": expected " + expected + " got " + actual
                + " (rel " + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    static Fitter crystalBallFit() {
        Cost cost = new LeastSquares(centres(), COUNTS, sqrt(COUNTS),
                (x, p) -> CrystalBall.exercise(x, p[0], p[1], p[2], p[3], p[4]));
        return new Fitter(cost)
                .parameter("b", 1.5).limits("b", 0, 5)
                .parameter("m", 2.5).limits("m", 1, 3)
                .parameter("mu", 175)
                .parameter("sigma", 20).limits("sigma", 0, 50)
                .parameter("scale", 25000);
    }

    @Test
    void crystalBallFitReproducesReferenceValuesHesseAndMinos() {
        FitResult r = crystalBallFit().minos(true).fit();
        assertTrue(r.isValid(), r.report());
        rel(11.000473255298969, r.fval(), 1e-8, "chi2");
        assertEquals(15, r.ndf());
        rel(0.7333648836865979, r.chi2PerNdf(), 1e-8, "chi2/ndf");
        rel(0.7525608216903482, r.pValue(), 1e-7, "p");
        double[] v = {0.9458552311669924, 1.731214846721528, 176.96019968280643, 21.45733793202691, 30964.900422118248};
        double[] e = {0.09117661541646818, 0.3565299893315251, 0.7526434721633607, 0.68714711286276, 2010.5449186461813};
        for (int i = 0; i < 5; i++) {
            rel(v[i], r.values()[i], 1e-5, "value " + r.names().get(i));
            rel(e[i], r.errors()[i], 1e-3, "HESSE error " + r.names().get(i));
        }
        double[][] minos = {{-0.08490928029109857, 0.09670609851522072}, {-0.3173698700526102, 0.4077451926837927},
                {-0.7550510062114881, 0.7410153339222347}, {-0.6792975494137927, 0.6895624746009226}};
        String[] names = {"b", "m", "mu", "sigma"};
        for (int i = 0; i < 4; i++) {
            MinosError me = r.minos().get(names[i]);
            assertTrue(me.isValid(), names[i] + " " + me);
            assertEquals(minos[i][0], me.lower(), 1e-3 * e[i], "MINOS lower " + names[i]);
            assertEquals(minos[i][1], me.upper(), 1e-3 * e[i], "MINOS upper " + names[i]);
        }
        double[][] corr = r.correlation();
        assertEquals(0.9163, corr[0][1], 1e-3);
        assertEquals(-0.9457, corr[1][4], 1e-3);
        assertEquals(0.5747, corr[2][3], 1e-3);
        assertEquals(1.0, corr[2][2], 1e-12);
    }

    @Test
    void otherStartingPointsReachTheSameMinimum() {
        FitResult r = crystalBallFit().value("b", 0.7).value("m", 1.5).value("mu", 180).value("sigma", 25).value("scale", 35000).fit();
        assertTrue(r.isValid(), r.report());
        rel(11.000473255298969, r.fval(), 1e-8, "chi2");
        rel(176.96019968280643, r.value("mu"), 1e-5, "mu");
    }

    @Test
    void moyalFitOnTheSameCountsMatchesTheReference() {
        Cost cost = new LeastSquares(centres(), COUNTS, sqrt(COUNTS), (x, p) -> Moyal.exercise(x, p[0], p[1], p[2]));
        FitResult r = new Fitter(cost).parameter("A", 30000).parameter("m", 175).parameter("b", 20).fit();
        assertTrue(r.isValid(), r.report());
        rel(91.15088102316138, r.fval(), 1e-8, "chi2");
        assertEquals(17, r.ndf());
        rel(3.767886497454732e-12, r.pValue(), 1e-6, "p");
        rel(1529.410242249452, r.value("A"), 1e-5, "A");
        rel(169.51071137300772, r.value("m"), 1e-5, "m");
        rel(17.233786022323976, r.value("b"), 1e-5, "b");
        rel(42.89866543676855, r.error("A"), 1e-3, "err A");
        rel(0.5388013809296796, r.error("m"), 1e-3, "err m");
        rel(0.3652616886345163, r.error("b"), 1e-3, "err b");
    }

    @Test
    void templateFractionFitMatchesTheClosedForm() {
        double[] t = {2, 10, 40, 80, 60, 30, 15, 8}, w = {20, 40, 50, 40, 25, 15, 8, 4}, d = {12, 22, 47, 63, 45, 22, 10, 7};
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        Cost cost = new LeastSquares(x, d, sqrt(d), (xi, p) -> p[0] * t[(int) xi] + (1 - p[0]) * w[(int) xi]);
        FitResult r = new Fitter(cost).parameter("f", 0.5, 0.01).limits("f", 0.1, 1).minos(true).fit();
        assertTrue(r.isValid(), r.report());
        assertEquals(0.5370896556392202, r.value("f"), 1e-8);
        assertEquals(0.08449467096572133, r.error("f"), 1e-6);
        rel(1.0458128548765542, r.fval(), 1e-10, "chi2");
        assertEquals(7, r.ndf());
        rel(0.9940552731998631, r.pValue(), 1e-9, "p");
        // a quadratic cost: MINOS equals HESSE
        assertEquals(-0.08449467096572133, r.minos().get("f").lower(), 1e-5);
        assertEquals(0.08449467096572133, r.minos().get("f").upper(), 1e-5);
    }

    @Test
    void chiSquareProbabilityIsTheUpperRegularisedGamma() {
        double[][] t = {{1, 1, 0.31731050786291115}, {10, 10, 0.44049328506521257}, {30, 17, 0.026345078283536126},
                {15.3, 17, 0.5738826756294508}, {50, 32, 0.022293021307365195}, {3.84, 1, 0.05004352124870519},
                {91.15088102316138, 17, 3.767886497454732e-12}};
        for (double[] r : t) {
            FitResult fr = new FitResult(java.util.List.of(new Parameter("a", 0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false)),
                    new double[] {0}, new double[] {1}, new double[][] {{1}}, r[0], (int) r[1], true, 1, 0, 1e-6,
                    true, false, false, true, false, true, 1, java.util.Map.of());
            rel(r[2], fr.pValue(), 1e-12, "p(" + r[0] + ", " + r[1] + ")");
        }
        assertEquals(Gamma.regularizedGammaQ(8.5, 15), new FitResult(java.util.List.of(new Parameter("a", 0, 1, -1, 1, false)),
                new double[] {0}, new double[] {1}, new double[][] {{1}}, 30, 17, true, 1, 0, 1e-6,
                true, false, false, true, false, true, 1, java.util.Map.of()).pValue());
    }

    @Test
    void fixedParametersDropOutOfNdfAndCovariance() {
        FitResult r = crystalBallFit().fix("b", 0.9458552311669924).fix("m", 1.731214846721528).fit();
        assertTrue(r.isValid(), r.report());
        assertEquals(17, r.ndf());
        assertEquals(3, r.nFree());
        assertEquals(0.9458552311669924, r.value("b"), 0.0);
        assertEquals(0.0, r.covariance()[0][0]);
        assertEquals(0.0, r.covariance()[0][2]);
        rel(176.96019968280643, r.value("mu"), 1e-5, "mu");
        // with the shape fixed, mu is known better than with it free
        assertTrue(r.error("mu") < 0.7526434721633607);
    }

    @Test
    void parameterPushedAgainstItsLimitIsFlagged() {
        // the true fraction is 0.537; forbidding values below 0.6 puts f at its limit
        double[] t = {2, 10, 40, 80, 60, 30, 15, 8}, w = {20, 40, 50, 40, 25, 15, 8, 4}, d = {12, 22, 47, 63, 45, 22, 10, 7};
        Cost cost = new LeastSquares(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, d, sqrt(d), (xi, p) -> p[0] * t[(int) xi] + (1 - p[0]) * w[(int) xi]);
        FitResult r = new Fitter(cost).parameter("f", 0.8, 0.01).limits("f", 0.6, 1).fit();
        assertEquals(0.6, r.value("f"), 1e-3);
        assertTrue(r.hasParametersAtLimit(), r.report());
        assertTrue(r.report().contains("AT LIMIT"));
    }

    @Test
    void poissonLikelihoodFitsCountsIncludingEmptyBins() {
        // expected counts 5·exp(−x/2) at x = 0..9; observed include zeros. The MLE of a pure scale factor
        // is Σn/Σshape, computable by hand: shapes sum to S, counts sum to 17.
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] n = {5, 4, 2, 2, 1, 2, 0, 1, 0, 0};
        double s = 0;
        for (double xi : x) {
            s += Math.exp(-xi / 2);
        }
        Cost cost = new PoissonLikelihood(x, n, (xi, p) -> p[0] * Math.exp(-xi / 2));
        FitResult r = new Fitter(cost).parameter("a", 3).fit();
        assertTrue(r.isValid(), r.report());
        assertEquals(17 / s, r.value("a"), 1e-6);
        // Poisson: var(a) = a/S at the MLE
        assertEquals(Math.sqrt(17 / s / s), r.error("a"), 1e-4);
    }

    @Test
    void unbinnedLikelihoodFindsTheSampleMeanOfAGaussian() {
        double[] x = {1.2, 0.7, 2.3, 1.9, 0.4, 1.5};
        double mean = (1.2 + 0.7 + 2.3 + 1.9 + 0.4 + 1.5) / 6;
        Cost cost = new UnbinnedLikelihood(x, (xi, p) -> Math.exp(-0.5 * (xi - p[0]) * (xi - p[0])) / Math.sqrt(2 * Math.PI));
        FitResult r = new Fitter(cost).parameter("mu", 0, 0.5).fit();
        assertEquals(mean, r.value("mu"), 1e-6);
        assertEquals(1 / Math.sqrt(6), r.error("mu"), 1e-5); // σ/√n with σ = 1
        assertTrue(Double.isNaN(r.pValue()));
    }

    @Test
    void contourOfAQuadraticCostIsTheCovarianceEllipse() {
        // χ² = (a−1)² + (b−2)²/4: the Δχ²=1 contour is the ellipse ((a−1)/1)² + ((b−2)/2)² = 1
        Cost cost = p -> (p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2) / 4;
        Fitter f = new Fitter(cost).parameter("a", 0, 0.5).parameter("b", 0, 0.5);
        FitResult r = f.fit();
        double[][] pts = f.contour(r, "a", "b", 1.0, 12);
        for (double[] p : pts) {
            double q = (p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2) / 4;
            assertEquals(1.0, q, 1e-6);
        }
        double[] prof = f.profile("a", new double[] {0, 1, 3});
        assertArrayEquals(new double[] {1, 0, 4}, prof, 1e-8);
    }

    @Test
    void allParametersFixedIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> crystalBallFit()
                .fix("b").fix("m").fix("mu").fix("sigma").fix("scale").fit());
        assertTrue(e.getMessage().contains("every parameter is fixed"));
    }

    @Test
    void interruptedFitStops() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> crystalBallFit().fit());
        } finally {
            assertTrue(Thread.interrupted());
        }
    }
}
