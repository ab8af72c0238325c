package io.enjoy.analysis.toy;

import io.enjoy.analysis.kinematics.FourVector;

/** Constructions and Lorentz boosts used by the generator. */
final class Kinematics {

    private Kinematics() {
    }

    /** A four-vector from pt, rapidity-free pseudorapidity η, φ and mass. */
    static FourVector ptEtaPhiM(double pt, double eta, double phi, double m) {
        double px = pt * Math.cos(phi), py = pt * Math.sin(phi), pz = pt * Math.sinh(eta);
        return new FourVector(Math.sqrt(px * px + py * py + pz * pz + m * m), px, py, pz);
    }

    /** A four-vector from pt, rapidity y, φ and mass (E = mT cosh y, pz = mT sinh y). */
    static FourVector ptYPhiM(double pt, double y, double phi, double m) {
        double mt = Math.sqrt(pt * pt + m * m);
        return new FourVector(mt * Math.cosh(y), pt * Math.cos(phi), pt * Math.sin(phi), mt * Math.sinh(y));
    }

    /**
     * Isotropic two-body decay of {@code parent} into masses m1, m2; returns the two daughters in
     * the lab frame. Requires m1 + m2 ≤ parent mass.
     */
    static FourVector[] twoBody(FourVector parent, double m1, double m2, Rng rng) {
        double mp = parent.mass();
        double p = Math.sqrt(Math.max(0, (mp * mp - (m1 + m2) * (m1 + m2)) * (mp * mp - (m1 - m2) * (m1 - m2)))) / (2 * mp);
        double cos = rng.uniform(-1, 1), sin = Math.sqrt(1 - cos * cos), phi = rng.uniform(0, 2 * Math.PI);
        double px = p * sin * Math.cos(phi), py = p * sin * Math.sin(phi), pz = p * cos;
        FourVector d1 = new FourVector(Math.sqrt(p * p + m1 * m1), px, py, pz);
        FourVector d2 = new FourVector(Math.sqrt(p * p + m2 * m2), -px, -py, -pz);
        return new FourVector[] {boost(d1, parent), boost(d2, parent)};
    }

    /** Boosts {@code v} from the rest frame of {@code frame} into the frame where {@code frame} has its momentum. */
    static FourVector boost(FourVector v, FourVector frame) {
        double m = frame.mass();
        double bx = frame.px() / frame.e(), by = frame.py() / frame.e(), bz = frame.pz() / frame.e();
        double b2 = bx * bx + by * by + bz * bz;
        if (b2 == 0) {
            return v;
        }
        double gamma = frame.e() / m;
        double bp = bx * v.px() + by * v.py() + bz * v.pz();
        double g2 = (gamma - 1) / b2;
        return new FourVector(gamma * (v.e() + bp),
                v.px() + g2 * bp * bx + gamma * bx * v.e(),
                v.py() + g2 * bp * by + gamma * by * v.e(),
                v.pz() + g2 * bp * bz + gamma * bz * v.e());
    }
}
