package io.enjoy.analysis.hist;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class HistogramTest {

    @Test
    void binsAreHalfOpenExceptTheLastLikeNumpy() {
        Histogram h = Histogram.of(new double[] {0, 19.999, 20, 680, 700, 700.0001, -1, Double.NaN}, 35, 0, 700);
        assertEquals(2, h.count(0));
        assertEquals(1, h.count(1));
        assertEquals(2, h.count(34)); // 680 and the closed upper edge 700
        assertEquals(5, h.integral()); // 700.0001, −1 and NaN dropped
    }

    @Test
    void clippingPutsOverflowInTheLastBinAndUnderflowInTheFirst() {
        Histogram h = new Histogram(35, 0, 700);
        h.fillClipped(950);
        h.fillClipped(-3);
        h.fillClipped(Double.NaN);
        assertEquals(1, h.count(34));
        assertEquals(1, h.count(0));
        assertEquals(2, h.integral());
    }

    @Test
    void normalisationScalesErrorsToo() {
        Histogram h = Histogram.of(new double[] {1, 1, 1, 3}, 2, 0, 4);
        Histogram n = h.normalised();
        assertArrayEquals(new double[] {0.75, 0.25}, n.counts(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(3) / 4, 0.25}, n.errors(), 1e-15);
        assertArrayEquals(new double[] {1, 3}, h.centres(), 0);
        assertArrayEquals(new double[] {0, 2, 4}, h.edges(), 0);
    }
}
