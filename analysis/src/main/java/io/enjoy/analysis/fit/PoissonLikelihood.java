package io.enjoy.analysis.fit;

/**
 * Binned Poisson likelihood as a deviance: −2 ln(L/L_saturated) = 2 Σ (μ_i − n_i + n_i ln(n_i/μ_i)),
 * errordef 1. Its minimum is asymptotically χ²-distributed (Baker–Cousins), so χ²/ndf and the
 * probability are reported as for least squares. Empty bins contribute 2μ_i and need no special rule,
 * which makes this the better choice than a Neyman χ² for sparse histograms.
 * The model gives the expected count of a bin from its centre.
 */
public final class PoissonLikelihood implements Cost {

    private final double[] centres, counts;
    private final Model model;

    public PoissonLikelihood(double[] centres, double[] counts, Model model) {
        if (centres.length != counts.length) {
            throw new IllegalArgumentException("centres and counts need the same length, got " + centres.length + " and " + counts.length);
        }
        for (int i = 0; i < counts.length; i++) {
            if (!(counts[i] >= 0)) {
                throw new IllegalArgumentException("bin " + i + " has count " + counts[i] + "; a Poisson likelihood needs counts ≥ 0");
            }
        }
        this.centres = centres.clone();
        this.counts = counts.clone();
        this.model = model;
    }

    @Override
    public double value(double[] p) {
        double d = 0;
        for (int i = 0; i < centres.length; i++) {
            double mu = model.value(centres[i], p);
            double n = counts[i];
            if (!(mu > 0)) {
                if (mu == 0 && n == 0) {
                    continue;
                }
                return Double.POSITIVE_INFINITY;
            }
            d += mu - n + (n > 0 ? n * Math.log(n / mu) : 0);
        }
        return 2 * d;
    }

    @Override
    public int nData() {
        return centres.length;
    }

    @Override
    public boolean isChiSquare() {
        return true;
    }
}
