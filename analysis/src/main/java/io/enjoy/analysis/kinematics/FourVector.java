package io.enjoy.analysis.kinematics;

/**
 * An immutable four-momentum (E, px, py, pz) in GeV, with the collider conventions of the exercise:
 * the z axis is the beam axis, so "transverse" means the x–y plane.
 *
 * <p>Edge cases, chosen so that a histogram of a derived quantity never silently gains a
 * wrong entry:
 * <ul>
 *   <li>{@link #mass()} for a space-like vector (m² &lt; 0, which happens for jets through
 *       rounding or detector effects): returns {@code -sqrt(-m²)}, the convention of ROOT's
 *       {@code TLorentzVector::M()}. The sign tells the caller what happened and the magnitude
 *       stays usable; {@link #mass2()} gives the raw value. (numpy's {@code sqrt} would give NaN.)</li>
 *   <li>{@link #eta()} along the beam (pt = 0, pz ≠ 0) is ±∞; for zero momentum it is NaN.</li>
 *   <li>{@link #phi()} of a vector with pt = 0 is 0 (Math.atan2(0, 0)).</li>
 * </ul>
 */
public record FourVector(double e, double px, double py, double pz) {

    /** The zero vector, the neutral element of {@link #plus}. */
    public static final FourVector ZERO = new FourVector(0, 0, 0, 0);

    /** Builds a vector from an array {@code [E, px, py, pz]} as stored in the exercise files. */
    public static FourVector of(double[] epxpypz) {
        if (epxpypz.length != 4) {
            throw new IllegalArgumentException("a four-vector needs 4 components [E, px, py, pz], got " + epxpypz.length);
        }
        return new FourVector(epxpypz[0], epxpypz[1], epxpypz[2], epxpypz[3]);
    }

    /** Component-wise sum: the four-momentum of the combined system. */
    public FourVector plus(FourVector o) {
        return new FourVector(e + o.e, px + o.px, py + o.py, pz + o.pz);
    }

    /** Transverse momentum sqrt(px² + py²). */
    public double pt() {
        return Math.hypot(px, py);
    }

    /** Magnitude of the three-momentum |p|. */
    public double p() {
        return Math.sqrt(px * px + py * py + pz * pz);
    }

    /** Pseudorapidity η = artanh(pz/|p|) (thesis eq. 4.1). */
    public double eta() {
        double p = p();
        if (p == 0) {
            return Double.NaN;
        }
        return atanh(pz / p);
    }

    /** Azimuthal angle in (−π, π]. */
    public double phi() {
        return Math.atan2(py, px);
    }

    /** Invariant mass squared E² − |p|². */
    public double mass2() {
        return e * e - (px * px + py * py + pz * pz);
    }

    /** Invariant mass; {@code -sqrt(-m²)} for a space-like vector (see the class comment). */
    public double mass() {
        double m2 = mass2();
        return m2 >= 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
    }

    /** [E, px, py, pz], the order of the exercise files. */
    public double[] toArray() {
        return new double[] {e, px, py, pz};
    }

    /** artanh via log1p, accurate near 0 and exact ±∞ at ±1. */
    static double atanh(double x) {
        return 0.5 * Math.log1p(2 * x / (1 - x));
    }

    @Override
    public String toString() {
        return "FourVector[E=" + e + ", px=" + px + ", py=" + py + ", pz=" + pz
                + " | pt=" + pt() + ", eta=" + eta() + ", phi=" + phi() + ", m=" + mass() + "]";
    }
}
