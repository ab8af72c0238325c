package io.enjoy.analysis.topmass;

import io.enjoy.analysis.fit.FitResult;
import io.enjoy.analysis.hist.Histogram;

/**
 * The whole exercise on the three samples (tt̄ simulation, W+jets simulation, data), in the
 * notebook's order: ≥ 4 jets; signal fraction from the M3 template fit without and with a medium
 * b-tag; S/B; cross section; top reconstruction; shape fits on simulation; MC offset; background
 * subtraction; data fit with the shape fixed; the mass with its uncertainties.
 */
public final class TopMassAnalysis {

    private TopMassAnalysis() {
    }

    public static TopMassResult run(SampleSummary ttbar, SampleSummary wjets, SampleSummary data) {
        boolean[] tt4 = ttbar.selection(false), wj4 = wjets.selection(false), da4 = data.selection(false);
        if (SampleSummary.count(da4) == 0) {
            throw new IllegalArgumentException("the data sample has no event with at least 4 jets");
        }
        for (var s : new Object[][] {{"tt̄ simulation", tt4}, {"W+jets simulation", wj4}}) {
            if (SampleSummary.count((boolean[]) s[1]) == 0) {
                throw new IllegalArgumentException("the " + s[0] + " has no event with at least 4 jets");
            }
        }
        int b = SignalFraction.BINS;
        double lo = SignalFraction.LO, hi = SignalFraction.HI;
        Histogram dM3 = data.clippedHistogram(SampleSummary.M3, da4, b, lo, hi);
        Histogram tM3 = ttbar.clippedHistogram(SampleSummary.M3, tt4, b, lo, hi);
        Histogram wM3 = wjets.clippedHistogram(SampleSummary.M3, wj4, b, lo, hi);
        FitResult frac = SignalFraction.fit(dM3, tM3.normalised(), wM3.normalised(), 0.5);

        boolean[] ttB = ttbar.selection(true), wjB = wjets.selection(true), daB = data.selection(true);
        int nDataB = SampleSummary.count(daB);
        if (nDataB == 0 || SampleSummary.count(ttB) == 0 || SampleSummary.count(wjB) == 0) {
            throw new IllegalArgumentException("a sample has no event with at least 4 jets and a medium b-tag (data "
                    + nDataB + ", tt̄ " + SampleSummary.count(ttB) + ", W+jets " + SampleSummary.count(wjB) + ")");
        }
        Histogram dM3B = data.clippedHistogram(SampleSummary.M3, daB, b, lo, hi);
        Histogram tM3B = ttbar.clippedHistogram(SampleSummary.M3, ttB, b, lo, hi);
        Histogram wM3B = wjets.clippedHistogram(SampleSummary.M3, wjB, b, lo, hi);
        FitResult fracB = SignalFraction.fit(dM3B, tM3B.normalised(), wM3B.normalised(), 0.8);
        double f = fracB.value("f_sig");
        double sigma = TopPhysics.crossSectionPb(nDataB, f);

        int mb = MassFit.BINS;
        double mlo = MassFit.LO, mhi = MassFit.HI;
        Histogram mcAvg = ttbar.histogram(SampleSummary.TOP_AVG, ttB, mb, mlo, mhi);
        Histogram dataAvg = data.histogram(SampleSummary.TOP_AVG, daB, mb, mlo, mhi);
        Histogram wjAvg = wjets.histogram(SampleSummary.TOP_AVG, wjB, mb, mlo, mhi);
        BackgroundSubtraction.Result sub = BackgroundSubtraction.subtract(dataAvg.counts(), wjAvg.counts(),
                SampleSummary.count(wjB), f, nDataB);
        double[] centres = dataAvg.centres();
        TopMassResult.ShapeResult cb = shape(MassFit.Shape.CRYSTAL_BALL, mcAvg, centres, sub.values(), sub.errors());
        TopMassResult.ShapeResult mo = shape(MassFit.Shape.MOYAL, mcAvg, centres, sub.values(), sub.errors());
        return new TopMassResult(SampleSummary.count(da4), nDataB, frac, fracB, sigma, cb, mo,
                dM3, tM3, wM3, dM3B, tM3B, wM3B, mcAvg, dataAvg, wjAvg, sub.values(), sub.errors());
    }

    private static TopMassResult.ShapeResult shape(MassFit.Shape shape, Histogram mc, double[] centres, double[] y, double[] err) {
        String pos = MassFit.positionParameter(shape);
        FitResult mcFit = MassFit.fitSimulation(mc, shape);
        FitResult dataFit = MassFit.fitData(centres, y, err, mcFit, shape);
        MassCalibration c = MassCalibration.of(mcFit.value(pos), mcFit.error(pos), dataFit.value(pos), dataFit.error(pos));
        return new TopMassResult.ShapeResult(shape, mcFit, dataFit, c.offset(), c.mass(), c.statError(), c.mcError(), c.totalError());
    }
}
