package io.enjoy.analysis.data;

import io.enjoy.analysis.Interrupts;
import io.enjoy.analysis.kinematics.FourVector;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streaming reader of the exercise's CSV format: one line at a time, so a million events never
 * sit in memory as text.
 *
 * <p>Format (seed appendix B, {@code pd.read_csv(sep="\t", converters=ast.literal_eval)}):
 * UTF-8, tab-separated, a header row naming the columns, then one event per line. Required
 * columns {@code Jets}, {@code missing E}, {@code Muons}, {@code Jets bTag}; optional
 * {@code T_gen}, {@code anti T_gen}. Columns may come in any order; columns with other names
 * (for example a pandas index column with an empty name) are ignored. Blank lines are skipped,
 * as pandas does. Every row must have as many cells as the header.
 *
 * <p>Any problem throws {@link EventFileException} naming the file, the line and the column:
 * an empty file, a missing header column, a wrong cell count, a bad bracket, a non-numeric
 * value, a four-vector without 4 components, or b-tags that do not match the jets.
 *
 * <p>Not thread-safe. Close it (or the stream from {@link #stream(Path)}) to release the file.
 * Reading checks for thread interruption between lines so a notebook cell can be stopped.
 */
public final class EventReader implements Iterator<Event>, Closeable {

    private final String name;
    private final BufferedReader in;
    private final int nCells;
    private final int jets, missingE, muons, bTags, tGen, antiTGen;
    private long lineNo;
    private Event next;
    private boolean done;

    /** Opens a file and reads its header. */
    public static EventReader open(Path file) {
        try {
            return new EventReader(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EventFileException(file.toString(), 0, null, "cannot open: " + e.getMessage(), e);
        }
    }

    /** All events of a file as a sequential stream; close the stream to close the file. */
    public static Stream<Event> stream(Path file) {
        EventReader r = open(file);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(r, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(r::close);
    }

    /** Reads from any reader; {@code name} is used in error messages. Reads the header now. */
    public EventReader(String name, Reader reader) {
        this.name = name;
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        String header = nextNonBlankLine();
        if (header == null) {
            closeQuietly();
            throw new EventFileException(name, 0, null, "the file is empty: expected a header row with the columns "
                    + ExerciseColumns.REQUIRED, null);
        }
        List<String> cols = List.of(header.split("\t", -1));
        List<String> trimmed = new ArrayList<>(cols.size());
        for (String c : cols) {
            trimmed.add(c.strip());
        }
        this.nCells = cols.size();
        for (String required : ExerciseColumns.REQUIRED) {
            if (!trimmed.contains(required)) {
                closeQuietly();
                throw new EventFileException(name, lineNo, required, "the header has no column '" + required
                        + "' (found " + trimmed + "; columns are separated by tabs)", null);
            }
        }
        jets = trimmed.indexOf(ExerciseColumns.JETS);
        missingE = trimmed.indexOf(ExerciseColumns.MISSING_E);
        muons = trimmed.indexOf(ExerciseColumns.MUONS);
        bTags = trimmed.indexOf(ExerciseColumns.JETS_BTAG);
        tGen = trimmed.indexOf(ExerciseColumns.T_GEN);
        antiTGen = trimmed.indexOf(ExerciseColumns.ANTI_T_GEN);
        if ((tGen < 0) != (antiTGen < 0)) {
            closeQuietly();
            String missing = tGen < 0 ? ExerciseColumns.T_GEN : ExerciseColumns.ANTI_T_GEN;
            throw new EventFileException(name, lineNo, missing, "the header has only one of the generator columns "
                    + ExerciseColumns.GENERATOR + "; '" + missing + "' is missing", null);
        }
    }

    /** Whether the file has the generator-level columns {@code T_gen} and {@code anti T_gen}. */
    public boolean hasGenerator() {
        return tGen >= 0;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = readEvent();
            if (next == null) {
                done = true;
                closeQuietly();
            }
        }
        return next != null;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events in " + name);
        }
        Event e = next;
        next = null;
        return e;
    }

    private Event readEvent() {
        if (Thread.currentThread().isInterrupted()) {
            closeQuietly();
            done = true;
            Interrupts.check("reading " + name + " after line " + lineNo);
        }
        String line = nextNonBlankLine();
        if (line == null) {
            return null;
        }
        String[] cells = new String[nCells];
        int n = 0;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\t') {
                if (n == nCells - 1) {
                    throw bad(null, "expected " + nCells + " tab-separated cells like the header but found more");
                }
                cells[n++] = line.substring(start, i);
                start = i + 1;
            }
        }
        if (n != nCells - 1) {
            throw bad(null, "expected " + nCells + " tab-separated cells like the header but found " + (n + 1));
        }
        cells[n] = line.substring(start);
        List<FourVector> jetList = cell(ExerciseColumns.JETS, cells[jets], CellKind.VECTORS);
        double[] tags = cell(ExerciseColumns.JETS_BTAG, cells[bTags], CellKind.NUMBERS);
        if (tags.length != jetList.size()) {
            throw bad(ExerciseColumns.JETS_BTAG, "has " + tags.length + " values but the event has " + jetList.size()
                    + " jets (one b-tag per jet expected)");
        }
        FourVector met = cell(ExerciseColumns.MISSING_E, cells[missingE], CellKind.VECTOR);
        FourVector mu = cell(ExerciseColumns.MUONS, cells[muons], CellKind.VECTOR);
        FourVector t = tGen < 0 ? null : cell(ExerciseColumns.T_GEN, cells[tGen], CellKind.VECTOR);
        FourVector at = antiTGen < 0 ? null : cell(ExerciseColumns.ANTI_T_GEN, cells[antiTGen], CellKind.VECTOR);
        return new Event(jetList, tags, met, mu, t, at);
    }

    private enum CellKind { VECTORS, VECTOR, NUMBERS }

    @SuppressWarnings("unchecked")
    private <T> T cell(String column, String text, CellKind kind) {
        try {
            return (T) switch (kind) {
                case VECTORS -> List.copyOf(PyListCell.vectors(text));
                case VECTOR -> PyListCell.vector(text);
                case NUMBERS -> PyListCell.numbers(text);
            };
        } catch (PyListCell.CellException e) {
            throw bad(column, e.getMessage() + " in " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 57) + "...'";
    }

    private EventFileException bad(String column, String reason) {
        closeQuietly();
        done = true;
        return new EventFileException(name, lineNo, column, reason, null);
    }

    private String nextNonBlankLine() {
        try {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    return null;
                }
                lineNo++;
            } while (line.isBlank());
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(name + " line " + (lineNo + 1) + ": read failed: " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing useful to do: the data already read is complete
        }
    }

    @Override
    public void close() {
        done = true;
        closeQuietly();
    }
}
