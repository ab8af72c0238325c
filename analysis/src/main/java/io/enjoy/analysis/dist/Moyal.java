package io.enjoy.analysis.dist;

/**
 * The exercise's "Landau" function (thesis eq. 4.4), in fact a Moyal density:
 * {@code g(x; A, m, b) = A/√(2π) · exp(−½((x−m)/b + exp(−(x−m)/b)))}.
 *
 * <p>The thesis prints {@code e^{+(x−m)/b}} in eq. 4.4; with that sign the function has no
 * maximum at m and falls off on the wrong side, so this is a typo: the Moyal approximation to the
 * Landau distribution (used since the C++ version fitted TMath::Landau) has {@code e^{−(x−m)/b}}.
 * Properties: mode at x = m, peak A·e^{−1/2}/√(2π), area A·b (so A is the event count only for
 * b = 1), mean m + b(γ_E + ln 2). Equals {@code A·b·scipy.stats.moyal.pdf(x, m, b)}.
 */
public final class Moyal {

    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private Moyal() {
    }

    /** g(x; A, m, b) in the notebook's parameter order. */
    public static double exercise(double x, double a, double m, double b) {
        double z = (x - m) / b;
        return a * INV_SQRT_2PI * Math.exp(-0.5 * (z + Math.exp(-z)));
    }
}
