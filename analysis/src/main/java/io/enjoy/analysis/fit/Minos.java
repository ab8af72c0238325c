package io.enjoy.analysis.fit;

import io.enjoy.analysis.Interrupts;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MINOS errors and 2-D contours by profiling: at each trial point the tested parameter(s) are
 * fixed and all other free parameters re-minimised with MIGRAD, starting from the linear
 * prediction of the covariance (analysis-anchors B.6). Crossings of {@code minimum + errordef}
 * are found with Commons Math's {@link BrentSolver} after bracketing outwards.
 */
final class Minos {

    private static final double ROOT_ACCURACY = 1e-5; // in units of the HESSE error

    private Minos() {
    }

    static FitResult addTo(Fitter fitter, FitResult r) {
        Map<String, MinosError> out = new LinkedHashMap<>(r.minos());
        int calls = 0;
        for (int i : fitter.freeIndices()) {
            Side lo = crossing(fitter, r, i, -1);
            Side hi = crossing(fitter, r, i, +1);
            String name = r.parameters().get(i).name();
            out.put(name, new MinosError(name, lo.distance, hi.distance, lo.valid, hi.valid, lo.atLimit, hi.atLimit, lo.calls + hi.calls));
            calls += lo.calls + hi.calls;
        }
        return new FitResult(r.parameters(), r.values(), r.errors(), r.covariance(), r.fval(), r.ndf(), r.chiSquare(),
                r.errorDef(), r.edm(), r.edmGoal(), r.converged(), r.callLimitReached(), r.hesseFailed(),
                r.posDefCovariance(), r.madePosDef(), r.accurateCovariance(), r.nfcn() + calls, out);
    }

    private record Side(double distance, boolean valid, boolean atLimit, int calls) {
    }

    /** Profiled cost minus target with parameters {@code fixedIdx} set to {@code at}. */
    private static final class Profile {
        final Fitter fitter;
        final FitResult r;
        final int[] fixedIdx;
        final double target;
        int calls;
        boolean failed;

        Profile(Fitter fitter, FitResult r, int[] fixedIdx, double delta) {
            this.fitter = fitter;
            this.r = r;
            this.fixedIdx = fixedIdx;
            this.target = r.fval() + delta * r.errorDef();
        }

        double at(double[] at) {
            Interrupts.check("MINOS");
            List<Parameter> ps = r.parameters();
            double[] v = r.values();
            Fitter f = fitter.copy().minos(false);
            // start the others at the covariance's linear prediction, clamped inside their limits
            double[][] c = r.covariance();
            for (int j = 0; j < ps.size(); j++) {
                if (ps.get(j).fixed() || contains(fixedIdx, j)) {
                    continue;
                }
                double shift = 0;
                if (fixedIdx.length == 1) {
                    int k = fixedIdx[0];
                    shift = c[k][k] > 0 ? c[j][k] / c[k][k] * (at[0] - v[k]) : 0;
                }
                Parameter p = ps.get(j);
                double start = v[j] + shift;
                double span = p.upper() - p.lower();
                double margin = Double.isFinite(span) ? 1e-6 * span : 0;
                start = Math.max(p.lower() + margin, Math.min(p.upper() - margin, start));
                f.value(p.name(), start);
            }
            for (int k = 0; k < fixedIdx.length; k++) {
                f.fix(ps.get(fixedIdx[k]).name(), at[k]);
            }
            if (f.freeIndices().isEmpty()) {
                calls++;
                double[] full = r.values();
                for (int k = 0; k < fixedIdx.length; k++) {
                    full[fixedIdx[k]] = at[k];
                }
                return fitter.cost().value(full) - target;
            }
            Fitter.Minimum m = f.minimize();
            calls += m.state().nfcn();
            if (!m.state().converged()) {
                failed = true;
            }
            return m.fval() - target;
        }
    }

    private static boolean contains(int[] a, int x) {
        for (int v : a) {
            if (v == x) {
                return true;
            }
        }
        return false;
    }

    private static Side crossing(Fitter fitter, FitResult r, int i, int sign) {
        Profile prof = new Profile(fitter, r, new int[] {i}, 1.0);
        Parameter p = r.parameters().get(i);
        double x0 = r.values()[i];
        double sigma = r.errors()[i];
        double limit = sign > 0 ? p.upper() : p.lower();
        double a = 0;               // distance in units of sigma
        double ca = -r.errorDef();  // profile at the minimum
        double b = 1;
        double cb = Double.NaN;
        for (int iter = 0; iter < 20; iter++) {
            double xb = x0 + sign * b * sigma;
            boolean beyond = sign > 0 ? xb >= limit : xb <= limit;
            if (beyond) {
                double atLimit = limit - sign * 1e-9 * Math.max(1, Math.abs(limit));
                double cl = prof.at(new double[] {atLimit});
                if (cl < 0) {
                    return new Side(atLimit - x0, false, true, prof.calls);
                }
                b = Math.abs(atLimit - x0) / sigma;
                cb = cl;
                break;
            }
            cb = prof.at(new double[] {xb});
            if (cb >= 0) {
                break;
            }
            // secant extrapolation towards the crossing, at least 20 % and at most 3× further
            double slope = (cb - ca) / (b - a);
            double next = slope > 0 ? b - cb / slope : 2 * b;
            a = b;
            ca = cb;
            b = Math.max(1.2 * b, Math.min(next * 1.05, 3 * b));
        }
        if (!(cb >= 0)) {
            return new Side(sign * b * sigma, false, false, prof.calls);
        }
        UnivariateFunction fn = t -> prof.at(new double[] {x0 + sign * t * sigma});
        double t;
        try {
            t = new BrentSolver(ROOT_ACCURACY).solve(200, fn, a, b);
        } catch (RuntimeException e) {
            if (e instanceof java.util.concurrent.CancellationException ce) {
                throw ce;
            }
            return new Side(sign * b * sigma, false, false, prof.calls);
        }
        return new Side(sign * t * sigma, !prof.failed, false, prof.calls);
    }

    static double[][] contour(Fitter fitter, FitResult r, String xName, String yName, double delta, int points) {
        int ix = r.index(xName), iy = r.index(yName);
        if (r.parameters().get(ix).fixed() || r.parameters().get(iy).fixed() || ix == iy) {
            throw new IllegalArgumentException("a contour needs two different free parameters, got '" + xName + "' and '" + yName + "'");
        }
        Profile prof = new Profile(fitter, r, new int[] {ix, iy}, delta);
        double x0 = r.values()[ix], y0 = r.values()[iy];
        double sx = r.errors()[ix], sy = r.errors()[iy];
        double[][] out = new double[points][];
        for (int k = 0; k < points; k++) {
            double th = 2 * Math.PI * k / points;
            double dx = sx * Math.cos(th), dy = sy * Math.sin(th);
            UnivariateFunction fn = t -> prof.at(new double[] {x0 + t * dx, y0 + t * dy});
            double hi = Math.sqrt(delta);
            double chi = fn.value(hi);
            int guard = 0;
            while (chi < 0 && guard++ < 10) {
                hi *= 1.6;
                chi = fn.value(hi);
            }
            double t = chi < 0 ? hi : new BrentSolver(ROOT_ACCURACY).solve(200, fn, 0, hi);
            out[k] = new double[] {x0 + t * dx, y0 + t * dy};
        }
        return out;
    }
}
