package io.enjoy.analysis.cli;

import io.enjoy.analysis.hist.Histogram;
import io.enjoy.analysis.hist.Histogram2D;
import io.enjoy.analysis.plot.Plot;
import io.enjoy.analysis.topmass.MassFit;
import io.enjoy.analysis.topmass.SampleSummary;
import io.enjoy.analysis.topmass.TopMassResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the exercise's plots as SVG files (the figures of the notebook and the thesis). */
final class PlotsWriter {

    private PlotsWriter() {
    }

    static List<Path> write(TopMassResult r, SampleSummary ttbar, SampleSummary wjets, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        boolean[] all = new boolean[ttbar.size()];
        java.util.Arrays.fill(all, true);
        double[] pt = ttbar.column(SampleSummary.TGEN_PT), eta = ttbar.column(SampleSummary.TGEN_ETA);
        Histogram2D ptEta = new Histogram2D(50, 0, 500, 50, -5, 5);
        for (int i = 0; i < pt.length; i++) {
            ptEta.fill(pt[i], eta[i]);
        }
        out.add(new Plot("Generated top quarks: pT and η", "pT [GeV]", "η").histogram2d(ptEta, "t (simulation)").save(dir.resolve("top_pt_eta.svg")));

        boolean[] wAll = new boolean[wjets.size()];
        java.util.Arrays.fill(wAll, true);
        out.add(new Plot("Number of jets", "number of jets", "fraction of events")
                .histogramNormalised(ttbar.histogram(SampleSummary.N_JETS, all, 9, 1.5, 10.5), "tt̄", Plot.HistStyle.STEP)
                .histogramNormalised(wjets.histogram(SampleSummary.N_JETS, wAll, 9, 1.5, 10.5), "W+jets", Plot.HistStyle.STEP)
                .save(dir.resolve("n_jets.svg")));

        out.add(new Plot("M3 (≥ 4 jets)", "M3 [GeV]", "fraction of events / 20 GeV")
                .histogram(r.ttbarM3().normalised(), "tt̄", Plot.HistStyle.STEP)
                .histogram(r.wjetsM3().normalised(), "W+jets", Plot.HistStyle.STEP)
                .save(dir.resolve("m3_shapes.svg")));

        out.add(fractionPlot("Signal fraction fit, no b-tag", r.dataM3(), r.ttbarM3(), r.wjetsM3(), r.fSig()).save(dir.resolve("fsig.svg")));
        out.add(fractionPlot("Signal fraction fit, ≥ 1 medium b-tag", r.dataM3BTag(), r.ttbarM3BTag(), r.wjetsM3BTag(), r.fSigBTag())
                .save(dir.resolve("fsig_btag.svg")));

        out.add(new Plot("Reconstructed top mass, simulation", "m_top,avg [GeV]", "events / 10 GeV")
                .points(r.mcTopAverage(), "tt̄ simulation")
                .fit(r.crystalBall().mcFit(), MassFit.CRYSTAL_BALL, MassFit.LO, MassFit.HI,
                        String.format(Locale.ROOT, "Crystal Ball, χ²/ndf %.2f", r.crystalBall().mcFit().chi2PerNdf()))
                .fit(r.moyal().mcFit(), MassFit.MOYAL, MassFit.LO, MassFit.HI,
                        String.format(Locale.ROOT, "Landau (Moyal), χ²/ndf %.2f", r.moyal().mcFit().chi2PerNdf()))
                .save(dir.resolve("mass_fit_mc.svg")));

        out.add(new Plot("Background-subtracted data", "m_top,avg [GeV]", "events / 10 GeV")
                .points(r.dataTopAverage().centres(), r.subtracted(), r.subtractedErrors(), "data − W+jets")
                .fit(r.crystalBall().dataFit(), MassFit.CRYSTAL_BALL, MassFit.LO, MassFit.HI,
                        String.format(Locale.ROOT, "Crystal Ball: m_t = %.2f GeV", r.crystalBall().mass()))
                .fit(r.moyal().dataFit(), MassFit.MOYAL, MassFit.LO, MassFit.HI,
                        String.format(Locale.ROOT, "Landau (Moyal): m_t = %.2f GeV", r.moyal().mass()))
                .save(dir.resolve("mass_fit_data.svg")));
        return out;
    }

    private static Plot fractionPlot(String title, Histogram data, Histogram tt, Histogram wj, double f) {
        double l = data.integral();
        Histogram bkg = wj.normalised().scaled((1 - f) * l);
        Histogram sum = new Histogram(data.bins(), data.lo(), data.hi());
        double[] s = tt.normalised().scaled(f * l).counts(), b = bkg.counts(), c = sum.centres();
        for (int i = 0; i < c.length; i++) {
            sum.fill(c[i], s[i] + b[i]);
        }
        return new Plot(title, "M3 [GeV]", "events / 20 GeV")
                .points(data, "data")
                .histogram(sum, String.format(Locale.ROOT, "signal + background (f = %.3f)", f), Plot.HistStyle.STEP)
                .histogram(bkg, "background", Plot.HistStyle.FILLED);
    }
}
