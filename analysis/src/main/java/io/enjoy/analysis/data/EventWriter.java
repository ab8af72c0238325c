package io.enjoy.analysis.data;

import io.enjoy.analysis.kinematics.FourVector;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes events in exactly the format {@link EventReader} and the Python notebook
 * ({@code pd.read_csv(sep="\t")} + {@code ast.literal_eval}) read: header row, tab-separated,
 * Python list literals, {@code \n} line ends. Numbers are written with Java's shortest
 * round-trip representation, which Python parses to the same double; non-finite values are
 * refused because {@code ast.literal_eval} cannot read them.
 */
public final class EventWriter implements Closeable {

    private final Writer out;
    private final boolean withGenerator;
    private final StringBuilder line = new StringBuilder(512);

    /** Creates (or truncates) a file and writes the header. */
    public static EventWriter create(Path file, boolean withGenerator) throws IOException {
        return new EventWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), withGenerator);
    }

    /**
     * @param withGenerator whether to write the {@code T_gen} and {@code anti T_gen} columns
     *                      (tt̄ simulation only); events then must carry them
     */
    public EventWriter(Writer out, boolean withGenerator) throws IOException {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
        this.withGenerator = withGenerator;
        StringBuilder h = new StringBuilder(String.join("\t", ExerciseColumns.REQUIRED));
        if (withGenerator) {
            h.append('\t').append(String.join("\t", ExerciseColumns.GENERATOR));
        }
        this.out.write(h.append('\n').toString());
    }

    /** Appends one event as one line. */
    public void write(Event e) {
        if (withGenerator && !e.hasGenerator()) {
            throw new IllegalArgumentException("this file has generator columns but the event has no T_gen/anti T_gen");
        }
        line.setLength(0);
        line.append('[');
        for (int i = 0; i < e.jets().size(); i++) {
            if (i > 0) {
                line.append(", ");
            }
            vector(e.jets().get(i));
        }
        line.append("]\t");
        vector(e.missingE());
        line.append('\t');
        vector(e.muon());
        line.append("\t[");
        double[] tags = e.bTags();
        for (int i = 0; i < tags.length; i++) {
            if (i > 0) {
                line.append(", ");
            }
            number(tags[i]);
        }
        line.append(']');
        if (withGenerator) {
            line.append('\t');
            vector(e.topGen());
            line.append('\t');
            vector(e.antiTopGen());
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException ex) {
            throw new UncheckedIOException("writing an event failed: " + ex.getMessage(), ex);
        }
    }

    private void vector(FourVector v) {
        line.append('[');
        number(v.e());
        line.append(", ");
        number(v.px());
        line.append(", ");
        number(v.py());
        line.append(", ");
        number(v.pz());
        line.append(']');
    }

    private void number(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("cannot write " + x + ": Python's ast.literal_eval reads only finite numbers");
        }
        line.append(x);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
