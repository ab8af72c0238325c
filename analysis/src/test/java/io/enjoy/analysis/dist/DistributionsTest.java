package io.enjoy.analysis.dist;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reference values: analysis-anchors §C.1–C.3 (scipy 1.17.1). */
class DistributionsTest {

    private static void rel(double expected, double actual, double tol) {
        assertEquals(expected, actual, Math.abs(expected) * tol, () -> "expected " + expected + " got " + actual
                + " (rel " + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }

    @Test
    void standardCrystalBallMatchesScipy() {
        double[][] t = {
                {1, 2, -5, 0.020286664236712573}, {1, 2, -2, 0.08114665694685029}, {1, 2, -1, 0.18257997813041313},
                {1, 2, -0.5, 0.2656523006609301}, {1, 2, 0, 0.30102349354757635}, {1, 2, 1, 0.18257997813041313},
                {1, 2, 2.5, 0.013226049255086074}, {2, 3, -5, 0.0019648037312091308}, {2, 3, -2, 0.053049700742646526},
                {2, 3, 0, 0.39198721481889814}, {2, 3, 2.5, 0.017222716238722274}, {0.5, 1.5, -5, 0.031765652569312755},
                {0.5, 1.5, -2, 0.0683488018790884}, {0.5, 1.5, 0, 0.14228352131663538}, {0.5, 1.5, 2.5, 0.006251501631793684}};
        for (double[] r : t) {
            rel(r[3], CrystalBall.standardPdf(r[2], r[0], r[1]), 1e-13);
        }
    }

    @Test
    void crystalBallCdfAtZeroMatchesScipy() {
        rel(0.6227229998727214, CrystalBall.standardCdf(0, 1, 2), 1e-13);
        rel(0.508716882020547, CrystalBall.standardCdf(0, 2, 3), 1e-13);
        rel(0.8216740512268296, CrystalBall.standardCdf(0, 0.5, 1.5), 1e-13);
    }

    @Test
    void exerciseCrystalBallHasItsTailAtHighMass() {
        double[][] t = {{130, 0.9854504229017459}, {150, 6.17397909315579}, {170, 14.229873747735766},
                {176.7, 15.051174677378818}, {190, 12.065420360671066}, {196.7, 9.128998906520657},
                {200, 7.790536111682842}, {250, 1.6779532251910185}, {330, 0.48634674353460644}};
        for (double[] r : t) {
            rel(r[1], CrystalBall.exercise(r[0], 1, 2, 176.7, 20, 1000), 1e-13);
        }
        double[][] t2 = {{130, 13.171602179396118}, {176.7, 75.39757872280589}, {220, 16.824954346061652},
                {226.7, 10.203952671805737}, {240, 4.56591994746964}, {300, 0.9380687196003802}};
        for (double[] r : t2) {
            rel(r[1], CrystalBall.exercise(r[0], 0.5, 1.5, 176.7, 25, 5000), 1e-13);
        }
    }

    @Test
    void moyalMatchesEquation44WithTheCorrectedSign() {
        double[][] t = {{1, 0, 1, -2, 0.026958231758816037}, {1, 0, 1, -1, 0.1689623369069973},
                {1, 0, 1, 0, 0.24197072451914337}, {1, 0, 1, 1, 0.20131624406488796}, {1, 0, 1, 3, 0.08682748435608896},
                {1000, 172.5, 20, 130, 17.54673691251637}, {1000, 172.5, 20, 160, 214.26075767332406},
                {1000, 172.5, 20, 172.5, 241.97072451914337}, {1000, 172.5, 20, 180, 234.55077908433563},
                {1000, 172.5, 20, 200, 176.7783959483893}, {1000, 172.5, 20, 250, 56.87976061224313},
                {1000, 172.5, 20, 330, 7.776657987392814}};
        for (double[] r : t) {
            rel(r[4], Moyal.exercise(r[3], r[0], r[1], r[2]), 1e-13);
        }
    }
}
