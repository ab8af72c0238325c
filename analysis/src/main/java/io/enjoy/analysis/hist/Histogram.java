package io.enjoy.analysis.hist;

import java.util.Arrays;

/**
 * A 1-D histogram with equal-width bins over [lo, hi], weighted entries and per-bin sum of
 * squared weights (for errors).
 *
 * <p>Binning follows {@code numpy.histogram}: bins are half-open [a, b) except the last, which
 * includes its upper edge. {@link #fill} drops values outside [lo, hi] and NaN, like numpy.
 * {@link #fillClipped} first clips into [lo, hi] ({@code np.clip}, as the notebook does), so
 * overflow lands in the last bin and underflow in the first — the same as the KIT C++ version
 * adding overflow into the last bin. NaN is always dropped.
 */
public final class Histogram {

    private final double lo, hi;
    private final double[] sumW, sumW2;
    private final double[] edges;

    public Histogram(int bins, double lo, double hi) {
        if (bins < 1 || !(lo < hi) || !Double.isFinite(hi - lo)) {
            throw new IllegalArgumentException("a histogram needs ≥ 1 bin and lo < hi, got " + bins + " bins over [" + lo + ", " + hi + "]");
        }
        this.lo = lo;
        this.hi = hi;
        this.sumW = new double[bins];
        this.sumW2 = new double[bins];
        this.edges = linspace(lo, hi, bins);
    }

    /** numpy.linspace(lo, hi, bins + 1): i·step + lo, last edge exactly hi. */
    private static double[] linspace(double lo, double hi, int bins) {
        double[] e = new double[bins + 1];
        double step = (hi - lo) / bins;
        for (int i = 0; i < bins; i++) {
            e[i] = i * step + lo;
        }
        e[bins] = hi;
        return e;
    }

    /** A histogram of {@code values} with {@code bins} bins over [lo, hi] (values outside dropped). */
    public static Histogram of(double[] values, int bins, double lo, double hi) {
        Histogram h = new Histogram(bins, lo, hi);
        for (double v : values) {
            h.fill(v);
        }
        return h;
    }

    private Histogram(double lo, double hi, double[] w, double[] w2) {
        this.lo = lo;
        this.hi = hi;
        this.sumW = w;
        this.sumW2 = w2;
        this.edges = linspace(lo, hi, w.length);
    }

    /** Bin index of x, or −1 when x is outside [lo, hi] or NaN. */
    public int bin(double x) {
        if (!(x >= lo && x <= hi)) {
            return -1;
        }
        // numpy's computation, including its correction for rounding at bin edges
        int n = sumW.length;
        int b = (int) ((x - lo) * (n / (hi - lo)));
        if (b == n) {
            b--;
        }
        if (x < edges[b]) {
            b--;
        } else if (b != n - 1 && x >= edges[b + 1]) {
            b++;
        }
        return b;
    }

    public void fill(double x) {
        fill(x, 1.0);
    }

    public void fill(double x, double w) {
        int b = bin(x);
        if (b >= 0) {
            sumW[b] += w;
            sumW2[b] += w * w;
        }
    }

    /** Fills after clipping x into [lo, hi]; NaN is dropped. */
    public void fillClipped(double x) {
        if (!Double.isNaN(x)) {
            fill(Math.max(lo, Math.min(hi, x)), 1.0);
        }
    }

    public int bins() {
        return sumW.length;
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    public double width() {
        return (hi - lo) / sumW.length;
    }

    public double count(int i) {
        return sumW[i];
    }

    public double[] counts() {
        return sumW.clone();
    }

    /** sqrt(Σw²) per bin: the Poisson error for unit weights. */
    public double[] errors() {
        double[] e = new double[sumW2.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.sqrt(sumW2[i]);
        }
        return e;
    }

    public double[] centres() {
        double[] c = new double[sumW.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = lo + (i + 0.5) * width();
        }
        return c;
    }

    public double[] edges() {
        return edges.clone();
    }

    /** Sum of weights in all bins. */
    public double integral() {
        double s = 0;
        for (double w : sumW) {
            s += w;
        }
        return s;
    }

    /** A copy with every bin multiplied by k (errors scale with k). */
    public Histogram scaled(double k) {
        double[] w = sumW.clone(), w2 = sumW2.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] *= k;
            w2[i] *= k * k;
        }
        return new Histogram(lo, hi, w, w2);
    }

    /** A copy scaled to unit integral (the notebook's {@code weights = 1/len} when nothing is dropped). */
    public Histogram normalised() {
        double s = integral();
        if (s == 0) {
            throw new IllegalStateException("cannot normalise an empty histogram");
        }
        return scaled(1 / s);
    }

    @Override
    public String toString() {
        return "Histogram[" + sumW.length + " bins over [" + lo + ", " + hi + "], integral " + integral() + ", counts " + Arrays.toString(sumW) + "]";
    }
}
