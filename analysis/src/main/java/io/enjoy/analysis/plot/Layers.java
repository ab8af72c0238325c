package io.enjoy.analysis.plot;

import io.enjoy.analysis.hist.Histogram2D;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** The drawable layers of a {@link Plot}, written against the {@link Canvas} primitives. */
final class Layers {

    private static final int CURVE_POINTS = 300;

    private Layers() {
    }

    private abstract static class Base implements Plot.Layer {
        final String label;
        final String kind;

        Base(String label, String kind) {
            this.label = label;
            this.kind = kind;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public String legendKind() {
            return kind;
        }
    }

    static Plot.Layer histogram(double[] edges, double[] counts, String label, Plot.HistStyle style) {
        boolean filled = style == Plot.HistStyle.FILLED;
        return new Base(label, filled ? "f" : "l") {
            public double[] bounds() {
                double max = 0, min = 0;
                for (double c : counts) {
                    max = Math.max(max, c);
                    min = Math.min(min, c);
                }
                return new double[] {edges[0], edges[edges.length - 1], min, max};
            }

            public void draw(Canvas c, String colour) {
                double base = c.py(Math.max(c.yMin(), 0));
                int n = counts.length;
                double[] xs = new double[2 * n + 2], ys = new double[2 * n + 2];
                xs[0] = c.px(edges[0]);
                ys[0] = base;
                for (int i = 0; i < n; i++) {
                    xs[2 * i + 1] = c.px(edges[i]);
                    xs[2 * i + 2] = c.px(edges[i + 1]);
                    ys[2 * i + 1] = ys[2 * i + 2] = c.py(counts[i]);
                }
                xs[2 * n + 1] = c.px(edges[n]);
                ys[2 * n + 1] = base;
                c.path(xs, ys, false, colour, 1.6, filled ? colour : null, 0.45);
            }
        };
    }

    static Plot.Layer points(double[] x, double[] y, double[] err, String label) {
        return new Base(label, "p") {
            public double[] bounds() {
                double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
                for (int i = 0; i < x.length; i++) {
                    double e = err == null ? 0 : err[i];
                    b[0] = Math.min(b[0], x[i]);
                    b[1] = Math.max(b[1], x[i]);
                    b[2] = Math.min(b[2], y[i] - e);
                    b[3] = Math.max(b[3], y[i] + e);
                }
                return b;
            }

            public void draw(Canvas c, String colour) {
                for (int i = 0; i < x.length; i++) {
                    double px = c.px(x[i]);
                    if (err != null && err[i] > 0) {
                        c.line(px, c.py(y[i] - err[i]), px, c.py(y[i] + err[i]), colour, 1.4);
                    }
                    c.circle(px, c.py(y[i]), 3, colour);
                }
            }
        };
    }

    static Plot.Layer curve(DoubleUnaryOperator fn, double lo, double hi, DoubleUnaryOperator band, String label) {
        double[] xs = new double[CURVE_POINTS], ys = new double[CURVE_POINTS], bs = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            xs[i] = lo + (hi - lo) * i / (CURVE_POINTS - 1);
            ys[i] = fn.applyAsDouble(xs[i]);
            bs[i] = band == null ? 0 : band.applyAsDouble(xs[i]);
        }
        return new Base(label, "l") {
            public double[] bounds() {
                double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < CURVE_POINTS; i++) {
                    if (Double.isFinite(ys[i])) {
                        mn = Math.min(mn, ys[i] - bs[i]);
                        mx = Math.max(mx, ys[i] + bs[i]);
                    }
                }
                return new double[] {lo, hi, mn, mx};
            }

            public void draw(Canvas c, String colour) {
                double[] px = new double[CURVE_POINTS], py = new double[CURVE_POINTS];
                if (band != null) {
                    double[] bx = new double[2 * CURVE_POINTS], by = new double[2 * CURVE_POINTS];
                    for (int i = 0; i < CURVE_POINTS; i++) {
                        bx[i] = c.px(xs[i]);
                        by[i] = c.py(ys[i] + bs[i]);
                        bx[2 * CURVE_POINTS - 1 - i] = c.px(xs[i]);
                        by[2 * CURVE_POINTS - 1 - i] = c.py(ys[i] - bs[i]);
                    }
                    c.path(bx, by, true, null, 0, colour, 0.25);
                }
                for (int i = 0; i < CURVE_POINTS; i++) {
                    px[i] = c.px(xs[i]);
                    py[i] = c.py(ys[i]);
                }
                c.path(px, py, false, colour, 2, null, 0);
            }
        };
    }

    static Plot.Layer contour(double[][] pts, String label) {
        return new Base(label, "l") {
            public double[] bounds() {
                double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
                for (double[] p : pts) {
                    b[0] = Math.min(b[0], p[0]);
                    b[1] = Math.max(b[1], p[0]);
                    b[2] = Math.min(b[2], p[1]);
                    b[3] = Math.max(b[3], p[1]);
                }
                double dx = 0.1 * (b[1] - b[0]), dy = 0.1 * (b[3] - b[2]);
                return new double[] {b[0] - dx, b[1] + dx, b[2] - dy, b[3] + dy};
            }

            public void draw(Canvas c, String colour) {
                double[] xs = new double[pts.length], ys = new double[pts.length];
                for (int i = 0; i < pts.length; i++) {
                    xs[i] = c.px(pts[i][0]);
                    ys[i] = c.py(pts[i][1]);
                }
                c.path(xs, ys, true, colour, 2, colour, 0.15);
            }
        };
    }

    static Plot.Layer histogram2d(Histogram2D h, String label) {
        return new Base(label, "f") {
            public double[] bounds() {
                double[] xe = h.xEdges(), ye = h.yEdges();
                return new double[] {xe[0], xe[xe.length - 1], ye[0], ye[ye.length - 1]};
            }

            public void draw(Canvas c, String colour) {
                double[] xe = h.xEdges(), ye = h.yEdges();
                double max = h.max();
                for (int i = 0; i < h.xBins(); i++) {
                    for (int j = 0; j < h.yBins(); j++) {
                        double v = h.count(i, j);
                        if (v <= 0) {
                            continue;
                        }
                        double x = c.px(xe[i]), y = c.py(ye[j + 1]);
                        c.rect(x, y, c.px(xe[i + 1]) - x + 0.5, c.py(ye[j]) - y + 0.5, viridis(v / max), 1, null);
                    }
                }
            }
        };
    }

    /** A short viridis-like ramp from dark purple to yellow. */
    static String viridis(double t) {
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        t = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int k = Math.min((int) t, stops.length - 2);
        double u = t - k;
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", (int) (stops[k][0] + u * (stops[k + 1][0] - stops[k][0])),
                (int) (stops[k][1] + u * (stops[k + 1][1] - stops[k][1])), (int) (stops[k][2] + u * (stops[k + 1][2] - stops[k][2])));
    }
}
