package io.enjoy.analysis.fit;

/**
 * Asymmetric (MINOS) error of one parameter: the distances from the best value to where the
 * profiled cost rises by errordef, on each side. {@code lower} is negative, as in iminuit.
 * A side is invalid when no crossing was found before a limit ({@code atLowerLimit}/{@code atUpperLimit}:
 * the error is then the distance to the limit) or the re-minimisation failed.
 */
public record MinosError(String name, double lower, double upper, boolean lowerValid, boolean upperValid,
                         boolean atLowerLimit, boolean atUpperLimit, int nfcn) {

    public boolean isValid() {
        return lowerValid && upperValid;
    }
}
