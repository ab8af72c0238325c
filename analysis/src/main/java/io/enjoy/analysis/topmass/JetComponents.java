package io.enjoy.analysis.topmass;

import io.enjoy.analysis.kinematics.FourVector;
import java.util.List;

/**
 * The jets' four-vector components as parallel arrays: the combinatorial loops (M3, jet
 * assignment) visit every triple, and plain arrays keep those loops free of allocation.
 */
record JetComponents(double[] e, double[] px, double[] py, double[] pz) {

    static JetComponents of(List<FourVector> jets) {
        int n = jets.size();
        double[] e = new double[n], px = new double[n], py = new double[n], pz = new double[n];
        for (int i = 0; i < n; i++) {
            FourVector j = jets.get(i);
            e[i] = j.e();
            px[i] = j.px();
            py[i] = j.py();
            pz[i] = j.pz();
        }
        return new JetComponents(e, px, py, pz);
    }
}
