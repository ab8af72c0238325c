package io.enjoy.analysis.topmass;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CalibrationTest {

    @Test
    void backgroundIsTheNormalisedWjetsShapeScaledToTheBackgroundShare() {
        // l = 1000 b-tagged data events, f = 0.8, N_b = 500 W+jets events of which 50 / 100 / 0 in the three bins:
        // bin 0: b_norm = 0.1 → subtract 0.1·0.2·1000 = 20 from 120 → 100; σ² = 120 + 1000·0.04·0.1 = 124
        // bin 1: b_norm = 0.2 → subtract 40 from 40 → 0;                σ² = 40 + 1000·0.04·0.2 = 48
        // bin 2: empty data and background → 0 with the one-event error
        BackgroundSubtraction.Result r = BackgroundSubtraction.subtract(new double[] {120, 40, 0}, new double[] {50, 100, 0}, 500, 0.8, 1000);
        assertArrayEquals(new double[] {100, 0, 0}, r.values(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(124), Math.sqrt(48), 1}, r.errors(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> BackgroundSubtraction.subtract(new double[2], new double[3], 5, 0.5, 10));
    }

    @Test
    void offsetAndUncertaintiesAsInTheThesis() {
        // thesis / analysis-anchors C.9: MC peak 176.70 ± 0.42 → offset 4.20; data peak 178.593 → 174.393;
        // with stat 0.42 and MC 0.42: total sqrt(0.42² + 0.42² + 2.4²) = sqrt(0.1764 + 0.1764 + 5.76) = 2.472367...
        MassCalibration c = MassCalibration.of(176.70, 0.42, 178.593, 0.42);
        assertEquals(4.20, c.offset(), 1e-12);
        assertEquals(174.393, c.mass(), 1e-12);
        assertEquals(Math.sqrt(6.1128), c.totalError(), 1e-12);
        assertEquals(0.42, c.statError());
        assertEquals(0.42, c.mcError());
    }
}
