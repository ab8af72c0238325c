package io.enjoy.analysis.topmass;

import io.enjoy.analysis.data.Event;
import io.enjoy.analysis.toy.ToyGenerator;
import io.enjoy.analysis.toy.ToyModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Closure of the whole chain on toy data: one simulation (generated at 172.5 GeV, as the course's),
 * 20 pseudo-data sets with a top mass and signal fraction the analysis is not told.
 */
class ClosureTest {

    static SampleSummary ttbar, wjets;

    @BeforeAll
    static void simulation() {
        ToyGenerator tt = new ToyGenerator(1001, ToyModel.defaults());
        ToyGenerator wj = new ToyGenerator(1002, ToyModel.defaults());
        ttbar = SampleSummary.of(generate(30_000, () -> tt.ttbar(2)));
        wjets = SampleSummary.of(generate(60_000, () -> wj.wjets(2)));
    }

    static Iterator<Event> generate(int n, java.util.function.Supplier<Event> g) {
        return new Iterator<>() {
            int i;

            public boolean hasNext() {
                return i < n;
            }

            public Event next() {
                i++;
                return g.get();
            }
        };
    }

    @Test
    void hiddenMassAndSignalFractionAreRecoveredInAtLeast19Of20Seeds() {
        int massOk = 0, fracOk = 0;
        List<String> lines = new ArrayList<>();
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom truth = new SplittableRandom(7000 + seed);
            double mass = 169 + 7 * truth.nextDouble();
            double f = 0.35 + 0.3 * truth.nextDouble();
            ToyGenerator g = new ToyGenerator(9000 + seed, ToyModel.defaults().withTopMass(mass));
            SplittableRandom pick = new SplittableRandom(8000 + seed);
            SampleSummary data = SampleSummary.of(generate(8_000, () -> pick.nextDouble() < f ? g.ttbarAsData(4) : g.wjets(4)));
            TopMassResult r = TopMassAnalysis.run(ttbar, wjets, data);
            TopMassResult.ShapeResult cb = r.crystalBall();
            double statMc = Math.hypot(cb.statError(), cb.mcError());
            double pullMass = (cb.mass() - mass) / statMc;
            double pullF = (r.fSig() - f) / r.fractionFit().error("f_sig");
            if (Math.abs(cb.mass() - mass) < cb.totalError()) {
                massOk++;
            }
            if (Math.abs(pullF) < 2) {
                fracOk++;
            }
            lines.add(String.format(Locale.ROOT, "seed %2d: m %.2f → %.2f ± %.2f (stat⊕MC, pull %+.2f), total ± %.2f; f %.3f → %.3f (pull %+.2f)",
                    seed, mass, cb.mass(), statMc, pullMass, cb.totalError(), f, r.fSig(), pullF));
        }
        String summary = String.join("\n", lines);
        System.out.println(summary);
        assertTrue(massOk >= 19, "mass within quoted total uncertainty in only " + massOk + "/20\n" + summary);
        assertTrue(fracOk >= 19, "signal fraction within 2σ in only " + fracOk + "/20\n" + summary);
    }
}
