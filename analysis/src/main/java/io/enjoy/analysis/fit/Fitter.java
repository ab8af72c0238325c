package io.enjoy.analysis.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets up and runs a fit: declare parameters in the order the cost expects them, optionally
 * limit or fix them, then {@link #fit()}. The result carries MIGRAD's minimum, HESSE errors
 * from the numerical Hessian ({@code cov = 2·up·H⁻¹} in external coordinates, not the
 * Gauss–Newton approximation), and, if requested, MINOS errors.
 *
 * <pre>{@code
 * FitResult r = new Fitter(cost)
 *         .parameter("b", 1.5).limits("b", 0, 5)
 *         .parameter("mu", 175)
 *         .fix("b", 1.0)
 *         .minos(true)
 *         .fit();
 * }</pre>
 *
 * <p>A fitter is a mutable description; {@link #fit()} does not change it. Fits check for thread
 * interruption at every cost evaluation and throw {@link java.util.concurrent.CancellationException}.
 */
public final class Fitter {

    /** iminuit/kafe2 style tolerance; the EDM goal is 0.002·tol·errordef. Tighter than iminuit's 0.1 on purpose. */
    public static final double DEFAULT_TOLERANCE = 1e-3;

    private final Cost cost;
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private double tolerance = DEFAULT_TOLERANCE;
    private int maxCalls = 0;
    private boolean minos;

    public Fitter(Cost cost) {
        this.cost = cost;
    }

    /** A fitter with the same cost and a copy of the parameter set-up. */
    public Fitter copy() {
        Fitter f = new Fitter(cost);
        f.params.putAll(params);
        f.tolerance = tolerance;
        f.maxCalls = maxCalls;
        f.minos = minos;
        return f;
    }

    /** Declares the next parameter with a start value; the initial step is 10 % of it (0.1 if it is 0). */
    public Fitter parameter(String name, double start) {
        return parameter(name, start, start != 0 ? 0.1 * Math.abs(start) : 0.1);
    }

    /** Declares the next parameter with a start value and an initial step (a rough error guess). */
    public Fitter parameter(String name, double start, double step) {
        if (params.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is declared twice");
        }
        params.put(name, new Parameter(name, start, step, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false));
        return this;
    }

    /** Limits a parameter to (lower, upper); use ±infinity for one-sided limits. */
    public Fitter limits(String name, double lower, double upper) {
        Parameter p = get(name);
        if (!(p.value() >= lower && p.value() <= upper)) {
            throw new IllegalArgumentException("parameter '" + name + "' starts at " + p.value() + ", outside its limits (" + lower + ", " + upper + ")");
        }
        double step = p.step();
        if (Double.isFinite(upper - lower)) {
            step = Math.min(step, 0.1 * (upper - lower));
        }
        params.put(name, new Parameter(name, p.value(), step, lower, upper, p.fixed()));
        return this;
    }

    /** Fixes a parameter at its current value. */
    public Fitter fix(String name) {
        Parameter p = get(name);
        params.put(name, new Parameter(name, p.value(), p.step(), p.lower(), p.upper(), true));
        return this;
    }

    /** Fixes a parameter at a value. */
    public Fitter fix(String name, double value) {
        Parameter p = get(name);
        params.put(name, new Parameter(name, value, p.step(), p.lower(), p.upper(), true));
        return this;
    }

    /** Releases a fixed parameter. */
    public Fitter release(String name) {
        Parameter p = get(name);
        params.put(name, new Parameter(name, p.value(), p.step(), p.lower(), p.upper(), false));
        return this;
    }

    /** Sets the start value. */
    public Fitter value(String name, double value) {
        params.put(name, get(name).withValue(value));
        return this;
    }

    public Fitter tolerance(double tol) {
        this.tolerance = tol;
        return this;
    }

    /** Maximum cost evaluations for MIGRAD; 0 means max(6000, 200 + 100n + 5n²) (kafe2 uses 6000). */
    public Fitter maxCalls(int calls) {
        this.maxCalls = calls;
        return this;
    }

    /** Whether {@link #fit()} also computes MINOS errors for every free parameter. */
    public Fitter minos(boolean on) {
        this.minos = on;
        return this;
    }

    public Cost cost() {
        return cost;
    }

    public List<Parameter> parameters() {
        return List.copyOf(params.values());
    }

    private Parameter get(String name) {
        Parameter p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' (declared: " + params.keySet() + ")");
        }
        return p;
    }

    /** Runs MIGRAD, then HESSE, then MINOS if requested. */
    public FitResult fit() {
        Minimum m = minimize();
        FitResult r = HesseErrors.compute(this, m);
        if (minos) {
            r = Minos.addTo(this, r);
        }
        return r;
    }

    /** The MIGRAD minimum in external coordinates, without HESSE. */
    record Minimum(List<Parameter> params, int[] free, double[] values, double fval, Migrad.State state) {
    }

    Minimum minimize() {
        List<Parameter> ps = parameters();
        if (ps.isEmpty()) {
            throw new IllegalStateException("the fit has no parameters");
        }
        int[] free = ps.stream().filter(p -> !p.fixed()).mapToInt(ps::indexOf).toArray();
        if (free.length == 0) {
            throw new IllegalStateException("every parameter is fixed; release at least one (" + params.keySet() + ")");
        }
        double[] ext = ps.stream().mapToDouble(Parameter::value).toArray();
        double[] x0 = new double[free.length];
        double[] s0 = new double[free.length];
        for (int k = 0; k < free.length; k++) {
            Parameter p = ps.get(free[k]);
            x0[k] = LimitTransform.toInternal(p, p.value());
            s0[k] = LimitTransform.internalStep(p, p.value(), p.step());
        }
        int n = free.length;
        int calls = maxCalls > 0 ? maxCalls : Math.max(6000, 200 + 100 * n + 5 * n * n);
        Migrad migrad = new Migrad(xi -> cost.value(external(ps, free, ext, xi)), cost.errorDef(), tolerance, calls);
        Migrad.State st = migrad.minimize(x0, s0);
        double[] values = external(ps, free, ext, st.x());
        return new Minimum(ps, free, values, st.fval(), st);
    }

    double edmGoal() {
        return 0.002 * tolerance * cost.errorDef();
    }

    static double[] external(List<Parameter> ps, int[] free, double[] base, double[] internal) {
        double[] e = base.clone();
        for (int k = 0; k < free.length; k++) {
            e[free[k]] = LimitTransform.toExternal(ps.get(free[k]), internal[k]);
        }
        return e;
    }

    /** Profile: the cost minimised over the other free parameters, at each given value of one parameter. */
    public double[] profile(String name, double[] at) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = copy().minos(false).fix(name, at[i]).minimize().fval();
        }
        return out;
    }

    /**
     * The 2-D contour where the profiled cost is {@code minimum + delta·errordef} (kafe2's 1σ contour
     * is delta = 1), as {@code points} (x, y) pairs around the minimum of {@code result}.
     */
    public double[][] contour(FitResult result, String xName, String yName, double delta, int points) {
        return Minos.contour(this, result, xName, yName, delta, points);
    }

    /** Free parameter indices of this set-up. */
    List<Integer> freeIndices() {
        List<Integer> l = new ArrayList<>();
        List<Parameter> ps = parameters();
        for (int i = 0; i < ps.size(); i++) {
            if (!ps.get(i).fixed()) {
                l.add(i);
            }
        }
        return l;
    }
}
