package io.enjoy.analysis.fit;

/**
 * χ² = Σ ((y_i − f(x_i; p)) / σ_i)², the cost of kafe2's XYFit and of the exercise's fits.
 * Points with σ_i ≤ 0 or non-finite σ_i are rejected at construction: a χ² with a zero error is
 * undefined, and the caller (for example a histogram with empty bins) must decide what to do.
 */
public final class LeastSquares implements Cost {

    private final double[] x, y, sigma;
    private final Model model;

    public LeastSquares(double[] x, double[] y, double[] sigma, Model model) {
        if (x.length != y.length || x.length != sigma.length) {
            throw new IllegalArgumentException("x, y and sigma need the same length, got " + x.length + ", " + y.length + ", " + sigma.length);
        }
        for (int i = 0; i < sigma.length; i++) {
            if (!(sigma[i] > 0) || !Double.isFinite(sigma[i])) {
                throw new IllegalArgumentException("point " + i + " (x=" + x[i] + ") has error " + sigma[i]
                        + "; least squares needs errors > 0 (drop the point or choose an error for it)");
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.sigma = sigma.clone();
        this.model = model;
    }

    @Override
    public double value(double[] p) {
        double chi2 = 0;
        for (int i = 0; i < x.length; i++) {
            double r = (y[i] - model.value(x[i], p)) / sigma[i];
            chi2 += r * r;
        }
        return chi2;
    }

    @Override
    public int nData() {
        return x.length;
    }

    @Override
    public boolean isChiSquare() {
        return true;
    }

    public double[] x() {
        return x.clone();
    }

    public double[] y() {
        return y.clone();
    }

    public double[] sigma() {
        return sigma.clone();
    }

    public Model model() {
        return model;
    }
}
