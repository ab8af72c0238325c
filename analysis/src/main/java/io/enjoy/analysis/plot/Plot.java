package io.enjoy.analysis.plot;

import io.enjoy.analysis.display.MimeRenderable;
import io.enjoy.analysis.fit.FitResult;
import io.enjoy.analysis.fit.Model;
import io.enjoy.analysis.hist.Histogram;
import io.enjoy.analysis.hist.Histogram2D;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * A 2-D plot rendered as SVG, shown richly in a notebook through {@link MimeRenderable}:
 * histograms (step or filled, optionally normalised), 2-D histograms, data points with error
 * bars, curves with a ±1σ band, closed contours, a legend and axis labels (put the unit in the
 * label, e.g. {@code "m_top [GeV]"}). The mime bundle has {@code image/svg+xml}, an
 * {@code image/png} fallback drawn with Java2D (left out if the runtime has no java.desktop) and
 * {@code text/plain}. Colours follow a fixed palette in the order layers are added.
 *
 * <pre>{@code
 * Plot p = new Plot("M3", "M3 [GeV]", "events / 20 GeV")
 *         .histogram(tt, "tt̄", Plot.HistStyle.STEP)
 *         .points(data, "data");
 * display(p);            // in a notebook
 * p.save(Path.of("m3.svg"));
 * }</pre>
 */
public final class Plot implements MimeRenderable {

    /** How a histogram is drawn. */
    public enum HistStyle { STEP, FILLED }

    static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

    private final String title, xLabel, yLabel;
    final List<Layer> layers = new ArrayList<>();
    private double[] xRange, yRange;
    private int width = 720, height = 450;
    /** Makes the clip-path id unique among plots shown on one page, and stable for this plot. */
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();
    private final String id = Long.toString(IDS.incrementAndGet());

    public Plot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** One drawable thing; bounds in data coordinates for auto-ranging. */
    interface Layer {
        double[] bounds(); // xmin, xmax, ymin, ymax

        void draw(Canvas c, String colour);

        String label();

        /** Legend symbol: "l" line, "f" filled box, "p" point. */
        String legendKind();
    }

    private String nextColour() {
        return PALETTE[layers.size() % PALETTE.length];
    }

    public Plot size(int w, int h) {
        this.width = w;
        this.height = h;
        return this;
    }

    public Plot xRange(double lo, double hi) {
        this.xRange = new double[] {lo, hi};
        return this;
    }

    public Plot yRange(double lo, double hi) {
        this.yRange = new double[] {lo, hi};
        return this;
    }

    public Plot histogram(Histogram h, String label, HistStyle style) {
        layers.add(Layers.histogram(h.edges(), h.counts(), label, style));
        return this;
    }

    /** The histogram scaled to unit area (density: counts / (N · bin width)). */
    public Plot histogramNormalised(Histogram h, String label, HistStyle style) {
        double k = h.integral() * h.width();
        double[] c = h.counts();
        for (int i = 0; i < c.length; i++) {
            c[i] = k > 0 ? c[i] / k : 0;
        }
        layers.add(Layers.histogram(h.edges(), c, label, style));
        return this;
    }

    /** Bin contents as points at the bin centres with their Poisson errors. */
    public Plot points(Histogram h, String label) {
        return points(h.centres(), h.counts(), h.errors(), label);
    }

    public Plot points(double[] x, double[] y, double[] yErr, String label) {
        layers.add(Layers.points(x.clone(), y.clone(), yErr == null ? null : yErr.clone(), label));
        return this;
    }

    public Plot curve(DoubleUnaryOperator f, double lo, double hi, String label) {
        layers.add(Layers.curve(f, lo, hi, null, label));
        return this;
    }

    /**
     * The fitted model with its ±1σ band {@code sqrt(J C Jᵀ)} (kafe2's error band: J the numeric
     * derivative of the model by the free parameters, step 1 % of their errors).
     */
    public Plot fit(FitResult fit, Model model, double lo, double hi, String label) {
        double[] p = fit.values();
        double[][] cov = fit.covariance();
        DoubleUnaryOperator f = x -> model.value(x, p);
        DoubleUnaryOperator band = x -> {
            int n = p.length;
            double[] j = new double[n];
            for (int i = 0; i < n; i++) {
                double err = Math.sqrt(cov[i][i]);
                if (err == 0) {
                    continue;
                }
                double h = 0.01 * err;
                double[] up = p.clone(), dn = p.clone();
                up[i] += h;
                dn[i] -= h;
                j[i] = (model.value(x, up) - model.value(x, dn)) / (2 * h);
            }
            double v = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    v += j[a] * cov[a][b] * j[b];
                }
            }
            return Math.sqrt(Math.max(v, 0));
        };
        layers.add(Layers.curve(f, lo, hi, band, label));
        return this;
    }

    /** A closed contour through the given (x, y) points, e.g. from {@code Fitter.contour}. */
    public Plot contour(double[][] points, String label) {
        layers.add(Layers.contour(points, label));
        return this;
    }

    public Plot histogram2d(Histogram2D h, String label) {
        layers.add(Layers.histogram2d(h, label));
        return this;
    }

    /** The SVG document. */
    public String svg() {
        SvgCanvas c = new SvgCanvas(width, height, xr(), yr(), id);
        render(c);
        return c.finish();
    }

    /** The same picture as PNG bytes (Java2D, headless). */
    public byte[] png() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        PngCanvas c = new PngCanvas(width, height, xr(), yr());
        render(c);
        return c.finish();
    }

    private double[] bounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Layer l : layers) {
            double[] lb = l.bounds();
            b[0] = Math.min(b[0], lb[0]);
            b[1] = Math.max(b[1], lb[1]);
            b[2] = Math.min(b[2], lb[2]);
            b[3] = Math.max(b[3], lb[3]);
        }
        if (layers.isEmpty() || !Double.isFinite(b[0] + b[1] + b[2] + b[3])) {
            b = new double[] {0, 1, 0, 1};
        }
        return b;
    }

    private double[] xr() {
        double[] b = bounds();
        return xRange != null ? xRange : pad(b[0], b[1], 0);
    }

    private double[] yr() {
        double[] b = bounds();
        return yRange != null ? yRange : pad(b[2], b[3], 0.08);
    }

    private void render(Canvas c) {
        c.frame(title, xLabel, yLabel);
        for (int i = 0; i < layers.size(); i++) {
            c.clipStart();
            layers.get(i).draw(c, PALETTE[i % PALETTE.length]);
            c.clipEnd();
        }
        List<String[]> legend = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l.label() != null && !l.label().isEmpty()) {
                legend.add(new String[] {l.label(), PALETTE[i % PALETTE.length], l.legendKind()});
            }
        }
        c.legend(legend);
    }

    private static double[] pad(double lo, double hi, double top) {
        if (lo == hi) {
            return new double[] {lo - 1, hi + 1};
        }
        double lo2 = lo >= 0 && top > 0 ? 0 : lo - 0.02 * (hi - lo);
        return new double[] {lo2, hi + top * (hi - lo2)};
    }

    /** Writes the SVG to a file. */
    public Path save(Path file) throws IOException {
        Files.writeString(file, svg(), StandardCharsets.UTF_8);
        return file;
    }

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(IMAGE_SVG, svg());
        try {
            m.put(IMAGE_PNG, java.util.Base64.getEncoder().encodeToString(png()));
        } catch (LinkageError | InternalError | RuntimeException e) {
            // A runtime without java.desktop, or a container without fonts (AWT reports a missing
            // fontconfig as an InternalError), still gets the SVG, which every browser shows.
        }
        m.put(TEXT_PLAIN, "Plot[" + title + ": " + layers.size() + " layers]");
        return m;
    }

    @Override
    public String toString() {
        return "Plot[" + title + ": " + layers.size() + " layers]";
    }
}
