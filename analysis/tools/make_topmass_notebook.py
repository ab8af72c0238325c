#!/usr/bin/env python3
"""Writes analysis/src/main/notebooks/topmass.ipynb (nbformat 4.5) from the cells below.
Run after editing: python3 analysis/tools/make_topmass_notebook.py"""
import json
import pathlib

CELLS = []


def md(text):
    CELLS.append(("markdown", text.strip("\n")))


def code(text):
    CELLS.append(("code", text.strip("\n")))


md(r"""
# Measuring the top-quark mass

In this exercise you work with simulated and measured proton–proton collisions in which a top quark
and its antiquark were produced. Each top quark decays almost always into a W boson and a b quark.
We look at the *muon + jets* channel: one W decays into a muon and a neutrino, the other into two quarks.
So a typical event has one isolated muon, missing transverse momentum from the neutrino, and
at least four jets, two of them from b quarks.

You will:
1. look at how the events are stored and compute kinematic quantities yourself,
2. find variables that separate top-pair events from the main background, W + jets,
3. measure the signal fraction and the production cross section,
4. reconstruct the top quarks in each event, and
5. extract the top-quark mass, calibrated with simulation, with its uncertainties.

Everything runs in Java through the course library `io.enjoy.analysis`. `display(x)` shows tables,
fit results and plots in the notebook.
""")

code(r"""
import io.enjoy.analysis.data.*;
import io.enjoy.analysis.kinematics.*;
import io.enjoy.analysis.hist.*;
import io.enjoy.analysis.fit.*;
import io.enjoy.analysis.dist.*;
import io.enjoy.analysis.plot.*;
import io.enjoy.analysis.topmass.*;
import io.enjoy.analysis.toy.*;
import java.nio.file.*;

// Where the three files live. If they are missing, a toy data set in exactly the course format is
// generated (the real CMS files cannot be redistributed); its data sample uses a top mass you are not told.
Path dir = Path.of("topmass-data");
if (!Files.exists(dir.resolve(Dataset.DATA_FILE))) {
    double secret = 170 + 5 * new java.util.Random(2020).nextDouble();
    new Dataset(2020, 20_000, 20_000, 5_000, 0.5, secret, ToyModel.defaults()).write(dir);
}
"data directory: " + dir.toAbsolutePath()
""")

md(r"""
## 1. The data structure

Each file has one event per line. The columns hold Python-style lists: `Jets` is a list of
four-vectors `[E, px, py, pz]` (GeV), `missing E` and `Muons` are one four-vector each (only the
x and y components of the missing energy are measured), and `Jets bTag` holds one b-tag
discriminant per jet, in the same order as `Jets`. The top-pair simulation also stores the
generated top and antitop (`T_gen`, `anti T_gen`).
""")

code(r"""
EventTable ttbar = EventTable.read(dir.resolve(Dataset.TTBAR_FILE));
EventTable wjets = EventTable.read(dir.resolve(Dataset.WJETS_FILE));
EventTable data  = EventTable.read(dir.resolve(Dataset.DATA_FILE));
display(ttbar.head(5));
""")

md(r"""
### Helper quantities

The library's `FourVector` has what you would otherwise write yourself:
transverse momentum $p_T = \sqrt{p_x^2 + p_y^2}$, pseudorapidity $\eta = \operatorname{artanh}(p_z/|\vec p|)$
and invariant mass $m = \sqrt{E^2 - |\vec p|^2}$. Check one by hand:
""")

code(r"""
FourVector v = new FourVector(100, 30, 40, 50);
// by hand: pT = 50, |p| = sqrt(5000) = 70.71, m = sqrt(10000 - 5000) = 70.71, eta = artanh(50/70.71) = 0.8814
v
""")

md(r"""
## 2. Kinematics of top-pair events

Top pairs are heavy, so their decay products carry large transverse momenta.
Look at the generated tops: $p_T$, $\eta$, and how the two are correlated.
""")

code(r"""
EventTable tops = ttbar.with("pt", e -> e.topGen().pt()).with("eta", e -> e.topGen().eta());
Histogram2D ptEta = new Histogram2D(50, 0, 500, 50, -5, 5);
for (Event e : tops.events()) ptEta.fill(e.topGen().pt(), e.topGen().eta());
display(new Plot("Generated top quark", "pT [GeV]", "events / 10 GeV")
        .histogram(tops.histogram("pt", 50, 0, 500), "t", Plot.HistStyle.FILLED));
display(new Plot("Generated top quark", "pT [GeV]", "η").histogram2d(ptEta, "t"));
""")

md(r"""
## 3. Number of jets

A semileptonic top pair gives four quarks, so we expect about four jets (some are lost, extra jets
come from radiation). W + jets events have fewer. Compare the two shapes and choose a cut.
""")

code(r"""
ttbar = ttbar.with("nJets", e -> e.nJets());
wjets = wjets.with("nJets", e -> e.nJets());
display(new Plot("Number of jets", "number of jets", "fraction of events")
        .histogramNormalised(ttbar.histogram("nJets", 9, 1.5, 10.5), "tt̄", Plot.HistStyle.STEP)
        .histogramNormalised(wjets.histogram("nJets", 9, 1.5, 10.5), "W+jets", Plot.HistStyle.STEP));
EventTable cutTtbar = ttbar.where(e -> e.nJets() >= 4);
EventTable cutWjets = wjets.where(e -> e.nJets() >= 4);
EventTable cutData  = data.where(e -> e.nJets() >= 4);
"kept " + cutTtbar.size() + " tt̄, " + cutWjets.size() + " W+jets, " + cutData.size() + " data events"
""")

md(r"""
## 4. Shape variables

Compute for every event the missing transverse energy, the muon $p_T$ and $\eta$, $H_T$ (scalar sum of
the jet $p_T$, the muon $p_T$ and the missing $E_T$) and $M_3$: the invariant mass of the three jets
whose vector sum has the largest $p_T$. Which variable separates signal from background best?
""")

code(r"""
cutTtbar = cutTtbar.with("MET", TopPhysics::met).with("HT", TopPhysics::ht).with("M3", e -> TopPhysics.m3(e.jets()));
cutWjets = cutWjets.with("MET", TopPhysics::met).with("HT", TopPhysics::ht).with("M3", e -> TopPhysics.m3(e.jets()));
cutData  = cutData.with("M3", e -> TopPhysics.m3(e.jets()));
display(new Plot("Sum of transverse energy", "HT [GeV]", "fraction of events")
        .histogramNormalised(cutTtbar.histogramClipped("HT", 16, 0, 1600), "tt̄", Plot.HistStyle.STEP)
        .histogramNormalised(cutWjets.histogramClipped("HT", 16, 0, 1600), "W+jets", Plot.HistStyle.STEP));
display(new Plot("Mass of three jets", "M3 [GeV]", "fraction of events")
        .histogramNormalised(cutTtbar.histogramClipped("M3", 35, 0, 700), "tt̄", Plot.HistStyle.STEP)
        .histogramNormalised(cutWjets.histogramClipped("M3", 35, 0, 700), "W+jets", Plot.HistStyle.STEP));
""")

md(r"""
## 5. Signal fraction and S/B

The data are a mixture of signal and background. Fit the $M_3$ distribution of the data with
$N_\text{pred} = l\,(f\,S + (1-f)\,B)$, where $S$ and $B$ are the normalised simulated shapes and $l$ the
number of data events, by minimising
$\chi^2 = \sum (N_\text{pred} - N_\text{data})^2 / N_\text{pred}$ over the bins above 60 GeV, with $f$ in (0.1, 1).
Then repeat it for events with at least one jet passing the medium b-tag (discriminant > 0.679).
""")

code(r"""
Histogram dM3 = cutData.histogramClipped("M3", 35, 0, 700);
Histogram sM3 = cutTtbar.histogramClipped("M3", 35, 0, 700).normalised();
Histogram bM3 = cutWjets.histogramClipped("M3", 35, 0, 700).normalised();
FitResult frac = SignalFraction.fit(dM3, sM3, bM3, 0.5);
display(frac);
double f = frac.value("f_sig");
"S/B = " + SignalFraction.signalOverBackground(f)
""")

code(r"""
EventTable tagData  = cutData.where(e -> TopPhysics.hasBTag(e, TopPhysics.MEDIUM_BTAG));
EventTable tagTtbar = cutTtbar.where(e -> TopPhysics.hasBTag(e, TopPhysics.MEDIUM_BTAG));
EventTable tagWjets = cutWjets.where(e -> TopPhysics.hasBTag(e, TopPhysics.MEDIUM_BTAG));
Histogram dM3b = tagData.histogramClipped("M3", 35, 0, 700);
FitResult fracB = SignalFraction.fit(dM3b, tagTtbar.histogramClipped("M3", 35, 0, 700).normalised(),
        tagWjets.histogramClipped("M3", 35, 0, 700).normalised(), 0.8);
double fB = fracB.value("f_sig");
Histogram bkgB = tagWjets.histogramClipped("M3", 35, 0, 700).normalised().scaled((1 - fB) * tagData.size());
display(new Plot("M3 with ≥ 1 medium b-tag", "M3 [GeV]", "events / 20 GeV")
        .points(dM3b, "data").histogram(bkgB, "W+jets (fitted)", Plot.HistStyle.FILLED));
display(fracB);
"S/B with b-tag = " + SignalFraction.signalOverBackground(fB)
""")

md(r"""
## 6. Cross section

$\sigma_{t\bar t} = N_\text{data} \, f_\text{sig} / (L \, \epsilon)$ with $L = 5\ \text{fb}^{-1}$ and the selection
efficiency $\epsilon = 0.0259$. Compare with the prediction of about 163 pb.
""")

code(r"""
TopPhysics.crossSectionPb(tagData.size(), fB) + " pb"
""")

md(r"""
## 7. Reconstructing the top quarks

For the b-tagged events, try every assignment of four jets to (hadronic b, leptonic b, two light quarks
from the W), with at least one of the two b jets loosely tagged (> 0.244). The neutrino's $p_z$ follows
from requiring $m(\mu\nu) = m_W$. Keep the assignment with the smallest
$\chi^2 = (m_{W,\text{had}} - 78.1)^2/11.2^2 + (m_{t,\text{lep}} - m_{t,\text{had}} + 7.5)^2/45.2^2$
and take the average of the two top masses.
""")

code(r"""
java.util.function.ToDoubleFunction<Event> avgMass = e -> {
    TopPair t = TopPhysics.reconstruct(e);
    return t == null ? Double.NaN : t.averageMass();
};
tagData  = tagData.with("mHad", e -> { TopPair t = TopPhysics.reconstruct(e); return t == null ? Double.NaN : t.hadronicMass(); })
                  .with("mAvg", avgMass);
tagTtbar = tagTtbar.with("mAvg", avgMass);
tagWjets = tagWjets.with("mAvg", avgMass);
display(new Plot("Reconstructed top mass (data)", "m [GeV]", "events / 20 GeV")
        .histogram(tagData.histogram("M3", 35, 0, 700), "M3", Plot.HistStyle.FILLED)
        .histogram(tagData.histogram("mHad", 35, 0, 700), "hadronic top", Plot.HistStyle.STEP)
        .histogram(tagData.histogram("mAvg", 35, 0, 700), "average", Plot.HistStyle.STEP));
""")

md(r"""
## 8. The top-quark mass

### 8.1 A parametrisation from simulation
The reconstructed mass is not symmetric. Fit the simulated distribution (130–330 GeV, 10 GeV bins)
with the Crystal Ball function (a Gaussian core with a power-law tail to high masses; parameters
$b, m, \mu, \sigma$ and a scale) and, for comparison, the Landau-like function
$A/\sqrt{2\pi}\,\exp(-\tfrac12((x-m)/b + e^{-(x-m)/b}))$.
""")

code(r"""
Histogram mcAvg = tagTtbar.histogram("mAvg", MassFit.BINS, MassFit.LO, MassFit.HI);
FitResult cbMc = MassFit.fitSimulation(mcAvg, MassFit.Shape.CRYSTAL_BALL);
FitResult moMc = MassFit.fitSimulation(mcAvg, MassFit.Shape.MOYAL);
display(new Plot("Simulation", "average top mass [GeV]", "events / 10 GeV")
        .points(mcAvg, "tt̄ simulation")
        .fit(cbMc, MassFit.CRYSTAL_BALL, 130, 330, "Crystal Ball")
        .fit(moMc, MassFit.MOYAL, 130, 330, "Landau-like"));
display(cbMc);
""")

md(r"""
The fit parameters are correlated. The contour where $\chi^2$ rises by one above its minimum shows
how $\mu$ and $\sigma$ move together:
""")

code(r"""
Fitter cbFitter = new Fitter(new LeastSquares(mcAvg.centres(), mcAvg.counts(), MassFit.poissonErrors(mcAvg.counts()), MassFit.CRYSTAL_BALL))
        .parameter("b", cbMc.value("b"), 0.1).limits("b", 0, 5)
        .parameter("m", cbMc.value("m"), 0.1).limits("m", 1, 3)
        .parameter("mu", cbMc.value("mu"), 0.5)
        .parameter("sigma", cbMc.value("sigma"), 0.5).limits("sigma", 0, 50)
        .parameter("scale", cbMc.value("scale"), 0.01 * cbMc.value("scale"));
display(new Plot("Δχ² = 1 contour", "μ [GeV]", "σ [GeV]").contour(cbFitter.contour(cbMc, "mu", "sigma", 1.0, 24), "Crystal Ball"));
""")

md(r"""
The profile of $\mu$ (all other parameters re-fitted at each point) next to the parabola that the
symmetric HESSE error assumes — where they differ, the asymmetric MINOS errors are the better summary:
""")

code(r"""
double mu0 = cbMc.value("mu"), s0 = cbMc.error("mu");
double[] at = new double[17];
for (int i = 0; i < at.length; i++) at[i] = mu0 - 2 * s0 + i * s0 / 4;
double[] profile = cbFitter.profile("mu", at);
double[] delta = new double[at.length];
for (int i = 0; i < at.length; i++) delta[i] = profile[i] - cbMc.fval();
display(new Plot("Profile of μ", "μ [GeV]", "Δχ²")
        .points(at, delta, null, "profile")
        .curve(x -> Math.pow((x - mu0) / s0, 2), mu0 - 2 * s0, mu0 + 2 * s0, "parabola from HESSE"));
""")

md(r"""
### 8.2 Offset to the generator mass
The simulation was generated with $m_t = 172.5$ GeV. The fitted peak position differs from it;
this offset also exists in data and is corrected for below.
""")

code(r"""
double offset = cbMc.value("mu") - TopPhysics.GENERATOR_TOP_MASS;
"offset = " + offset + " ± " + cbMc.error("mu") + " GeV"
""")

md(r"""
### 8.3 Background subtraction and the data fit
Subtract the W + jets shape, scaled to the background fraction $1 - f$ from exercise 5, from the data.
Then fit with the shape parameters fixed to the simulation; only the position and the scale move.
""")

code(r"""
Histogram dataAvg = tagData.histogram("mAvg", MassFit.BINS, MassFit.LO, MassFit.HI);
Histogram wjAvg = tagWjets.histogram("mAvg", MassFit.BINS, MassFit.LO, MassFit.HI);
double l = tagData.size();
double[] d = dataAvg.counts(), bk = wjAvg.counts(), sub = new double[d.length], err = new double[d.length];
for (int i = 0; i < d.length; i++) {
    double bNorm = bk[i] / tagWjets.size();
    sub[i] = d[i] - bNorm * (1 - fB) * l;
    err[i] = Math.sqrt(Math.max(d[i] + l * (1 - fB) * (1 - fB) * bNorm, 1));
}
FitResult cbData = MassFit.fitData(dataAvg.centres(), sub, err, cbMc, MassFit.Shape.CRYSTAL_BALL);
display(new Plot("Background-subtracted data", "average top mass [GeV]", "events / 10 GeV")
        .points(dataAvg.centres(), sub, err, "data − W+jets")
        .fit(cbData, MassFit.CRYSTAL_BALL, 130, 330, "Crystal Ball, shape fixed"));
display(cbData);
""")

code(r"""
double mTop = cbData.value("mu") - offset;
double stat = cbData.error("mu"), mc = cbMc.error("mu"), jes = TopPhysics.JES_UNCERTAINTY;
String.format("m_top = %.2f ± %.2f (stat) ± %.2f (MC) ± %.1f (JES) GeV = %.2f ± %.2f GeV",
        mTop, stat, mc, jes, mTop, Math.sqrt(stat * stat + mc * mc + jes * jes))
""")

md(r"""
## 9. The whole chain in one call

The library runs the same steps in one go, streaming the files so that even a million events fit into
memory. This is also what `enjoy analysis topmass --data DIR` prints. Compare with your numbers above.
""")

code(r"""
TopMassResult result = TopMassAnalysis.run(Samples.summarise(dir.resolve(Dataset.TTBAR_FILE)),
        Samples.summarise(dir.resolve(Dataset.WJETS_FILE)), Samples.summarise(dir.resolve(Dataset.DATA_FILE)));
display(result);
""")

md(r"""
**Questions.** How does your mass compare with the world average (about 172.5 GeV)? Which uncertainty
dominates? Why is the Crystal Ball a better description than the Landau-like function, and what does
the contour tell you about using symmetric errors?
""")


def main():
    cells = []
    for i, (kind, text) in enumerate(CELLS):
        lines = text.split("\n")
        source = [l + "\n" for l in lines[:-1]] + [lines[-1]]
        cell = {"cell_type": kind, "id": f"topmass-{i:02d}", "metadata": {}, "source": source}
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        cells.append(cell)
    nb = {"cells": cells,
          "metadata": {"kernelspec": {"display_name": "Java", "language": "java", "name": "java"},
                       "language_info": {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source"}},
          "nbformat": 4, "nbformat_minor": 5}
    out = pathlib.Path(__file__).resolve().parent.parent / "src/main/notebooks/topmass.ipynb"
    out.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("wrote", out)


if __name__ == "__main__":
    main()
