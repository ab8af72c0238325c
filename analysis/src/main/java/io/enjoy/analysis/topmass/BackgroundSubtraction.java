package io.enjoy.analysis.topmass;

/**
 * Background subtraction of notebook cell [36]–[37]: from the data histogram (counts d_i of the l
 * b-tagged data events) subtract the W+jets shape normalised to all its b-tagged events
 * (b_i / N_b, the notebook's weights 1/len) scaled to the background share (1 − f) of the data:
 * <pre>y_i = d_i − (b_i/N_b)·(1 − f)·l,   σ_i² = d_i + l·(1 − f)²·(b_i/N_b)</pre>
 * The error formula is the notebook's with the {@code l} its PDF rendering shows as {@code 1};
 * a bin whose σ would be 0 gets the error of one event.
 */
public final class BackgroundSubtraction {

    /** Subtracted contents and their errors, per bin. */
    public record Result(double[] values, double[] errors) {
    }

    private BackgroundSubtraction() {
    }

    /**
     * @param data        data counts per bin
     * @param background  W+jets counts per bin (same binning)
     * @param nBackground number of b-tagged W+jets events (the normalisation, including events outside the range)
     * @param f           fitted signal fraction of the b-tagged data
     * @param nData       number of b-tagged data events l
     */
    public static Result subtract(double[] data, double[] background, int nBackground, double f, int nData) {
        if (data.length != background.length) {
            throw new IllegalArgumentException("data and background need the same binning, got " + data.length + " and " + background.length + " bins");
        }
        if (nBackground <= 0) {
            throw new IllegalArgumentException("the background sample has no events to normalise by");
        }
        double[] y = new double[data.length], e = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            double bNorm = background[i] / nBackground;
            y[i] = data[i] - bNorm * (1 - f) * nData;
            e[i] = Math.sqrt(Math.max(data[i] + nData * (1 - f) * (1 - f) * bNorm, 1));
        }
        return new Result(y, e);
    }
}
