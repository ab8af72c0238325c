package io.enjoy.analysis.fit;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.function.ToDoubleFunction;

/**
 * Numerical second derivatives by central differences and the matrix helpers HESSE needs.
 * Diagonal: (F(x+h) + F(x−h) − 2F(x)) / h²; off-diagonal: the four-point formula
 * (F(++) − F(+−) − F(−+) + F(−−)) / (4 h_i h_j), which has O(h²) error like the diagonal.
 */
final class Hessian {

    private Hessian() {
    }

    /** Hessian of f at x (f(x) = fx) with steps h, unbounded coordinates. */
    static double[][] internal(ToDoubleFunction<double[]> f, double[] x, double fx, double[] h) {
        int n = x.length;
        double[][] hess = new double[n][n];
        double[] p = x.clone();
        for (int i = 0; i < n; i++) {
            p[i] = x[i] + h[i];
            double fp = f.applyAsDouble(p);
            p[i] = x[i] - h[i];
            double fm = f.applyAsDouble(p);
            p[i] = x[i];
            hess[i][i] = (fp + fm - 2 * fx) / (h[i] * h[i]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int si = -1; si <= 1; si += 2) {
                    for (int sj = -1; sj <= 1; sj += 2) {
                        p[i] = x[i] + si * h[i];
                        p[j] = x[j] + sj * h[j];
                        s += si * sj * f.applyAsDouble(p);
                    }
                }
                p[i] = x[i];
                p[j] = x[j];
                hess[i][j] = hess[j][i] = s / (4 * h[i] * h[j]);
            }
        }
        return hess;
    }

    /** The inverse if the matrix is positive definite, else null. */
    static double[][] invertPosDef(double[][] a) {
        if (a.length == 0) {
            return new double[0][0];
        }
        try {
            RealMatrix m = MatrixUtils.createRealMatrix(a);
            return new CholeskyDecomposition(m, 1e-12, 1e-15).getSolver().getInverse().getData();
        } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            return null;
        }
    }

    /**
     * Forces positive definiteness as MINUIT's MnPosDef does in spirit: raises eigenvalues below
     * a small fraction of the largest one to that fraction. Returns the repaired matrix.
     */
    static double[][] makePosDef(double[][] a) {
        RealMatrix m = MatrixUtils.createRealMatrix(a);
        EigenDecomposition ed = new EigenDecomposition(m);
        double[] ev = ed.getRealEigenvalues();
        double max = 0;
        for (double e : ev) {
            max = Math.max(max, Math.abs(e));
        }
        double floor = Math.max(1e-3 * max, 1e-12);
        double[] fixed = new double[ev.length];
        for (int i = 0; i < ev.length; i++) {
            fixed[i] = Math.max(ev[i], floor);
        }
        RealMatrix vMat = ed.getV();
        return vMat.multiply(MatrixUtils.createRealDiagonalMatrix(fixed)).multiply(vMat.transpose()).getData();
    }
}
