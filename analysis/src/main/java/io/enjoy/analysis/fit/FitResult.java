package io.enjoy.analysis.fit;

import io.enjoy.analysis.display.MimeRenderable;
import org.apache.commons.math3.special.Gamma;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a fit reports, modelled on iminuit's FMin/Params and kafe2's result dict: values,
 * HESSE errors, covariance and correlation, MINOS errors if requested, cost at the minimum, ndf,
 * χ²/ndf and χ² probability, EDM and the validity flags.
 *
 * @param covariance external covariance {@code 2·up·H⁻¹} over all parameters; rows and columns of
 *                   fixed parameters are zero
 * @param ndf        data points minus free parameters (kafe2: n_data − n_par + n_fixed), or −1 if the
 *                   cost does not know its data size
 */
public record FitResult(List<Parameter> parameters, double[] values, double[] errors, double[][] covariance,
                        double fval, int ndf, boolean chiSquare, double errorDef, double edm, double edmGoal,
                        boolean converged, boolean callLimitReached, boolean hesseFailed, boolean posDefCovariance,
                        boolean madePosDef, boolean accurateCovariance, int nfcn,
                        Map<String, MinosError> minos) implements MimeRenderable {

    public FitResult {
        minos = Collections.unmodifiableMap(new LinkedHashMap<>(minos));
    }

    /** iminuit's is_valid: converged, below the EDM goal, no call limit, HESSE fine. */
    public boolean isValid() {
        return converged && !callLimitReached && !hesseFailed && !isAboveMaxEdm();
    }

    /** EDM above 10× its goal (MIGRAD may exceed the goal by up to 10×, as in iminuit). */
    public boolean isAboveMaxEdm() {
        return edm > 10 * edmGoal;
    }

    /** iminuit's has_parameters_at_limit: some free limited parameter lies within half an error of a limit. */
    public boolean hasParametersAtLimit() {
        for (int i = 0; i < parameters.size(); i++) {
            if (isAtLimit(i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether parameter i is free, limited and within half an error of one of its limits. */
    public boolean isAtLimit(int i) {
        Parameter p = parameters.get(i);
        if (p.fixed() || !p.isLimited()) {
            return false;
        }
        return Math.min(values[i] - p.lower(), p.upper() - values[i]) < 0.5 * errors[i];
    }

    public int index(String name) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no parameter '" + name + "' (have " + names() + ")");
    }

    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }

    public double value(String name) {
        return values[index(name)];
    }

    public double error(String name) {
        return errors[index(name)];
    }

    public double[] values() {
        return values.clone();
    }

    public int nFree() {
        return (int) parameters.stream().filter(p -> !p.fixed()).count();
    }

    /** Correlation matrix; 0 for fixed parameters, 1 on the diagonal of free ones. */
    public double[][] correlation() {
        int n = values.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = Math.sqrt(covariance[i][i] * covariance[j][j]);
                c[i][j] = d > 0 ? covariance[i][j] / d : 0;
            }
        }
        return c;
    }

    /** χ²/ndf, NaN unless the cost is χ²-like and ndf &gt; 0. */
    public double chi2PerNdf() {
        return chiSquare && ndf > 0 ? fval / ndf : Double.NaN;
    }

    /**
     * χ² probability P(χ² ≥ fval | ndf) as the regularised upper incomplete gamma function, which
     * stays precise for tiny probabilities where 1 − cdf would not (analysis-anchors C.5).
     */
    public double pValue() {
        return chiSquare && ndf > 0 ? Gamma.regularizedGammaQ(ndf / 2.0, fval / 2.0) : Double.NaN;
    }

    /** A kafe2-style text report: parameters, correlations, cost. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Fit %s (EDM %.3g, %d calls)%n", isValid() ? "valid" : "NOT VALID", edm, nfcn));
        sb.append("Model parameters\n");
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            sb.append(String.format(Locale.ROOT, "  %-10s = %.6g", p.name(), values[i]));
            if (p.fixed()) {
                sb.append("  (fixed)");
            } else {
                sb.append(String.format(Locale.ROOT, " ± %.3g", errors[i]));
                MinosError m = minos.get(p.name());
                if (m != null) {
                    sb.append(String.format(Locale.ROOT, "  (MINOS %+.3g / %+.3g%s)", m.lower(), m.upper(), m.isValid() ? "" : ", invalid"));
                }
                if (isAtLimit(i)) {
                    sb.append("  AT LIMIT");
                }
            }
            sb.append('\n');
        }
        double[][] c = correlation();
        sb.append("Correlations\n");
        for (int i = 0; i < parameters.size(); i++) {
            sb.append(String.format(Locale.ROOT, "  %-10s", parameters.get(i).name()));
            for (int j = 0; j < parameters.size(); j++) {
                sb.append(String.format(Locale.ROOT, " %7.4f", c[i][j]));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Cost %.6g", fval));
        if (chiSquare && ndf > 0) {
            sb.append(String.format(Locale.ROOT, ", chi2/ndf = %.4g/%d = %.4g, chi2 probability %.4g", fval, ndf, chi2PerNdf(), pValue()));
        }
        if (!isValid()) {
            sb.append(String.format(Locale.ROOT, "%nflags: converged=%s callLimit=%s hesseFailed=%s madePosDef=%s aboveMaxEdm=%s",
                    converged, callLimitReached, hesseFailed, madePosDef, isAboveMaxEdm()));
        }
        return sb.append('\n').toString();
    }

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> m = new LinkedHashMap<>();
        StringBuilder h = new StringBuilder("<table><tr><th>parameter</th><th>value</th><th>error</th><th>MINOS</th></tr>");
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            MinosError me = minos.get(p.name());
            h.append("<tr><td>").append(escape(p.name())).append("</td><td>").append(String.format(Locale.ROOT, "%.6g", values[i]))
                    .append("</td><td>").append(p.fixed() ? "fixed" : String.format(Locale.ROOT, "%.3g", errors[i]))
                    .append("</td><td>").append(me == null ? "" : String.format(Locale.ROOT, "%+.3g / %+.3g", me.lower(), me.upper()))
                    .append("</td></tr>");
        }
        h.append("</table><p>").append(escape(String.format(Locale.ROOT, "cost %.6g", fval)));
        if (chiSquare && ndf > 0) {
            h.append(String.format(Locale.ROOT, ", χ²/ndf = %.4g, p = %.4g", chi2PerNdf(), pValue()));
        }
        h.append(isValid() ? "" : " — <b>fit not valid</b>").append("</p>");
        m.put(TEXT_HTML, h.toString());
        m.put(TEXT_PLAIN, report());
        return Collections.unmodifiableMap(m);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return report();
    }
}
