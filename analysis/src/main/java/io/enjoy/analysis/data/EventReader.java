package io.enjoy.analysis.data;

import io.enjoy.analysis.Interrupts;

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
    private final RowParser rows;
    private long lineNo;
    private Event next;
    private boolean done;

    /** Opens a file and reads its header. */
    public static EventReader open(Path file) {
        try {
            return new EventReader(file.toString(), Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.toString();
            throw new EventFileException(file.toString(), 0, null, "cannot open: " + why, e);
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
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1); // a byte-order mark, as spreadsheet programs write it
        }
        List<String> cols = List.of(header.split("\t", -1));
        List<String> trimmed = new ArrayList<>(cols.size());
        for (String c : cols) {
            trimmed.add(c.strip());
        }
        for (String required : ExerciseColumns.REQUIRED) {
            if (!trimmed.contains(required)) {
                closeQuietly();
                throw new EventFileException(name, lineNo, required, "the header has no column '" + required
                        + "' (found " + trimmed + "; columns are separated by tabs)", null);
            }
        }
        int tGen = trimmed.indexOf(ExerciseColumns.T_GEN);
        int antiTGen = trimmed.indexOf(ExerciseColumns.ANTI_T_GEN);
        if ((tGen < 0) != (antiTGen < 0)) {
            closeQuietly();
            String missing = tGen < 0 ? ExerciseColumns.T_GEN : ExerciseColumns.ANTI_T_GEN;
            throw new EventFileException(name, lineNo, missing, "the header has only one of the generator columns "
                    + ExerciseColumns.GENERATOR + "; '" + missing + "' is missing", null);
        }
        rows = new RowParser(name, trimmed);
    }

    /** Whether the file has the generator-level columns {@code T_gen} and {@code anti T_gen}. */
    public boolean hasGenerator() {
        return rows.hasGenerator();
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
        try {
            return rows.parse(line, lineNo);
        } catch (EventFileException e) {
            closeQuietly();
            done = true;
            throw e;
        }
    }

    /** The thread-safe parser of this file's data rows (for parallel readers). */
    public RowParser rowParser() {
        return rows;
    }

    /** Reads the next non-blank line as raw text, or null at the end; {@link #lineNumber()} is its number. */
    public String nextLine() {
        if (done) {
            return null;
        }
        String l = nextNonBlankLine();
        if (l == null) {
            done = true;
            closeQuietly();
        }
        return l;
    }

    /** 1-based number of the line read last. */
    public long lineNumber() {
        return lineNo;
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
