package io.enjoy.analysis.fit;

/**
 * One fit parameter as declared by the user: start value, initial step (a rough error guess),
 * optional limits (±∞ when absent) and whether it is fixed.
 */
public record Parameter(String name, double value, double step, double lower, double upper, boolean fixed) {

    public Parameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("parameter '" + name + "' has a non-finite start value " + value);
        }
        if (!(lower < upper)) {
            throw new IllegalArgumentException("parameter '" + name + "' has limits (" + lower + ", " + upper + "); the lower must be below the upper");
        }
        if (!(step > 0)) {
            throw new IllegalArgumentException("parameter '" + name + "' has step " + step + "; it must be > 0");
        }
    }

    public boolean hasLower() {
        return lower != Double.NEGATIVE_INFINITY;
    }

    public boolean hasUpper() {
        return upper != Double.POSITIVE_INFINITY;
    }

    public boolean isLimited() {
        return hasLower() || hasUpper();
    }

    Parameter withValue(double v) {
        return new Parameter(name, v, step, lower, upper, fixed);
    }
}
