package io.enjoy.analysis.topmass;

import io.enjoy.analysis.dist.CrystalBall;
import io.enjoy.analysis.dist.Moyal;
import io.enjoy.analysis.fit.FitResult;
import io.enjoy.analysis.fit.Fitter;
import io.enjoy.analysis.fit.LeastSquares;
import io.enjoy.analysis.fit.Model;
import io.enjoy.analysis.hist.Histogram;

/**
 * The top-mass shape fits of notebook cells [34]–[37]: a χ² fit (kafe2 XYFit) of a histogram of
 * the reconstructed average top mass, 20 bins of 10 GeV over 130–330 GeV, with either the
 * exercise's Crystal Ball (b, m, μ, σ, scale) or the Moyal "Landau" of eq. 4.4 (A, m, b).
 *
 * <p>Open choices, documented: the model is evaluated at the bin <em>centres</em> (the notebook's
 * {@code np.arange(130, 330, 10)} gives 19 bins and passes the upper edges as x — an off-by-half-bin
 * slip; the intent is a 130–330 range with the model at the bin position). A bin whose error
 * would be 0 (no entries) gets the error of one event, so the χ² stays defined.
 */
public final class MassFit {

    public static final int BINS = 20;
    public static final double LO = 130, HI = 330;

    /** Which shape. */
    public enum Shape {
        CRYSTAL_BALL, MOYAL
    }

    /** Model functions in the notebook's parameter order. */
    public static final Model CRYSTAL_BALL = (x, p) -> CrystalBall.exercise(x, p[0], p[1], p[2], p[3], p[4]);
    public static final Model MOYAL = (x, p) -> Moyal.exercise(x, p[0], p[1], p[2]);

    private MassFit() {
    }

    /** Errors sqrt(n) with the empty-bin rule. */
    public static double[] poissonErrors(double[] counts) {
        double[] e = new double[counts.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.sqrt(Math.max(counts[i], 1));
        }
        return e;
    }

    /** The shape fit on simulation: all parameters free, the notebook's limits. */
    public static FitResult fitSimulation(Histogram h, Shape shape) {
        if (h.integral() <= 0) {
            throw new IllegalArgumentException("the simulation has no reconstructed top mass between " + h.lo() + " and " + h.hi()
                    + " GeV to fit (too few events with ≥ 4 jets and a b-tag?)");
        }
        double[] y = h.counts();
        LeastSquares cost = new LeastSquares(h.centres(), y, poissonErrors(y), shape == Shape.CRYSTAL_BALL ? CRYSTAL_BALL : MOYAL);
        double area = h.integral() * h.width();
        if (shape == Shape.CRYSTAL_BALL) {
            return new Fitter(cost)
                    .parameter("b", 1, 0.1).limits("b", 0, 5)
                    .parameter("m", 2, 0.2).limits("m", 1, 3)
                    .parameter("mu", 172, 1)
                    .parameter("sigma", 20, 1).limits("sigma", 0, 50)
                    .parameter("scale", area, 0.05 * area)
                    .fit();
        }
        return new Fitter(cost)
                .parameter("A", area / 20, 0.05 * area / 20)
                .parameter("m", 172, 1)
                .parameter("b", 20, 1)
                .fit();
    }

    /**
     * The fit to background-subtracted data: shape parameters fixed to the simulation's
     * (Crystal Ball: b, m, σ; Moyal: b), position and normalisation free; the Crystal Ball μ is
     * limited to (170, 180) as in the notebook.
     */
    public static FitResult fitData(double[] centres, double[] y, double[] errors, FitResult simulation, Shape shape) {
        LeastSquares cost = new LeastSquares(centres, y, errors, shape == Shape.CRYSTAL_BALL ? CRYSTAL_BALL : MOYAL);
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        double area = Math.max(sum, 1) * (centres.length > 1 ? centres[1] - centres[0] : 1);
        if (shape == Shape.CRYSTAL_BALL) {
            double mu = Math.max(170.5, Math.min(179.5, simulation.value("mu")));
            return new Fitter(cost)
                    .parameter("b", simulation.value("b"), 0.1).limits("b", 0, 5).fix("b")
                    .parameter("m", simulation.value("m"), 0.1).limits("m", 1, 3).fix("m")
                    .parameter("mu", mu, 0.5).limits("mu", 170, 180)
                    .parameter("sigma", simulation.value("sigma"), 1).limits("sigma", 0, 50).fix("sigma")
                    .parameter("scale", area, 0.05 * area)
                    .fit();
        }
        double b = simulation.value("b");
        return new Fitter(cost)
                .parameter("A", area / b, 0.05 * area / b)
                .parameter("m", simulation.value("m"), 0.5)
                .parameter("b", b, 1).fix("b")
                .fit();
    }

    /** The fitted peak position: μ for the Crystal Ball, m for the Moyal function (both are the mode). */
    public static String positionParameter(Shape shape) {
        return shape == Shape.CRYSTAL_BALL ? "mu" : "m";
    }
}
