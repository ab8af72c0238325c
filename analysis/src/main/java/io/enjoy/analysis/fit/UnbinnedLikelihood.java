package io.enjoy.analysis.fit;

/**
 * Unbinned likelihood −2 Σ ln pdf(x_i; p), errordef 1 (kafe2's convention). The model must be a
 * normalised density in x. There is no goodness of fit for an unbinned likelihood, so
 * {@link #isChiSquare()} is false and no p-value is reported.
 */
public final class UnbinnedLikelihood implements Cost {

    private final double[] x;
    private final Model pdf;

    public UnbinnedLikelihood(double[] x, Model pdf) {
        this.x = x.clone();
        this.pdf = pdf;
    }

    @Override
    public double value(double[] p) {
        double s = 0;
        for (double xi : x) {
            double f = pdf.value(xi, p);
            if (!(f > 0)) {
                return Double.POSITIVE_INFINITY;
            }
            s += Math.log(f);
        }
        return -2 * s;
    }

    @Override
    public int nData() {
        return x.length;
    }
}
