package io.enjoy.analysis.topmass;

import io.enjoy.analysis.data.Event;
import io.enjoy.analysis.kinematics.FourVector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Each step of the exercise on hand-made events; reference numbers from analysis-anchors C.8 or computed in the comments. */
class TopPhysicsTest {

    static final FourVector MUON = new FourVector(53.851751723524295, 30, 40, 20);
    static final FourVector J0 = new FourVector(120, 80, 60, 50), J1 = new FourVector(95, -70, 40, 45),
            J2 = new FourVector(70, -20, -60, 25), J3 = new FourVector(65, 10, -55, -30), J4 = new FourVector(40, 30, 5, -20);
    static final List<FourVector> JETS = List.of(J0, J1, J2, J3, J4);

    static Event event(List<FourVector> jets, double[] tags, double metX, double metY) {
        return new Event(jets, tags, new FourVector(Math.hypot(metX, metY), metX, metY, 0), MUON, null, null);
    }

    @Test
    void htSumsJetPtMuonPtAndMet() {
        // jets pt: 100 + 80.6226 + 63.2456 + 55.9017 + 30.4138 = 330.18364277533897; muon pt 50; MET |(−25,10)| = 26.92582403567252
        Event e = event(JETS, new double[5], -25, 10);
        assertEquals(407.1094668110115, TopPhysics.ht(e), 1e-12);
        assertEquals(26.92582403567252, TopPhysics.met(e), 1e-12);
    }

    @Test
    void m3TakesTheTrijetWithTheLargestVectorSumPt() {
        // (0,3,4): E=225, p=(120,10,0) → pt 120.4, m² = 225² − 120² − 10² = 50625 − 14400 − 100 = 36125 → 190.0657780874821
        assertEquals(190.06577808748213, TopPhysics.m3(JETS), 1e-12);
        // KIT variant: leading three (0,1,2): (285,−10,40,120) → m² = 65125 → 255.1960031034969
        assertEquals(255.1960031034969, TopPhysics.m3Leading(JETS), 1e-12);
        assertTrue(Double.isNaN(TopPhysics.m3(List.of(J0, J1))));
    }

    @Test
    void bTagThresholdIsStrict() {
        Event loose = event(List.of(J0, J1), new double[] {0.1, 0.244}, 0, 0);
        assertFalse(TopPhysics.hasBTag(loose, TopPhysics.LOOSE_BTAG));
        Event medium = event(List.of(J0, J1), new double[] {0.68, 0.1}, 0, 0);
        assertTrue(TopPhysics.hasBTag(medium, TopPhysics.MEDIUM_BTAG));
        assertTrue(TopPhysics.hasBTag(medium, TopPhysics.LOOSE_BTAG));
        assertFalse(TopPhysics.hasBTag(event(List.of(J0), new double[] {0.679}, 0, 0), TopPhysics.MEDIUM_BTAG));
    }

    @Test
    void neutrinoPzPicksTheSmallerRootOrTheRealPart() {
        FourVector met1 = new FourVector(0, -25, 10, 0);
        assertEquals(-31.83561319823273, TopPhysics.neutrinoPz(MUON, met1), 1e-9);
        assertEquals(-26.727637339440435, TopPhysics.neutrinoPz(MUON, new FourVector(0, 60, -20, 0)), 1e-9);
        // a² < b: the real part a = μ·pz_l/pt_l² with μ = 80.4²/2 + 30·(−150) + 40·(−120) = 3232.08 − 9300 = −6067.92
        // → a = −6067.92·20/2500 = −48.54336
        assertEquals(-48.54336, TopPhysics.neutrinoPz(MUON, new FourVector(0, -150, -120, 0)), 1e-9);
        Event e = event(JETS, new double[5], -25, 10);
        assertEquals(80.40010076310682, TopPhysics.leptonicW(e).mass(), 1e-9);
        FourVector nu = TopPhysics.neutrino(e);
        assertEquals(0.0, nu.mass2(), 1e-9);
    }

    @Test
    void crossSectionUsesFiveInverseFemtobarnAndTheEfficiency() {
        // N·f = 822 → 822 / (0.0259 · 5000) = 822 / 129.5 = 6.347490347490347 pb
        assertEquals(6.347490347490347, TopPhysics.crossSectionPb(1000, 0.822), 1e-12);
        assertEquals(0.822 / 0.178, SignalFraction.signalOverBackground(0.822), 1e-12);
    }

    @Test
    void reconstructionFindsTheConstructedAssignment() {
        // Built so that the right assignment has χ² ≈ 0: q1, q2 back to back along x with E = 39.05 each
        // → m(W_had) = 78.1 exactly. The b jets are massless along ±z.
        FourVector q1 = new FourVector(39.05, 39.05, 0, 0), q2 = new FourVector(39.05, -39.05, 0, 0);
        FourVector bh = new FourVector(60, 0, 0, 60), bl = new FourVector(45, 0, 0, -45);
        Event e = event(List.of(bh, q1, bl, q2), new double[] {0.9, 0.1, 0.1, 0.1}, -25, 10);
        TopPair t = TopPhysics.reconstruct(e);
        assertNotNull(t);
        // t_had = (138.1, 0, 0, 60) → m = sqrt(138.1² − 60²) = sqrt(19071.61 − 3600) = 124.3849
        // the assignment keeps the only tagged jet as a b; q1/q2 must be the W pair in either order
        assertEquals(java.util.Set.of(1, 3), java.util.Set.of(t.q1(), t.q2()));
        assertTrue(t.bHad() == 0 || t.bLep() == 0);
        assertEquals(bruteForceBestChi2(e), t.chi2(), 1e-12);
        assertEquals((t.hadronicMass() + t.leptonicMass()) / 2, t.averageMass(), 1e-12);
    }

    @Test
    void reconstructionMatchesABruteForceSearchOnTheReferenceJets() {
        double[][] tagSets = {{0.9, 0.1, 0.1, 0.1, 0.1}, {0.1, 0.1, 0.3, 0.1, 0.1}, {0.9, 0.8, 0.1, 0.5, 0.1}};
        for (double[] tags : tagSets) {
            Event e = event(JETS, tags, -25, 10);
            TopPair t = TopPhysics.reconstruct(e);
            assertEquals(bruteForceBestChi2(e), t.chi2(), 1e-12);
            assertTrue(tags[t.bHad()] > 0.244 || tags[t.bLep()] > 0.244);
        }
        assertNull(TopPhysics.reconstruct(event(JETS, new double[5], -25, 10)), "no loose tag → no assignment");
        assertNull(TopPhysics.reconstruct(event(List.of(J0, J1, J2), new double[] {1, 1, 1}, -25, 10)), "fewer than 4 jets");
    }

    /** The notebook's loops written plainly with FourVector arithmetic. */
    static double bruteForceBestChi2(Event e) {
        FourVector w = TopPhysics.leptonicW(e);
        List<FourVector> j = e.jets();
        double best = Double.POSITIVE_INFINITY;
        for (int bh = 0; bh < j.size(); bh++) {
            for (int bl = 0; bl < j.size(); bl++) {
                if (bh == bl || !(e.bTags()[bh] > 0.244 || e.bTags()[bl] > 0.244)) {
                    continue;
                }
                for (int q1 = 0; q1 < j.size(); q1++) {
                    for (int q2 = 0; q2 < j.size(); q2++) {
                        if (q1 == bh || q1 == bl || q2 == bh || q2 == bl || q1 == q2) {
                            continue;
                        }
                        FourVector wh = j.get(q1).plus(j.get(q2));
                        double mHad = wh.plus(j.get(bh)).mass(), mLep = w.plus(j.get(bl)).mass();
                        double c = Math.pow(wh.mass() - 78.1, 2) / (11.2 * 11.2) + Math.pow(mLep - mHad + 7.5, 2) / (45.2 * 45.2);
                        best = Math.min(best, c);
                    }
                }
            }
        }
        return best;
    }
}
