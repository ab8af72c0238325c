package io.enjoy.analysis.fit;

/**
 * The function a fit minimises, in the parameters' external (user) coordinates.
 *
 * <p>Conventions follow kafe2: χ² costs and likelihood costs written as −2 ln L both use
 * {@code errorDef = 1}, so a 1σ interval is where the cost rises by 1. A cost written as −ln L
 * would return 0.5.
 */
public interface Cost {

    /** The cost at the given parameter values (all parameters, fixed ones included). */
    double value(double[] parameters);

    /** Rise of the cost that defines a 1σ error: 1 for χ² and −2 ln L, 0.5 for −ln L. */
    default double errorDef() {
        return 1.0;
    }

    /** Number of data points entering the cost (for ndf), or −1 when that is not meaningful. */
    default int nData() {
        return -1;
    }

    /**
     * Whether the minimum is χ²-distributed with ndf degrees of freedom, so that χ²/ndf and the
     * χ² probability make sense (true for least squares and for the saturated Poisson deviance).
     */
    default boolean isChiSquare() {
        return false;
    }
}
