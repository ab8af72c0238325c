package io.enjoy.analysis.data;

import io.enjoy.analysis.kinematics.FourVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class EventReaderTest {

    @TempDir
    Path dir;

    static final String HEADER = "Jets\tmissing E\tMuons\tJets bTag\n";
    static final String ROW1 = "[[259.87, -168.906, 95.3889, -170.715], [68.6701, 12.5, -30.25, 58.1]]\t"
            + "[52.3892, 39.8444, -34.0154, 0.0]\t[73.0453, 44.3549, 5.92641, -57.7332]\t[0.145328, 0.296399]\n";
    static final String ROW2 = "[]\t[1e1, 2.5E-3, -0.0, 0.0]\t[10, 3, 4, 0]\t[]\n";

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private EventFileException failure(String name, String content) throws IOException {
        Path p = file(name, content);
        return assertThrows(EventFileException.class, () -> {
            try (Stream<Event> s = EventReader.stream(p)) {
                s.forEach(e -> { });
            }
        });
    }

    @Test
    void readsTheSeedFormatIncludingEmptyListsAndExponents() throws IOException {
        Path p = file("ok.csv", HEADER + ROW1 + "\n" + ROW2);
        List<Event> events;
        try (Stream<Event> s = EventReader.stream(p)) {
            events = s.collect(Collectors.toList());
        }
        assertEquals(2, events.size());
        Event e = events.get(0);
        assertEquals(2, e.nJets());
        assertEquals(new FourVector(259.87, -168.906, 95.3889, -170.715), e.jets().get(0));
        assertArrayEquals(new double[] {0.145328, 0.296399}, e.bTags());
        assertEquals(new FourVector(52.3892, 39.8444, -34.0154, 0.0), e.missingE());
        assertEquals(new FourVector(73.0453, 44.3549, 5.92641, -57.7332), e.muon());
        assertFalse(e.hasGenerator());
        Event e2 = events.get(1);
        assertEquals(0, e2.nJets());
        assertEquals(new FourVector(10, 0.0025, -0.0, 0), e2.missingE());
    }

    @Test
    void readsGeneratorColumnsInAnyColumnOrder() throws IOException {
        String header = "anti T_gen\tMuons\tJets bTag\tT_gen\tmissing E\tJets\n";
        String row = "[400, 1, 2, 3]\t[10, 3, 4, 0]\t[0.9]\t[300, -1, -2, -3]\t[5, 3, 4, 0]\t[[50, 30, 40, 0]]\n";
        try (EventReader r = EventReader.open(file("gen.csv", header + row))) {
            assertTrue(r.hasGenerator());
            Event e = r.next();
            assertEquals(new FourVector(300, -1, -2, -3), e.topGen());
            assertEquals(new FourVector(400, 1, 2, 3), e.antiTopGen());
            assertEquals(new FourVector(50, 30, 40, 0), e.jets().get(0));
            assertFalse(r.hasNext());
        }
    }

    @Test
    void writerOutputReadsBackIdentically() throws IOException {
        Path p = dir.resolve("round.csv");
        Event e = new Event(List.of(new FourVector(259.87, -168.906, 95.3889, -170.715), new FourVector(1e-7, 1.0E10, 0.1 + 0.2, -3)),
                new double[] {0.5, 0.999998}, new FourVector(52.3892, 39.8444, -34.0154, 0.0),
                new FourVector(73.0453, 44.3549, 5.92641, -57.7332), new FourVector(300, 1, 2, 3), new FourVector(310, -1, -2, -3));
        try (EventWriter w = EventWriter.create(p, true)) {
            w.write(e);
            w.write(e);
        }
        try (EventReader r = EventReader.open(p)) {
            for (int i = 0; i < 2; i++) {
                Event back = r.next();
                assertEquals(e.jets(), back.jets());
                assertArrayEquals(e.bTags(), back.bTags());
                assertEquals(e.muon(), back.muon());
                assertEquals(e.missingE(), back.missingE());
                assertEquals(e.topGen(), back.topGen());
                assertEquals(e.antiTopGen(), back.antiTopGen());
            }
            assertFalse(r.hasNext());
        }
    }

    @Test
    void byteOrderMarkBeforeTheHeaderIsAccepted() throws IOException {
        try (EventReader r = EventReader.open(file("bom.csv", "\uFEFF" + HEADER + ROW1))) {
            assertEquals(2, r.next().nJets());
        }
    }

    @Test
    void missingFileIsNamed() {
        EventFileException e = assertThrows(EventFileException.class, () -> EventReader.open(dir.resolve("nope.csv")));
        assertEquals(dir.resolve("nope.csv") + ": cannot open: no such file", e.getMessage());
    }

    @Test
    void emptyFileIsReportedAsEmpty() throws IOException {
        EventFileException e = failure("empty.csv", "");
        assertTrue(e.getMessage().startsWith(dir.resolve("empty.csv") + ": the file is empty"), e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void missingHeaderColumnIsNamed() throws IOException {
        EventFileException e = failure("nomuon.csv", "Jets\tmissing E\tMuon\tJets bTag\n");
        assertEquals("Muons", e.column());
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("no column 'Muons'"), e.getMessage());
    }

    @Test
    void headerWithOnlyOneGeneratorColumnIsRejected() throws IOException {
        EventFileException e = failure("onegen.csv", "Jets\tmissing E\tMuons\tJets bTag\tT_gen\n");
        assertEquals("anti T_gen", e.column());
    }

    @Test
    void badBracketNamesLineAndColumn() throws IOException {
        String bad = "[[259.87, -168.906, 95.3889, -170.715]\t[52.3892, 39.8444, -34.0154, 0.0]\t[73.0, 44.3, 5.9, -57.7]\t[0.1]\n";
        EventFileException e = failure("bracket.csv", HEADER + ROW1 + bad);
        assertEquals(3, e.line());
        assertEquals("Jets", e.column());
        assertTrue(e.getMessage().contains(dir.resolve("bracket.csv") + " line 3, column 'Jets': "), e.getMessage());
        assertTrue(e.getMessage().contains("expected ',' or ']'"), e.getMessage());
    }

    @Test
    void unclosedListAtEndOfCellIsReported() throws IOException {
        String bad = "[]\t[52.3892, 39.8444, -34.0154, 0.0\t[73.0, 44.3, 5.9, -57.7]\t[]\n";
        EventFileException e = failure("open.csv", HEADER + bad);
        assertEquals(2, e.line());
        assertEquals("missing E", e.column());
        assertTrue(e.getMessage().contains("end of cell"), e.getMessage());
    }

    @Test
    void wrongCellCountNamesTheLine() throws IOException {
        EventFileException few = failure("few.csv", HEADER + ROW1 + ROW1 + "[]\t[1, 2, 3, 4]\t[1, 2, 3, 4]\n");
        assertEquals(4, few.line());
        assertTrue(few.getMessage().contains("expected 4 tab-separated cells like the header but found 3"), few.getMessage());
        EventFileException many = failure("many.csv", HEADER + "[]\t[1, 2, 3, 4]\t[1, 2, 3, 4]\t[]\t[]\n");
        assertEquals(2, many.line());
        assertTrue(many.getMessage().contains("found more"), many.getMessage());
    }

    @Test
    void nonNumericValueIsQuoted() throws IOException {
        String bad = "[]\t[1, 2, 3, 4]\t[10, 3, abc, 0]\t[]\n";
        EventFileException e = failure("nan.csv", HEADER + bad);
        assertEquals("Muons", e.column());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("'abc' at character 9 is not a number"), e.getMessage());
        EventFileException e2 = failure("num.csv", HEADER + "[]\t[1, 2, 3, 4]\t[10, 3, 1.2.3, 0]\t[]\n");
        assertTrue(e2.getMessage().contains("'1.2.3' at character 9 is not a number"), e2.getMessage());
    }

    @Test
    void fourVectorWithThreeComponentsIsRejected() throws IOException {
        EventFileException e = failure("three.csv", HEADER + "[[1, 2, 3]]\t[1, 2, 3, 4]\t[1, 2, 3, 4]\t[0.5]\n");
        assertEquals("Jets", e.column());
        assertTrue(e.getMessage().contains("needs 4 numbers"), e.getMessage());
    }

    @Test
    void bTagCountMustMatchTheJets() throws IOException {
        EventFileException e = failure("tags.csv", HEADER + "[[1, 2, 3, 4]]\t[1, 2, 3, 4]\t[1, 2, 3, 4]\t[0.5, 0.7]\n");
        assertEquals("Jets bTag", e.column());
        assertTrue(e.getMessage().contains("2 values but the event has 1 jets"), e.getMessage());
    }

    @Test
    void interruptedThreadStopsReading() throws IOException {
        Path p = file("many.csv", HEADER + ROW1.repeat(100));
        try (EventReader r = EventReader.open(p)) {
            r.next();
            Thread.currentThread().interrupt();
            assertThrows(CancellationException.class, r::hasNext);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
        }
    }
}
