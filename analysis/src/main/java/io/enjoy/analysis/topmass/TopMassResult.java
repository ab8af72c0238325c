package io.enjoy.analysis.topmass;

import io.enjoy.analysis.display.MimeRenderable;
import io.enjoy.analysis.fit.FitResult;
import io.enjoy.analysis.hist.Histogram;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Results of the whole exercise: the signal fractions, S/B, cross section, and for each shape
 * (Crystal Ball, Moyal) the top mass with its statistical, MC (offset calibration) and JES
 * uncertainties — the thesis's table 4.1 plus the intermediate numbers.
 */
public record TopMassResult(
        int nData, int nDataBTag,
        FitResult fractionFit, FitResult fractionFitBTag,
        double crossSectionPb,
        ShapeResult crystalBall, ShapeResult moyal,
        Histogram dataM3, Histogram ttbarM3, Histogram wjetsM3,
        Histogram dataM3BTag, Histogram ttbarM3BTag, Histogram wjetsM3BTag,
        Histogram mcTopAverage, Histogram dataTopAverage, Histogram wjetsTopAverage,
        double[] subtracted, double[] subtractedErrors) implements MimeRenderable {

    /**
     * One shape's chain.
     *
     * @param offset       fitted MC peak position − 172.5 GeV
     * @param mass         data peak position − offset
     * @param statError    error of the data peak position
     * @param mcError      error of the MC peak position (the offset's error)
     * @param totalError   statistical ⊕ MC ⊕ JES
     */
    public record ShapeResult(MassFit.Shape shape, FitResult mcFit, FitResult dataFit, double offset,
                              double mass, double statError, double mcError, double totalError) {
    }

    public double fSig() {
        return fractionFit.value("f_sig");
    }

    public double fSigBTag() {
        return fractionFitBTag.value("f_sig");
    }

    /** The results table printed by the CLI. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-34s %s%n", "quantity", "value"));
        sb.append(String.format(Locale.ROOT, "%-34s %d / %d%n", "data events (>=4 jets / +b-tag)", nData, nDataBTag));
        row(sb, "f_sig (no b-tag)", fractionFit);
        sb.append(String.format(Locale.ROOT, "%-34s %.4f%n", "S/B (no b-tag)", SignalFraction.signalOverBackground(fSig())));
        row(sb, "f_sig (>=1 medium b-tag)", fractionFitBTag);
        sb.append(String.format(Locale.ROOT, "%-34s %.4f%n", "S/B (>=1 medium b-tag)", SignalFraction.signalOverBackground(fSigBTag())));
        sb.append(String.format(Locale.ROOT, "%-34s %.2f pb%n", "cross section (b-tag sample)", crossSectionPb));
        sb.append(String.format(Locale.ROOT, "%n%-34s %-26s %-26s%n", "", "Crystal Ball", "Landau (Moyal)"));
        sb.append(String.format(Locale.ROOT, "%-34s %-26s %-26s%n", "MC peak position [GeV]",
                pm(crystalBall.mcFit().value("mu"), crystalBall.mcError()), pm(moyal.mcFit().value("m"), moyal.mcError())));
        sb.append(String.format(Locale.ROOT, "%-34s %-26s %-26s%n", "offset to 172.5 GeV [GeV]",
                String.format(Locale.ROOT, "%.3f", crystalBall.offset()), String.format(Locale.ROOT, "%.3f", moyal.offset())));
        sb.append(String.format(Locale.ROOT, "%-34s %-26s %-26s%n", "chi2/ndf MC fit", gof(crystalBall.mcFit()), gof(moyal.mcFit())));
        sb.append(String.format(Locale.ROOT, "%-34s %-26s %-26s%n", "chi2/ndf data fit", gof(crystalBall.dataFit()), gof(moyal.dataFit())));
        sb.append(String.format(Locale.ROOT, "%-34s %-26s %-26s%n", "top mass (stat) [GeV]",
                pm(crystalBall.mass(), crystalBall.statError()), pm(moyal.mass(), moyal.statError())));
        sb.append(String.format(Locale.ROOT, "%-34s %-26s %-26s%n", "  MC calibration error [GeV]",
                String.format(Locale.ROOT, "%.3f", crystalBall.mcError()), String.format(Locale.ROOT, "%.3f", moyal.mcError())));
        sb.append(String.format(Locale.ROOT, "%-34s %-26s %-26s%n", "  JES error [GeV]",
                String.format(Locale.ROOT, "%.1f", TopPhysics.JES_UNCERTAINTY), String.format(Locale.ROOT, "%.1f", TopPhysics.JES_UNCERTAINTY)));
        sb.append(String.format(Locale.ROOT, "%-34s %-26s %-26s%n", "top mass (total) [GeV]",
                pm(crystalBall.mass(), crystalBall.totalError()), pm(moyal.mass(), moyal.totalError())));
        boolean allValid = fractionFit.isValid() && fractionFitBTag.isValid() && crystalBall.mcFit().isValid()
                && crystalBall.dataFit().isValid() && moyal.mcFit().isValid() && moyal.dataFit().isValid();
        if (!allValid) {
            sb.append("WARNING: at least one fit is not valid; see the fit reports\n");
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, FitResult f) {
        sb.append(String.format(Locale.ROOT, "%-34s %.6f +- %.6f   (chi2/ndf %s)%n", name, f.value("f_sig"), f.error("f_sig"), gof(f)));
    }

    private static String pm(double v, double e) {
        return String.format(Locale.ROOT, "%.3f +- %.3f", v, e);
    }

    private static String gof(FitResult f) {
        return String.format(Locale.ROOT, "%.2f/%d = %.3f", f.fval(), f.ndf(), f.chi2PerNdf());
    }

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TEXT_HTML, "<pre>" + table().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</pre>");
        m.put(TEXT_PLAIN, table());
        return m;
    }

    @Override
    public String toString() {
        return table();
    }
}
