package io.enjoy.analysis.plot;

import io.enjoy.analysis.hist.Histogram2D;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

import static io.enjoy.analysis.plot.SvgCanvas.f;

/** The drawable layers of a {@link Plot}. */
final class Layers {

    private static final int CURVE_POINTS = 300;

    private Layers() {
    }

    private abstract static class Base implements Plot.Layer {
        final String label;

        Base(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public String legendKind() {
            return "l";
        }
    }

    static Plot.Layer histogram(double[] edges, double[] counts, String label, Plot.HistStyle style) {
        return new Base(label) {
            public double[] bounds() {
                double max = 0, min = 0;
                for (double c : counts) {
                    max = Math.max(max, c);
                    min = Math.min(min, c);
                }
                return new double[] {edges[0], edges[edges.length - 1], min, max};
            }

            public void draw(SvgCanvas c, String colour) {
                double base = Math.max(c.yMin(), 0);
                StringBuilder d = new StringBuilder("M").append(f(c.px(edges[0]))).append(',').append(f(c.py(base)));
                for (int i = 0; i < counts.length; i++) {
                    d.append(" L").append(f(c.px(edges[i]))).append(',').append(f(c.py(counts[i])));
                    d.append(" L").append(f(c.px(edges[i + 1]))).append(',').append(f(c.py(counts[i])));
                }
                d.append(" L").append(f(c.px(edges[edges.length - 1]))).append(',').append(f(c.py(base)));
                String fill = style == Plot.HistStyle.FILLED ? "fill=\"" + colour + "\" fill-opacity=\"0.45\"" : "fill=\"none\"";
                c.out().append("<path d=\"").append(d).append("\" ").append(fill).append(" stroke=\"").append(colour)
                        .append("\" stroke-width=\"1.6\"/>\n");
            }

            @Override
            public String legendKind() {
                return style == Plot.HistStyle.FILLED ? "f" : "l";
            }
        };
    }

    static Plot.Layer points(double[] x, double[] y, double[] err, String label) {
        return new Base(label) {
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

            public void draw(SvgCanvas c, String colour) {
                StringBuilder o = c.out();
                o.append("<g stroke=\"").append(colour).append("\" fill=\"").append(colour).append("\">");
                for (int i = 0; i < x.length; i++) {
                    String px = f(c.px(x[i]));
                    if (err != null && err[i] > 0) {
                        o.append("<line x1=\"").append(px).append("\" x2=\"").append(px).append("\" y1=\"").append(f(c.py(y[i] - err[i])))
                                .append("\" y2=\"").append(f(c.py(y[i] + err[i]))).append("\" stroke-width=\"1.4\"/>");
                    }
                    o.append("<circle cx=\"").append(px).append("\" cy=\"").append(f(c.py(y[i]))).append("\" r=\"3\"/>");
                }
                o.append("</g>\n");
            }

            @Override
            public String legendKind() {
                return "p";
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
        return new Base(label) {
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

            public void draw(SvgCanvas c, String colour) {
                if (band != null) {
                    StringBuilder d = new StringBuilder();
                    for (int i = 0; i < CURVE_POINTS; i++) {
                        d.append(i == 0 ? "M" : " L").append(f(c.px(xs[i]))).append(',').append(f(c.py(ys[i] + bs[i])));
                    }
                    for (int i = CURVE_POINTS - 1; i >= 0; i--) {
                        d.append(" L").append(f(c.px(xs[i]))).append(',').append(f(c.py(ys[i] - bs[i])));
                    }
                    c.out().append("<path d=\"").append(d).append(" Z\" fill=\"").append(colour).append("\" fill-opacity=\"0.25\" stroke=\"none\"/>\n");
                }
                StringBuilder d = new StringBuilder();
                for (int i = 0; i < CURVE_POINTS; i++) {
                    d.append(i == 0 ? "M" : " L").append(f(c.px(xs[i]))).append(',').append(f(c.py(ys[i])));
                }
                c.out().append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"/>\n");
            }
        };
    }

    static Plot.Layer contour(double[][] pts, String label) {
        return new Base(label) {
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

            public void draw(SvgCanvas c, String colour) {
                StringBuilder d = new StringBuilder();
                for (int i = 0; i < pts.length; i++) {
                    d.append(i == 0 ? "M" : " L").append(f(c.px(pts[i][0]))).append(',').append(f(c.py(pts[i][1])));
                }
                c.out().append("<path d=\"").append(d).append(" Z\" fill=\"").append(colour).append("\" fill-opacity=\"0.15\" stroke=\"")
                        .append(colour).append("\" stroke-width=\"2\"/>\n");
            }
        };
    }

    static Plot.Layer histogram2d(Histogram2D h, String label) {
        return new Base(label) {
            public double[] bounds() {
                double[] xe = h.xEdges(), ye = h.yEdges();
                return new double[] {xe[0], xe[xe.length - 1], ye[0], ye[ye.length - 1]};
            }

            public void draw(SvgCanvas c, String colour) {
                double[] xe = h.xEdges(), ye = h.yEdges();
                double max = h.max();
                StringBuilder o = c.out();
                for (int i = 0; i < h.xBins(); i++) {
                    for (int j = 0; j < h.yBins(); j++) {
                        double v = h.count(i, j);
                        if (v <= 0) {
                            continue;
                        }
                        double x = c.px(xe[i]), y = c.py(ye[j + 1]);
                        o.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"")
                                .append(f(c.px(xe[i + 1]) - x + 0.5)).append("\" height=\"").append(f(c.py(ye[j]) - y + 0.5))
                                .append("\" fill=\"").append(viridis(v / max)).append("\"/>");
                    }
                }
                o.append('\n');
            }

            @Override
            public String legendKind() {
                return "f";
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
