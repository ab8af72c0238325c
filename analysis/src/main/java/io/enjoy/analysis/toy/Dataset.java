package io.enjoy.analysis.toy;

import io.enjoy.analysis.data.EventWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A generated data set in the layout the exercise expects: {@code MC_TTBar_NJets2.csv} (with
 * {@code T_gen}, {@code anti T_gen}), {@code MC_WJets_NJets2.csv} (≥ 2 jets) and
 * {@code data_NJets4.csv} (≥ 4 jets, a mixture with signal fraction {@code dataSignalFraction},
 * tt̄ drawn with {@code dataTopMass}). The three samples use independent random streams derived
 * from {@code seed}.
 */
public record Dataset(long seed, int nTtbar, int nWjets, int nData, double dataSignalFraction, double dataTopMass, ToyModel model) {

    public static final String TTBAR_FILE = "MC_TTBar_NJets2.csv", WJETS_FILE = "MC_WJets_NJets2.csv", DATA_FILE = "data_NJets4.csv";

    public Dataset {
        if (nTtbar < 1 || nWjets < 1 || nData < 1) {
            throw new IllegalArgumentException("every sample needs at least one event (tt̄ " + nTtbar + ", W+jets " + nWjets + ", data " + nData + ")");
        }
        if (!(dataSignalFraction >= 0 && dataSignalFraction <= 1)) {
            throw new IllegalArgumentException("the data signal fraction must be in [0, 1], got " + dataSignalFraction);
        }
        if (!(dataTopMass > 100 && dataTopMass < 300)) {
            throw new IllegalArgumentException("the data top mass must be between 100 and 300 GeV, got " + dataTopMass);
        }
    }

    /** Writes the three files into {@code dir} (created if needed). */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ToyGenerator tt = new ToyGenerator(seed * 3 + 1, model);
        try (EventWriter w = EventWriter.create(dir.resolve(TTBAR_FILE), true)) {
            for (int i = 0; i < nTtbar; i++) {
                w.write(tt.ttbar(2));
            }
        }
        ToyGenerator wj = new ToyGenerator(seed * 3 + 2, model);
        try (EventWriter w = EventWriter.create(dir.resolve(WJETS_FILE), false)) {
            for (int i = 0; i < nWjets; i++) {
                w.write(wj.wjets(2));
            }
        }
        ToyGenerator da = new ToyGenerator(seed * 3 + 3, model.withTopMass(dataTopMass));
        Rng pick = new Rng(seed * 3 + 4);
        try (EventWriter w = EventWriter.create(dir.resolve(DATA_FILE), false)) {
            for (int i = 0; i < nData; i++) {
                w.write(pick.uniform() < dataSignalFraction ? da.ttbarAsData(4) : da.wjets(4));
            }
        }
    }

    /** A one-line description (without the hidden mass). */
    public String describe() {
        return String.format(Locale.ROOT, "seed %d: %d tt̄, %d W+jets, %d data events (signal fraction %.3f)", seed, nTtbar, nWjets, nData, dataSignalFraction);
    }
}
