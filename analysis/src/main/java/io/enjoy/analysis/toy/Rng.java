package io.enjoy.analysis.toy;

import java.util.SplittableRandom;

/** The few random variates the generator needs, on a seeded {@link SplittableRandom} (reproducible). */
final class Rng {

    private final SplittableRandom r;
    private double spare = Double.NaN;

    Rng(long seed) {
        this.r = new SplittableRandom(seed);
    }

    double uniform() {
        return r.nextDouble();
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    /** Standard normal (Marsaglia polar method). */
    double gauss() {
        if (!Double.isNaN(spare)) {
            double s = spare;
            spare = Double.NaN;
            return s;
        }
        double u, v, s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double m = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * m;
        return u * m;
    }

    double gauss(double mean, double sigma) {
        return mean + sigma * gauss();
    }

    double exponential(double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    /** Poisson by multiplication of uniforms (small means only). */
    int poisson(double mean) {
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    /** Relativistic Breit–Wigner approximated by a Cauchy in mass, truncated at ±10 widths. */
    double breitWigner(double mass, double width) {
        double m;
        do {
            m = mass + width / 2 * Math.tan(Math.PI * (r.nextDouble() - 0.5));
        } while (Math.abs(m - mass) > 10 * width);
        return m;
    }
}
