package io.enjoy.analysis.fit;

/** A model curve y = f(x; p) with the parameters in the order the fit declares them. */
@FunctionalInterface
public interface Model {
    double value(double x, double[] p);
}
