package io.enjoy.analysis.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class AnalysisCliTest {

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int s = AnalysisCli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(s, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generateThenTopmassPrintsTheResultsTableAndWritesPlots() throws IOException {
        Run g = run("generate", "--out", dir.toString(), "--seed", "5", "--ttbar", "6000", "--wjets", "8000", "--data", "3000");
        assertEquals(0, g.status(), g.err());
        assertTrue(Files.size(dir.resolve("data_NJets4.csv")) > 0);
        Run t = run("topmass", "--data", dir.toString(), "--plots", dir.resolve("p").toString());
        assertEquals(0, t.status(), t.err());
        assertTrue(t.out().contains("f_sig (no b-tag)"), t.out());
        assertTrue(t.out().contains("top mass (total) [GeV]"), t.out());
        assertTrue(t.out().contains("cross section"), t.out());
    }

    @Test
    void sameSeedWritesIdenticalFiles() throws IOException {
        assertEquals(0, run("generate", "--out", dir.resolve("a").toString(), "--seed", "3", "--ttbar", "50", "--wjets", "50", "--data", "50").status());
        assertEquals(0, run("generate", "--out", dir.resolve("b").toString(), "--seed", "3", "--ttbar", "50", "--wjets", "50", "--data", "50").status());
        for (String f : new String[] {"MC_TTBar_NJets2.csv", "MC_WJets_NJets2.csv", "data_NJets4.csv"}) {
            assertEquals(-1L, Files.mismatch(dir.resolve("a").resolve(f), dir.resolve("b").resolve(f)), f);
        }
    }

    @Test
    void hiddenMassIsWrittenOnlyToTheTruthFile() {
        Run g = run("generate", "--out", dir.toString(), "--hidden-mass", "--ttbar", "20", "--wjets", "20", "--data", "20");
        assertEquals(0, g.status(), g.err());
        assertFalse(g.out().contains("GeV)"), g.out());
        assertTrue(Files.exists(dir.resolve(".truth")));
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        Run none = run();
        assertEquals(2, none.status());
        assertTrue(none.err().contains("usage"));
        Run unknown = run("fit");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown command 'fit'"));
        Run noData = run("topmass");
        assertEquals(2, noData.status());
        assertTrue(noData.err().contains("topmass needs --data DIR"));
        Run badNumber = run("generate", "--out", dir.toString(), "--ttbar", "many");
        assertEquals(2, badNumber.status());
        assertTrue(badNumber.err().contains("--ttbar needs an integer, got 'many'"));
    }

    @Test
    void badInputDataExitsWithOneAndNamesFileLineAndColumn() throws IOException {
        Run missing = run("topmass", "--data", dir.toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("missing input file"), missing.err());
        assertEquals(0, run("generate", "--out", dir.toString(), "--ttbar", "30", "--wjets", "30", "--data", "30").status());
        Path data = dir.resolve("data_NJets4.csv");
        String text = Files.readString(data);
        String[] lines = text.split("\n");
        lines[3] = lines[3].replaceFirst("\\]\\]", "]");
        Files.writeString(data, String.join("\n", lines) + "\n");
        Run bad = run("topmass", "--data", dir.toString());
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("data_NJets4.csv line 4, column 'Jets'"), bad.err());
    }
}
