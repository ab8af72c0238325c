package io.enjoy.analysis.data;

import io.enjoy.analysis.Interrupts;
import io.enjoy.analysis.display.MimeRenderable;
import io.enjoy.analysis.hist.Histogram;
import io.enjoy.analysis.kinematics.FourVector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Events in memory with derived columns, for notebook cells that follow the exercise's
 * DataFrame steps without copying pandas:
 * <pre>{@code
 * EventTable tt = EventTable.read(Path.of("MC_TTBar_NJets2.csv"));
 * tt = tt.where(e -> e.nJets() >= 4)                      // df.loc[df['Jets'].str.len() >= 4]
 *        .with("M3", e -> TopPhysics.m3(e.jets()))        // df['M3'] = df.apply(..., axis=1)
 *        .with("HT", TopPhysics::ht);
 * Histogram h = tt.histogram("M3", 35, 0, 700);           // np.histogram(..., bins=np.arange(0, 720, 20))
 * display(tt.head(5));                                    // df.head()
 * }</pre>
 * Tables are immutable: every step returns a new table sharing the events. Derived columns are
 * plain double arrays, one value per event. For files too large for memory use {@link EventReader}.
 */
public final class EventTable implements MimeRenderable {

    private final List<Event> events;
    private final Map<String, double[]> columns;

    private EventTable(List<Event> events, Map<String, double[]> columns) {
        this.events = events;
        this.columns = columns;
    }

    public static EventTable of(List<Event> events) {
        return new EventTable(List.copyOf(events), Map.of());
    }

    /** Reads a whole exercise file (errors as {@link EventFileException}). */
    public static EventTable read(Path file) {
        try (Stream<Event> s = EventReader.stream(file)) {
            return new EventTable(s.collect(Collectors.toUnmodifiableList()), Map.of());
        }
    }

    public int size() {
        return events.size();
    }

    public Event event(int i) {
        return events.get(i);
    }

    public List<Event> events() {
        return events;
    }

    /** Names of the derived columns, in the order they were added. */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** Rows whose event satisfies the predicate. */
    public EventTable where(Predicate<Event> keep) {
        boolean[] sel = new boolean[events.size()];
        for (int i = 0; i < sel.length; i++) {
            if ((i & 4095) == 0) {
                Interrupts.check("selecting events");
            }
            sel[i] = keep.test(events.get(i));
        }
        return select(sel);
    }

    /** Rows whose derived column value satisfies the predicate. */
    public EventTable where(String column, DoublePredicate keep) {
        double[] v = column(column);
        boolean[] sel = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            sel[i] = keep.test(v[i]);
        }
        return select(sel);
    }

    private EventTable select(boolean[] sel) {
        List<Event> ev = new ArrayList<>();
        for (int i = 0; i < sel.length; i++) {
            if (sel[i]) {
                ev.add(events.get(i));
            }
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> c : columns.entrySet()) {
            double[] src = c.getValue(), dst = new double[ev.size()];
            int k = 0;
            for (int i = 0; i < sel.length; i++) {
                if (sel[i]) {
                    dst[k++] = src[i];
                }
            }
            cols.put(c.getKey(), dst);
        }
        return new EventTable(Collections.unmodifiableList(ev), Collections.unmodifiableMap(cols));
    }

    /** A new table with a derived column (replacing one of the same name). */
    public EventTable with(String column, ToDoubleFunction<Event> f) {
        double[] v = new double[events.size()];
        for (int i = 0; i < v.length; i++) {
            if ((i & 4095) == 0) {
                Interrupts.check("deriving column " + column);
            }
            v[i] = f.applyAsDouble(events.get(i));
        }
        Map<String, double[]> cols = new LinkedHashMap<>(columns);
        cols.put(column, v);
        return new EventTable(events, Collections.unmodifiableMap(cols));
    }

    /** A derived column (a copy). */
    public double[] column(String column) {
        double[] v = columns.get(column);
        if (v == null) {
            throw new IllegalArgumentException("no column '" + column + "'; derived columns are " + columns.keySet()
                    + " (add one with with(name, function))");
        }
        return v.clone();
    }

    /** Histogram of a derived column; values outside [lo, hi] and NaN are dropped (np.histogram). */
    public Histogram histogram(String column, int bins, double lo, double hi) {
        return Histogram.of(column(column), bins, lo, hi);
    }

    /** Histogram after clipping values into [lo, hi] (the notebook's np.clip). */
    public Histogram histogramClipped(String column, int bins, double lo, double hi) {
        Histogram h = new Histogram(bins, lo, hi);
        for (double v : column(column)) {
            h.fillClipped(v);
        }
        return h;
    }

    /** The first n rows, shown like {@code df.head()}. */
    public EventTable head(int n) {
        boolean[] sel = new boolean[events.size()];
        Arrays.fill(sel, 0, Math.min(n, sel.length), true);
        return select(sel);
    }

    @Override
    public Map<String, String> mimeBundle() {
        int n = Math.min(events.size(), 20);
        StringBuilder h = new StringBuilder("<table><tr><th></th><th>Jets</th><th>missing E</th><th>Muons</th><th>Jets bTag</th>");
        StringBuilder t = new StringBuilder();
        for (String c : columns.keySet()) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>");
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            h.append("<tr><td>").append(i).append("</td><td>").append(e.nJets()).append(" jets, leading ")
                    .append(vec(e.jets().isEmpty() ? null : e.jets().get(0))).append("</td><td>").append(vec(e.missingE()))
                    .append("</td><td>").append(vec(e.muon())).append("</td><td>").append(esc(Arrays.toString(e.bTags()))).append("</td>");
            t.append(i).append("  ").append(e.nJets()).append(" jets  muon ").append(vec(e.muon()));
            for (double[] v : columns.values()) {
                h.append("<td>").append(String.format(Locale.ROOT, "%.4g", v[i])).append("</td>");
                t.append(String.format(Locale.ROOT, "  %.4g", v[i]));
            }
            h.append("</tr>");
            t.append('\n');
        }
        h.append("</table><p>").append(events.size()).append(" events</p>");
        t.append(events.size()).append(" events, columns ").append(columns.keySet());
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TEXT_HTML, h.toString());
        m.put(TEXT_PLAIN, t.toString());
        return m;
    }

    private static String vec(FourVector v) {
        return v == null ? "-" : String.format(Locale.ROOT, "[%.6g, %.6g, %.6g, %.6g]", v.e(), v.px(), v.py(), v.pz());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return "EventTable[" + events.size() + " events, columns " + columns.keySet() + "]";
    }
}
