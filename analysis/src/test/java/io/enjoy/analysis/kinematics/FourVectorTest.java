package io.enjoy.analysis.kinematics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FourVectorTest {

    private static void close(double expected, double actual, double rel) {
        assertEquals(expected, actual, Math.abs(expected) * rel, () -> "expected " + expected + " got " + actual);
    }

    @Test
    void kinematicsOfAHandComputedVector() {
        // E=100, p=(30,40,50):
        //   m² = 100² − 30² − 40² − 50² = 10000 − 900 − 1600 − 2500 = 5000 → m = sqrt(5000) = 70.71067811865476
        //   pt = sqrt(30² + 40²) = 50;  |p| = sqrt(5000) = 70.71067811865476
        //   η = artanh(50/70.7107) = artanh(1/√2) = asinh(pz/pt) = asinh(1) = ln(1 + √2) = 0.881373587019543
        //   φ = atan2(40, 30) = 0.9272952180016122
        FourVector v = new FourVector(100, 30, 40, 50);
        assertEquals(5000.0, v.mass2(), 0.0);
        close(70.71067811865476, v.mass(), 1e-15);
        assertEquals(50.0, v.pt(), 0.0);
        close(70.71067811865476, v.p(), 1e-15);
        close(0.881373587019543, v.eta(), 1e-15);
        close(0.9272952180016122, v.phi(), 1e-15);
    }

    @Test
    void muonAndJetsMatchTheReferenceValues() {
        // analysis-anchors C.8
        FourVector mu = new FourVector(53.851751723524295, 30, 40, 20);
        assertEquals(50.0, mu.pt(), 1e-15);
        close(0.39003531977071526, mu.eta(), 1e-15);
        close(0.10565837449982535, mu.mass(), 1e-9); // cancellation E² − p²: 1e-9 relative is the double limit
        FourVector j0 = new FourVector(120, 80, 60, 50);
        assertEquals(100.0, j0.pt(), 0.0);
        close(0.48121182505960347, j0.eta(), 1e-15);
        close(43.58898943540674, j0.mass(), 1e-15);
        FourVector j3 = new FourVector(65, 10, -55, -30);
        close(-0.5137556418648206, j3.eta(), 1e-15);
        close(14.142135623730951, j3.mass(), 1e-15);
    }

    @Test
    void sumIsComponentWiseAndGivesTheSystemMass() {
        // (120,80,60,50) + (95,−70,40,45) + (70,−20,−60,25) = (285, −10, 40, 120)
        // m² = 285² − 10² − 40² − 120² = 81225 − 100 − 1600 − 14400 = 65125 → m = 255.1960031034969 (anchor C.8 M3)
        FourVector s = new FourVector(120, 80, 60, 50).plus(new FourVector(95, -70, 40, 45)).plus(new FourVector(70, -20, -60, 25));
        assertEquals(new FourVector(285, -10, 40, 120), s);
        close(255.1960031034969, s.mass(), 1e-15);
        assertEquals(s, s.plus(FourVector.ZERO));
    }

    @Test
    void spaceLikeVectorHasNegativeMassOfTheRightMagnitude() {
        // m² = 10² − 6² − 8² − 6² = 100 − 136 = −36 → mass() = −6
        FourVector v = new FourVector(10, 6, 8, 6);
        assertEquals(-36.0, v.mass2(), 0.0);
        assertEquals(-6.0, v.mass(), 0.0);
    }

    @Test
    void etaAlongTheBeamIsInfiniteAndUndefinedAtRest() {
        assertEquals(Double.POSITIVE_INFINITY, new FourVector(10, 0, 0, 5).eta());
        assertEquals(Double.NEGATIVE_INFINITY, new FourVector(10, 0, 0, -5).eta());
        assertTrue(Double.isNaN(new FourVector(1, 0, 0, 0).eta()));
        assertEquals(0.0, new FourVector(1, 0, 0, 0).phi());
        assertEquals(0.0, new FourVector(10, 3, 4, 0).eta(), 0.0);
    }

    @Test
    void toStringShowsComponentsAndDerivedQuantities() {
        String s = new FourVector(100, 30, 40, 50).toString();
        assertTrue(s.contains("E=100.0") && s.contains("pt=50.0") && s.contains("m=70.71067811865476"), s);
    }

    @Test
    void ofRejectsArraysOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FourVector.of(new double[3]));
        assertTrue(e.getMessage().contains("got 3"));
    }
}
