package io.enjoy.analysis.topmass;

import io.enjoy.analysis.fit.Cost;
import io.enjoy.analysis.fit.FitResult;
import io.enjoy.analysis.fit.Fitter;
import io.enjoy.analysis.hist.Histogram;

/**
 * The signal-fraction template fit of notebook cells [21]–[26]: data, tt̄ and W+jets M3
 * histograms (35 bins of 20 GeV over 0–700 GeV, values clipped into the range, templates
 * normalised to unit area), model {@code N_pred = l·(f·S + (1−f)·B)} with l the number of data
 * events, and the notebook's Pearson χ²
 * <pre>χ²(f) = Σ_{bins ≥ 3} (N_pred − N_data)² / N_pred</pre>
 * (the first three bins, below 60 GeV, excluded), f limited to (0.1, 1), ndf = 32 − 1 = 31.
 *
 * <p>Bins where the prediction is zero are skipped if the data bin is empty too (0/0 would make
 * numpy's sum NaN) and make the cost infinite otherwise. Pearson's χ² uses the model variance,
 * so empty data bins need no special rule.
 */
public final class SignalFraction {

    public static final int BINS = 35;
    public static final double LO = 0, HI = 700;
    public static final int FIRST_BIN = 3;

    private SignalFraction() {
    }

    /** χ² cost of the notebook for normalised templates and data counts. */
    public static Cost cost(Histogram dataCounts, Histogram signalNorm, Histogram backgroundNorm) {
        double[] d = dataCounts.counts(), s = signalNorm.counts(), b = backgroundNorm.counts();
        double l = dataCounts.integral();
        return new Cost() {
            @Override
            public double value(double[] p) {
                double f = p[0];
                double chi2 = 0;
                for (int i = FIRST_BIN; i < d.length; i++) {
                    double pred = f * s[i] * l + (1 - f) * b[i] * l;
                    if (pred == 0) {
                        if (d[i] == 0) {
                            continue;
                        }
                        return Double.POSITIVE_INFINITY;
                    }
                    double r = pred - d[i];
                    chi2 += r * r / pred;
                }
                return chi2;
            }

            @Override
            public int nData() {
                return d.length - FIRST_BIN;
            }

            @Override
            public boolean isChiSquare() {
                return true;
            }
        };
    }

    /** Fits f with start value {@code start}. */
    public static FitResult fit(Histogram dataCounts, Histogram signalNorm, Histogram backgroundNorm, double start) {
        return new Fitter(cost(dataCounts, signalNorm, backgroundNorm))
                .parameter("f_sig", start, 0.01).limits("f_sig", 0.1, 1)
                .fit();
    }

    /** S/B = f/(1 − f). */
    public static double signalOverBackground(double f) {
        return f / (1 - f);
    }
}
