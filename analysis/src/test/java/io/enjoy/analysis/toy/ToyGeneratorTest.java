package io.enjoy.analysis.toy;

import io.enjoy.analysis.data.Event;
import io.enjoy.analysis.kinematics.FourVector;
import io.enjoy.analysis.topmass.TopPhysics;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.*;

class ToyGeneratorTest {

    @Test
    void eventsRespectTheAcceptanceAndCarryTheGeneratorTops() {
        ToyGenerator g = new ToyGenerator(11, ToyModel.defaults());
        double massSum = 0;
        int tagged = 0, n = 2000;
        for (int i = 0; i < n; i++) {
            Event e = g.ttbar(2);
            assertTrue(e.nJets() >= 2);
            assertTrue(e.muon().pt() > 25 && Math.abs(e.muon().eta()) < 2.1, e.muon().toString());
            double lastPt = Double.POSITIVE_INFINITY;
            for (FourVector j : e.jets()) {
                assertTrue(j.pt() > 29.99 && Math.abs(j.eta()) < 2.4001, j.toString()); // 6-digit rounding
                assertTrue(j.pt() <= lastPt + 1e-3, "jets sorted by pt");
                lastPt = j.pt();
            }
            for (double t : e.bTags()) {
                assertTrue(t >= 0 && t <= 1);
            }
            assertEquals(Math.hypot(e.missingE().px(), e.missingE().py()), e.missingE().e(), 1e-3);
            assertEquals(0.0, e.missingE().pz());
            massSum += e.topGen().mass() + e.antiTopGen().mass();
            tagged += TopPhysics.hasBTag(e, TopPhysics.MEDIUM_BTAG) ? 1 : 0;
        }
        assertEquals(172.5, massSum / (2 * n), 0.3, "mean generated top mass (Breit–Wigner truncated symmetrically)");
        // two b jets at ≈69 % each, if inside the acceptance: most tt̄ events carry a medium tag
        assertTrue(tagged > 0.6 * n && tagged < 0.95 * n, "tagged " + tagged);
    }

    @Test
    void wjetsHasFewerJetsAndFewerTagsThanTtbar() {
        ToyGenerator g = new ToyGenerator(12, ToyModel.defaults());
        int tt4 = 0, wj4 = 0, wjTag = 0, n = 2000;
        for (int i = 0; i < n; i++) {
            tt4 += g.ttbar(2).nJets() >= 4 ? 1 : 0;
            Event w = g.wjets(2);
            wj4 += w.nJets() >= 4 ? 1 : 0;
            wjTag += TopPhysics.hasBTag(w, TopPhysics.MEDIUM_BTAG) ? 1 : 0;
            assertNull(w.topGen());
        }
        assertTrue(tt4 > 2 * wj4, "≥4 jets: tt̄ " + tt4 + ", W+jets " + wj4);
        assertTrue(wjTag < 0.3 * n, "W+jets medium tags " + wjTag);
    }

    @Test
    void sixSignificantDigitsLikeTheCourseFiles() {
        assertEquals(259.87, ToyGenerator.round6(259.8700004));
        assertEquals(-168.906, ToyGenerator.round6(-168.90551));
        assertEquals(0.00123457, ToyGenerator.round6(0.001234567));
        assertEquals(0.0, ToyGenerator.round6(0.0));
    }

    @Test
    void generationStopsWhenInterrupted() {
        ToyGenerator g = new ToyGenerator(13, ToyModel.defaults());
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> g.ttbar(2));
        } finally {
            assertTrue(Thread.interrupted());
        }
    }
}
