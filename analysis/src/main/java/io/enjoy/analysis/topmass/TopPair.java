package io.enjoy.analysis.topmass;

import io.enjoy.analysis.kinematics.FourVector;

/**
 * The best jet assignment of one event.
 *
 * @param hadronic  t_had = q1 + q2 + b_had
 * @param leptonic  t_lep = μ + ν + b_lep
 * @param chi2      the value of the assignment χ² (thesis eq. 4.3)
 * @param bHad      index of the hadronic b jet
 * @param bLep      index of the leptonic b jet
 * @param q1        index of the first light jet of the hadronic W
 * @param q2        index of the second light jet
 */
public record TopPair(FourVector hadronic, FourVector leptonic, double chi2, int bHad, int bLep, int q1, int q2) {

    public double hadronicMass() {
        return hadronic.mass();
    }

    public double leptonicMass() {
        return leptonic.mass();
    }

    /** (m_had + m_lep)/2, the "average top mass" that is fitted. */
    public double averageMass() {
        return (hadronic.mass() + leptonic.mass()) / 2;
    }
}
