package io.enjoy.analysis.topmass;

import io.enjoy.analysis.Interrupts;
import io.enjoy.analysis.data.Event;
import io.enjoy.analysis.hist.Histogram;

import java.util.Arrays;
import java.util.Iterator;
import java.util.function.DoublePredicate;

/**
 * The per-event numbers the exercise needs, computed while streaming a file so that the events
 * themselves need not stay in memory: columns of doubles, one row per event of the file.
 *
 * <p>Quantities of the ≥ 4-jet selection (M3, MET, muon pt/η, HT) are NaN for events with fewer
 * jets; the top reconstruction runs only for ≥ 4 jets with a medium b-tag, as in the notebook, and
 * is NaN otherwise (or when no loose-tagged jet exists).
 */
public final class SampleSummary {

    /** Column names. */
    public static final String N_JETS = "nJets", M3 = "M3", MET = "MET", MUON_PT = "muonPt", MUON_ETA = "muonEta",
            HT = "HT", MEDIUM_BTAG = "mediumBTag", TOP_HAD = "topHadronic", TOP_LEP = "topLeptonic", TOP_AVG = "topAverage",
            TGEN_PT = "tGenPt", TGEN_ETA = "tGenEta", ATGEN_PT = "antiTGenPt", ATGEN_ETA = "antiTGenEta";
    private static final String[] COLUMNS = {N_JETS, M3, MET, MUON_PT, MUON_ETA, HT, MEDIUM_BTAG, TOP_HAD, TOP_LEP, TOP_AVG,
            TGEN_PT, TGEN_ETA, ATGEN_PT, ATGEN_ETA};

    private final double[][] cols;
    private int size;

    private SampleSummary(int capacity) {
        cols = new double[COLUMNS.length][Math.max(16, capacity)];
    }

    /** Computes the summary of a stream of events (consumes the iterator). */
    public static SampleSummary of(Iterator<Event> events) {
        SampleSummary s = new SampleSummary(1024);
        double[] row = new double[COLUMNS.length];
        while (events.hasNext()) {
            if ((s.size & 1023) == 0) {
                Interrupts.check("summarising events");
            }
            derive(events.next(), row);
            s.add(row);
        }
        return s;
    }

    /** Summary rows for one batch of events; used by the parallel reader. */
    static SampleSummary ofBatch(java.util.List<Event> events) {
        SampleSummary s = new SampleSummary(events.size());
        double[] row = new double[COLUMNS.length];
        for (Event e : events) {
            derive(e, row);
            s.add(row);
        }
        return s;
    }

    /** Appends all rows of another summary. */
    void append(SampleSummary o) {
        ensure(size + o.size);
        for (int c = 0; c < COLUMNS.length; c++) {
            System.arraycopy(o.cols[c], 0, cols[c], size, o.size);
        }
        size += o.size;
    }

    static SampleSummary empty() {
        return new SampleSummary(1024);
    }

    static void derive(Event e, double[] row) {
        Arrays.fill(row, Double.NaN);
        row[0] = e.nJets();
        if (e.hasGenerator()) {
            row[10] = e.topGen().pt();
            row[11] = e.topGen().eta();
            row[12] = e.antiTopGen().pt();
            row[13] = e.antiTopGen().eta();
        }
        if (e.nJets() < 4) {
            return;
        }
        row[1] = TopPhysics.m3(e.jets());
        row[2] = TopPhysics.met(e);
        row[3] = e.muon().pt();
        row[4] = e.muon().eta();
        row[5] = TopPhysics.ht(e);
        boolean medium = TopPhysics.hasBTag(e, TopPhysics.MEDIUM_BTAG);
        row[6] = medium ? 1 : 0;
        if (medium) {
            TopPair t = TopPhysics.reconstruct(e);
            if (t != null) {
                row[7] = t.hadronicMass();
                row[8] = t.leptonicMass();
                row[9] = t.averageMass();
            }
        }
    }

    private void add(double[] row) {
        ensure(size + 1);
        for (int c = 0; c < COLUMNS.length; c++) {
            cols[c][size] = row[c];
        }
        size++;
    }

    private void ensure(int n) {
        if (n > cols[0].length) {
            int cap = Math.max(n, cols[0].length * 2);
            for (int c = 0; c < COLUMNS.length; c++) {
                cols[c] = Arrays.copyOf(cols[c], cap);
            }
        }
    }

    /** Number of events (rows). */
    public int size() {
        return size;
    }

    /** A column by name (see the constants), one value per event. */
    public double[] column(String name) {
        for (int c = 0; c < COLUMNS.length; c++) {
            if (COLUMNS[c].equals(name)) {
                return Arrays.copyOf(cols[c], size);
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' (have " + Arrays.toString(COLUMNS) + ")");
    }

    /** Rows passing the ≥ 4 jets cut; with {@code mediumBTag} also requiring a medium b-tag. */
    public boolean[] selection(boolean mediumBTag) {
        boolean[] sel = new boolean[size];
        for (int i = 0; i < size; i++) {
            sel[i] = cols[0][i] >= 4 && (!mediumBTag || cols[6][i] == 1);
        }
        return sel;
    }

    /** Number of selected rows. */
    public static int count(boolean[] sel) {
        int n = 0;
        for (boolean b : sel) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** Histogram of a column over the selected rows, values clipped into [lo, hi] as the notebook does. */
    public Histogram clippedHistogram(String column, boolean[] sel, int bins, double lo, double hi) {
        double[] v = column(column);
        Histogram h = new Histogram(bins, lo, hi);
        for (int i = 0; i < size; i++) {
            if (sel[i]) {
                h.fillClipped(v[i]);
            }
        }
        return h;
    }

    /** Histogram of a column over the selected rows; values outside [lo, hi] and NaN are dropped. */
    public Histogram histogram(String column, boolean[] sel, int bins, double lo, double hi) {
        double[] v = column(column);
        Histogram h = new Histogram(bins, lo, hi);
        for (int i = 0; i < size; i++) {
            if (sel[i]) {
                h.fill(v[i]);
            }
        }
        return h;
    }

    /** Count of selected rows whose column value satisfies a predicate. */
    public int count(String column, boolean[] sel, DoublePredicate p) {
        double[] v = column(column);
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (sel[i] && p.test(v[i])) {
                n++;
            }
        }
        return n;
    }
}
