package io.enjoy.analysis.fit;

import io.enjoy.analysis.Interrupts;

import java.util.function.ToDoubleFunction;

/**
 * A MIGRAD-like variable-metric minimiser on unbounded (internal) coordinates.
 *
 * <p>Like MINUIT's MIGRAD: numerical central-difference gradients, a start matrix from the
 * diagonal second derivatives, quasi-Newton steps with a parabolic line search, BFGS updates of
 * the inverse-Hessian estimate V, and convergence when the estimated distance to the minimum
 * {@code EDM = ½ gᵀVg} is below {@code 0.002·tol·up}. When the EDM criterion is first met the
 * full Hessian is computed numerically and the EDM re-checked with it (MINUIT strategy 1 does the
 * same), because a BFGS matrix can under-estimate the distance.
 *
 * <p>Checks for thread interruption at every function call.
 */
final class Migrad {

    /** Outcome in internal coordinates. */
    record State(double[] x, double fval, double[] gradient, double[][] v, double edm,
                 boolean converged, boolean callLimitReached, int nfcn) {
    }

    private final ToDoubleFunction<double[]> f;
    private final double up;
    private final double edmMax;
    private final int maxCalls;
    private int nfcn;

    Migrad(ToDoubleFunction<double[]> f, double up, double tolerance, int maxCalls) {
        this.f = f;
        this.up = up;
        this.edmMax = 0.002 * tolerance * up;
        this.maxCalls = maxCalls;
    }

    private double eval(double[] x) {
        Interrupts.check("the minimisation");
        nfcn++;
        double v = f.applyAsDouble(x);
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    /** Minimises from {@code x0}; {@code step0} are rough 1σ-sized steps in internal coordinates. */
    State minimize(double[] x0, double[] step0) {
        int n = x0.length;
        double[] x = x0.clone();
        double fx = eval(x);
        if (n == 0) {
            return new State(x, fx, new double[0], new double[0][0], 0, true, false, nfcn);
        }
        if (!Double.isFinite(fx)) {
            throw new IllegalArgumentException("the cost is not finite at the start values (" + fx + "); choose other start values");
        }
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = 0.01 * step0[i];
        }
        double[] g2 = new double[n];
        double[] g = gradient(x, fx, h, g2);
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = g2[i] > 0 ? 1 / g2[i] : step0[i] * step0[i] / up;
        }
        int hessianChecks = 0;
        boolean converged = false;
        double edm = edm(g, v);
        while (nfcn < maxCalls) {
            if (edm < edmMax) {
                // confirm with the true Hessian: BFGS matrices can be too optimistic
                if (hessianChecks >= 3) {
                    converged = true;
                    break;
                }
                hessianChecks++;
                double[][] hess = Hessian.internal(this::eval, x, fx, stepsFromV(v, x));
                double[][] inv = Hessian.invertPosDef(hess);
                if (inv != null) {
                    v = inv;
                }
                g = gradient(x, fx, stepsFromV(v, x), g2);
                edm = edm(g, v);
                if (edm < edmMax) {
                    converged = true;
                    // Polish with full Newton steps on the verified Hessian: a few calls buy
                    // agreement with other minimisers to many more digits than the EDM goal.
                    for (int k = 0; k < 3 && edm > 1e-12 * up && nfcn < maxCalls; k++) {
                        double[] xn = x.clone();
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                xn[i] -= v[i][j] * g[j];
                            }
                        }
                        double fn = eval(xn);
                        if (!(fn <= fx)) {
                            break;
                        }
                        x = xn;
                        fx = fn;
                        g = gradient(x, fx, stepsFromV(v, x), g2);
                        edm = edm(g, v);
                    }
                    break;
                }
            }
            double[] d = new double[n];
            double slope = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    d[i] -= v[i][j] * g[j];
                }
                slope += g[i] * d[i];
            }
            if (!(slope < 0)) {
                // not a descent direction: fall back to the diagonal metric
                v = diagonal(g2, step0);
                continue;
            }
            double[] step = lineSearch(x, fx, d, slope);
            if (step == null) {
                // no decrease along the Newton direction: retry once with a fresh metric, else stop
                double[][] hess = Hessian.internal(this::eval, x, fx, stepsFromV(v, x));
                double[][] inv = Hessian.invertPosDef(hess);
                if (inv == null || hessianChecks >= 3) {
                    break;
                }
                hessianChecks++;
                v = inv;
                edm = edm(g, v);
                continue;
            }
            double alpha = step[0];
            double[] xNew = new double[n];
            for (int i = 0; i < n; i++) {
                xNew[i] = x[i] + alpha * d[i];
            }
            double fNew = step[1];
            double[] gNew = gradient(xNew, fNew, stepsFromV(v, xNew), g2);
            bfgs(v, xNew, x, gNew, g);
            x = xNew;
            fx = fNew;
            g = gNew;
            edm = edm(g, v);
        }
        return new State(x, fx, g, v, edm, converged, nfcn >= maxCalls, nfcn);
    }

    private double[][] diagonal(double[] g2, double[] step0) {
        int n = g2.length;
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = g2[i] > 0 ? 1 / g2[i] : step0[i] * step0[i] / up;
        }
        return v;
    }

    /** Steps for numerical derivatives: 1e-3 of the current 1σ estimate sqrt(2·up·V_ii). */
    private double[] stepsFromV(double[][] v, double[] x) {
        double[] h = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sigma = Math.sqrt(Math.abs(2 * up * v[i][i]));
            h[i] = Math.max(1e-3 * sigma, 1e-11 * (1 + Math.abs(x[i])));
        }
        return h;
    }

    /** Central-difference gradient; also fills the diagonal second derivatives. */
    private double[] gradient(double[] x, double fx, double[] h, double[] g2) {
        int n = x.length;
        double[] g = new double[n];
        double[] xp = x.clone();
        for (int i = 0; i < n; i++) {
            xp[i] = x[i] + h[i];
            double fp = eval(xp);
            xp[i] = x[i] - h[i];
            double fm = eval(xp);
            xp[i] = x[i];
            g[i] = (fp - fm) / (2 * h[i]);
            g2[i] = (fp + fm - 2 * fx) / (h[i] * h[i]);
        }
        return g;
    }

    private static double edm(double[] g, double[][] v) {
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                s += g[i] * v[i][j] * g[j];
            }
        }
        return 0.5 * s;
    }

    /**
     * Parabolic line search along d from x (slope = gᵀd &lt; 0). Returns {alpha, f(x+alpha d)} with
     * a decrease, or null when none is found.
     */
    private double[] lineSearch(double[] x, double f0, double[] d, double slope) {
        double alpha = 1;
        double bestA = 0, bestF = f0;
        for (int iter = 0; iter < 12 && nfcn < maxCalls; iter++) {
            double fa = eval(axpy(x, alpha, d));
            if (fa < bestF) {
                bestA = alpha;
                bestF = fa;
            }
            // parabola through f(0)=f0 with slope, and f(alpha)=fa
            double curv = (fa - f0 - slope * alpha) / (alpha * alpha);
            if (fa < f0 + 1e-4 * alpha * slope && iter > 0) {
                break;
            }
            double aStar = curv > 0 ? -slope / (2 * curv) : 4 * alpha;
            if (fa < f0 + 1e-4 * alpha * slope) {
                // accepted at alpha = 1; try the parabola's minimum once if it is clearly elsewhere
                if (Math.abs(aStar - alpha) > 0.05 * alpha && aStar > 0 && aStar < 4 * alpha) {
                    double fs = eval(axpy(x, aStar, d));
                    if (fs < bestF) {
                        bestA = aStar;
                        bestF = fs;
                    }
                }
                break;
            }
            alpha = Math.max(0.1 * alpha, Math.min(aStar, 0.8 * alpha));
        }
        return bestA > 0 ? new double[] {bestA, bestF} : null;
    }

    private static double[] axpy(double[] x, double a, double[] d) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] + a * d[i];
        }
        return r;
    }

    /** BFGS update of the inverse Hessian V in place. */
    private static void bfgs(double[][] v, double[] xNew, double[] x, double[] gNew, double[] g) {
        int n = x.length;
        double[] s = new double[n], y = new double[n];
        double sy = 0;
        for (int i = 0; i < n; i++) {
            s[i] = xNew[i] - x[i];
            y[i] = gNew[i] - g[i];
            sy += s[i] * y[i];
        }
        if (!(sy > 1e-300)) {
            return; // curvature information unusable: keep V
        }
        double[] vy = new double[n];
        double yvy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                vy[i] += v[i][j] * y[j];
            }
            yvy += y[i] * vy[i];
        }
        double rho = 1 / sy;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i][j] += (1 + yvy * rho) * rho * s[i] * s[j] - rho * (vy[i] * s[j] + s[i] * vy[j]);
            }
        }
    }
}
