package io.enjoy.analysis.fit;

import io.enjoy.analysis.Interrupts;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * HESSE: the covariance {@code 2·up·H⁻¹} from the numerical Hessian of the cost in external
 * coordinates of the free parameters (analysis-anchors B.3). Steps are 1e-3 of each parameter's
 * error, refined until the step matches the error it produces (the reference fit is stable to
 * 1e-4 for relative steps between 1e-3 and 1e-5), and kept inside the limits.
 * A non-positive-definite Hessian is repaired (flag {@code madePosDef}, covariance not accurate);
 * if even that fails, errors come from the diagonal and {@code hesseFailed} is set.
 */
final class HesseErrors {

    private HesseErrors() {
    }

    static FitResult compute(Fitter fitter, Fitter.Minimum m) {
        Cost cost = fitter.cost();
        double up = cost.errorDef();
        List<Parameter> ps = m.params();
        int[] free = m.free();
        int n = free.length;
        double[] base = m.values();
        int[] calls = {0};
        ToDoubleFunction<double[]> g = y -> {
            Interrupts.check("HESSE");
            calls[0]++;
            double[] full = base.clone();
            for (int k = 0; k < n; k++) {
                full[free[k]] = y[k];
            }
            return cost.value(full);
        };
        double[] y = new double[n];
        double[] sigma = new double[n];
        Migrad.State st = m.state();
        for (int k = 0; k < n; k++) {
            Parameter p = ps.get(free[k]);
            y[k] = base[free[k]];
            double d = Math.abs(LimitTransform.derivative(p, st.x()[k]));
            sigma[k] = d * Math.sqrt(Math.abs(2 * up * st.v()[k][k]));
            if (!(sigma[k] > 0) || !Double.isFinite(sigma[k])) {
                sigma[k] = p.step();
            }
        }
        double[][] cov = null;
        boolean madePosDef = false;
        boolean failed = false;
        for (int round = 0; round < 4; round++) {
            double[] h = new double[n];
            for (int k = 0; k < n; k++) {
                Parameter p = ps.get(free[k]);
                double room = Math.min(y[k] - p.lower(), p.upper() - y[k]);
                h[k] = Math.min(1e-3 * sigma[k], 0.5 * room);
                h[k] = Math.max(h[k], 1e-12 * (1 + Math.abs(y[k])));
            }
            double[][] hess = Hessian.internal(g, y, m.fval(), h);
            double[][] inv = Hessian.invertPosDef(hess);
            madePosDef = false;
            failed = false;
            if (inv == null) {
                madePosDef = true;
                inv = Hessian.invertPosDef(Hessian.makePosDef(hess));
            }
            if (inv == null) {
                failed = true;
                inv = new double[n][n];
                for (int k = 0; k < n; k++) {
                    inv[k][k] = hess[k][k] > 0 ? 1 / hess[k][k] : sigma[k] * sigma[k] / (2 * up);
                }
            }
            cov = new double[n][n];
            boolean stable = true;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    cov[i][j] = 2 * up * inv[i][j];
                }
                double s = Math.sqrt(cov[i][i]);
                if (!(s > 0.3 * sigma[i] && s < 3 * sigma[i])) {
                    stable = false;
                }
                sigma[i] = s > 0 ? s : sigma[i];
            }
            if (stable || failed) {
                break;
            }
        }
        int np = ps.size();
        double[][] full = new double[np][np];
        double[] errors = new double[np];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                full[free[i]][free[j]] = cov[i][j];
            }
            errors[free[i]] = Math.sqrt(cov[i][i]);
        }
        int nData = cost.nData();
        int ndf = nData >= 0 ? nData - n : -1;
        return new FitResult(ps, base, errors, full, m.fval(), ndf, cost.isChiSquare(), up, st.edm(), fitter.edmGoal(),
                st.converged(), st.callLimitReached(), failed, !madePosDef && !failed, madePosDef,
                !madePosDef && !failed, st.nfcn() + calls[0], Map.of());
    }
}
