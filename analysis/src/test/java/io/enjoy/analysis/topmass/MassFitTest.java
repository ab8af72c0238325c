package io.enjoy.analysis.topmass;

import io.enjoy.analysis.fit.FitResult;
import io.enjoy.analysis.hist.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MassFitTest {

    static Histogram referenceHistogram() {
        // analysis-anchors C.7: 20 bins of 10 GeV over 130–330
        double[] counts = {57, 145, 259, 358, 406, 399, 302, 187, 131, 84, 63, 69, 60, 44, 35, 28, 23, 18, 20, 16};
        Histogram h = new Histogram(MassFit.BINS, MassFit.LO, MassFit.HI);
        double[] c = h.centres();
        for (int i = 0; i < counts.length; i++) {
            h.fill(c[i], counts[i]);
        }
        return h;
    }

    @Test
    void simulationFitFromTheNotebookStartValuesReachesTheReferenceMinimum() {
        FitResult cb = MassFit.fitSimulation(referenceHistogram(), MassFit.Shape.CRYSTAL_BALL);
        assertTrue(cb.isValid(), cb.report());
        assertEquals(11.000473255298969, cb.fval(), 1e-6);
        assertEquals(176.96019968280643, cb.value("mu"), 176.96 * 1e-5);
        assertEquals(0.7526434721633607, cb.error("mu"), 0.7526 * 1e-3);
        FitResult mo = MassFit.fitSimulation(referenceHistogram(), MassFit.Shape.MOYAL);
        assertTrue(mo.isValid(), mo.report());
        assertEquals(91.15088102316138, mo.fval(), 1e-6);
        assertEquals(169.51071137300772, mo.value("m"), 169.5 * 1e-5);
        // (χ²_M − χ²_CB)/χ²_M = 0.8793157769643086 (C.7)
        assertEquals(0.8793157769643086, (mo.fval() - cb.fval()) / mo.fval(), 1e-7);
    }

    @Test
    void dataFitKeepsTheShapeFixedAndMovesOnlyPositionAndScale() {
        Histogram h = referenceHistogram();
        FitResult mc = MassFit.fitSimulation(h, MassFit.Shape.CRYSTAL_BALL);
        // "data" = the same shape shifted by +2 GeV and halved: the fit must find mu + 2 with the shape untouched
        double[] c = h.centres(), y = new double[c.length], e = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            y[i] = 0.5 * MassFit.CRYSTAL_BALL.value(c[i] - 2, mc.values());
            e[i] = Math.sqrt(y[i]);
        }
        FitResult d = MassFit.fitData(c, y, e, mc, MassFit.Shape.CRYSTAL_BALL);
        assertTrue(d.isValid(), d.report());
        assertEquals(mc.value("mu") + 2, d.value("mu"), 1e-4);
        assertEquals(0.5 * mc.value("scale"), d.value("scale"), 1e-3 * mc.value("scale"));
        assertEquals(mc.value("b"), d.value("b"), 0.0);
        assertEquals(mc.value("sigma"), d.value("sigma"), 0.0);
        assertEquals(2, d.nFree());
        assertEquals(18, d.ndf());
    }

    @Test
    void emptySimulationHistogramIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MassFit.fitSimulation(new Histogram(MassFit.BINS, MassFit.LO, MassFit.HI), MassFit.Shape.CRYSTAL_BALL));
        assertTrue(e.getMessage().contains("no reconstructed top mass between 130.0 and 330.0 GeV"), e.getMessage());
    }

    @Test
    void emptyBinsGetTheErrorOfOneEvent() {
        assertArrayEquals(new double[] {1, 1, 2}, MassFit.poissonErrors(new double[] {0, 1, 4}), 0.0);
    }
}
