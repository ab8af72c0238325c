package io.enjoy.analysis.fit;

/**
 * MINUIT's variable transformations that turn a limited (external) parameter into an unbounded
 * internal one, so the minimiser never leaves the allowed range (analysis-anchors B.2):
 * two limits {@code ext = lo + (hi−lo)/2·(sin(int)+1)}, lower only {@code ext = lo − 1 + sqrt(int²+1)},
 * upper only {@code ext = hi + 1 − sqrt(int²+1)}, none {@code ext = int}.
 */
final class LimitTransform {

    private LimitTransform() {
    }

    static double toExternal(Parameter p, double internal) {
        if (p.hasLower() && p.hasUpper()) {
            return p.lower() + (p.upper() - p.lower()) / 2 * (Math.sin(internal) + 1);
        } else if (p.hasLower()) {
            return p.lower() - 1 + Math.sqrt(internal * internal + 1);
        } else if (p.hasUpper()) {
            return p.upper() + 1 - Math.sqrt(internal * internal + 1);
        }
        return internal;
    }

    /** Inverse of {@link #toExternal}; a value on or outside a limit is pulled just inside it. */
    static double toInternal(Parameter p, double external) {
        if (p.hasLower() && p.hasUpper()) {
            double r = 2 * (external - p.lower()) / (p.upper() - p.lower()) - 1;
            r = Math.max(-1 + 1e-12, Math.min(1 - 1e-12, r));
            return Math.asin(r);
        } else if (p.hasLower()) {
            double d = Math.max(external - p.lower(), 1e-12) + 1;
            return Math.sqrt(d * d - 1);
        } else if (p.hasUpper()) {
            double d = Math.max(p.upper() - external, 1e-12) + 1;
            return Math.sqrt(d * d - 1);
        }
        return external;
    }

    /** d ext / d int at an internal value. */
    static double derivative(Parameter p, double internal) {
        if (p.hasLower() && p.hasUpper()) {
            return (p.upper() - p.lower()) / 2 * Math.cos(internal);
        } else if (p.hasLower()) {
            return internal / Math.sqrt(internal * internal + 1);
        } else if (p.hasUpper()) {
            return -internal / Math.sqrt(internal * internal + 1);
        }
        return 1;
    }

    /** An internal step corresponding to an external step {@code ext} at external value {@code x}. */
    static double internalStep(Parameter p, double x, double ext) {
        double i0 = toInternal(p, x);
        double d = Math.abs(derivative(p, i0));
        double s = d > 1e-8 ? ext / d : Math.abs(toInternal(p, x + ext) - i0);
        if (p.hasLower() && p.hasUpper()) {
            s = Math.min(s, 0.5); // an angle: larger steps wrap around
        }
        return s > 0 && Double.isFinite(s) ? s : 0.1;
    }
}
