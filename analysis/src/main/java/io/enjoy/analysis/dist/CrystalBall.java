package io.enjoy.analysis.dist;

import org.apache.commons.math3.special.Erf;

/**
 * The Crystal Ball density, as {@code scipy.stats.crystalball} defines it (Gaussian core, power-law
 * tail on the low side of the standardised variable z):
 * <pre>
 * N = 1 / ( m/β/(m−1)·exp(−β²/2) + sqrt(π/2)·(1 + erf(β/√2)) )
 * pdf(z) = N·exp(−z²/2)            for z &gt; −β
 * pdf(z) = N·A·(B − z)^(−m)        for z ≤ −β,  A = (m/β)^m·exp(−β²/2),  B = m/β − β
 * </pre>
 * and, for the top-mass exercise, the reparametrisation of seed appendix B cell [4]
 * ({@link #exercise}) whose tail is on the high-mass side.
 */
public final class CrystalBall {

    private static final double SQRT_HALF_PI = Math.sqrt(Math.PI / 2);

    private CrystalBall() {
    }

    /** scipy's standard pdf at z (loc 0, scale 1); requires β &gt; 0 and m &gt; 1. */
    public static double standardPdf(double z, double beta, double m) {
        double e = Math.exp(-0.5 * beta * beta);
        double norm = 1 / (m / beta / (m - 1) * e + SQRT_HALF_PI * (1 + Erf.erf(beta / Math.sqrt(2))));
        if (z > -beta) {
            return norm * Math.exp(-0.5 * z * z);
        }
        double a = Math.pow(m / beta, m) * e;
        double b = m / beta - beta;
        return norm * a * Math.pow(b - z, -m);
    }

    /** scipy's {@code crystalball.pdf(x, beta, m, loc, scale)}. */
    public static double pdf(double x, double beta, double m, double loc, double scale) {
        return standardPdf((x - loc) / scale, beta, m) / scale;
    }

    /** scipy's standard cdf at z. */
    public static double standardCdf(double z, double beta, double m) {
        double e = Math.exp(-0.5 * beta * beta);
        double norm = 1 / (m / beta / (m - 1) * e + SQRT_HALF_PI * (1 + Erf.erf(beta / Math.sqrt(2))));
        double a = Math.pow(m / beta, m) * e;
        double b = m / beta - beta;
        double tailTo = (z <= -beta ? z : -beta);
        // ∫_{−∞}^{t} A (B − z)^(−m) dz = A (B − t)^(1−m) / (m − 1)
        double tail = norm * a * Math.pow(b - tailTo, 1 - m) / (m - 1);
        if (z <= -beta) {
            return tail;
        }
        return tail + norm * SQRT_HALF_PI * (Erf.erf(z / Math.sqrt(2)) - Erf.erf(-beta / Math.sqrt(2)));
    }

    /**
     * The exercise's Crystal Ball: {@code crystalball.pdf(−x, beta=1/b, m, loc=−μ, scale=σ)·scale}
     * = {@code standardPdf((μ − x)/σ; 1/b, m)/σ·scale}. μ is the mode, the power-law tail lies at
     * x ≥ μ + σ/b (high masses), {@code scale} is the area (events when fitting counts per unit x).
     * Parameter order as in the notebook: b, m, μ, σ, scale.
     */
    public static double exercise(double x, double b, double m, double mu, double sigma, double scale) {
        return standardPdf((mu - x) / sigma, 1 / b, m) / sigma * scale;
    }
}
