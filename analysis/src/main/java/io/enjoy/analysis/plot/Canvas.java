package io.enjoy.analysis.plot;

import java.util.List;
import java.util.Locale;

/**
 * A drawing surface in pixel coordinates with a data-to-pixel mapping, plus the frame, ticks,
 * labels and legend every plot shares. Two implementations: {@link SvgCanvas} (the primary output)
 * and {@link PngCanvas} (the raster fallback), so both show exactly the same picture.
 */
abstract class Canvas {

    static final int LEFT = 78, RIGHT = 20, TOP = 40, BOTTOM = 58;
    final int w, h;
    private final double x0, x1, y0, y1;

    Canvas(int w, int h, double[] xr, double[] yr) {
        this.w = w;
        this.h = h;
        this.x0 = xr[0];
        this.x1 = xr[1];
        this.y0 = yr[0];
        this.y1 = yr[1];
    }

    double px(double x) {
        return clamp(LEFT + (x - x0) / (x1 - x0) * (w - LEFT - RIGHT));
    }

    double py(double y) {
        return clamp(h - BOTTOM - (y - y0) / (y1 - y0) * (h - TOP - BOTTOM));
    }

    private static double clamp(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return Math.max(-1e5, Math.min(1e5, v));
    }

    double yMin() {
        return y0;
    }

    /** A polyline in pixels; closed and filled if {@code fill} is not null. */
    abstract void path(double[] xs, double[] ys, boolean close, String stroke, double strokeWidth, String fill, double fillOpacity);

    abstract void line(double xa, double ya, double xb, double yb, String colour, double width);

    abstract void circle(double cx, double cy, double r, String colour);

    /** A rectangle; {@code stroke} may be null. */
    abstract void rect(double x, double y, double rw, double rh, String fill, double fillOpacity, String stroke);

    /** Text; anchor is "start", "middle" or "end"; rotation in degrees about the anchor point. */
    abstract void text(double x, double y, String s, int size, String anchor, boolean bold, double rotate);

    /** Restricts drawing to the plot area until {@link #clipEnd()}. */
    abstract void clipStart();

    abstract void clipEnd();

    void frame(String title, String xLabel, String yLabel) {
        int pw = w - LEFT - RIGHT, ph = h - TOP - BOTTOM;
        rect(LEFT, TOP, pw, ph, null, 0, "black");
        for (double t : ticks(x0, x1)) {
            double x = px(t);
            line(x, h - BOTTOM, x, h - BOTTOM + 5, "black", 1);
            text(x, h - BOTTOM + 19, tickLabel(t), 13, "middle", false, 0);
        }
        for (double t : ticks(y0, y1)) {
            double y = py(t);
            line(LEFT - 5, y, LEFT, y, "black", 1);
            text(LEFT - 8, y + 4, tickLabel(t), 13, "end", false, 0);
        }
        text(LEFT + pw / 2.0, h - 14, xLabel, 15, "middle", false, 0);
        text(18, TOP + ph / 2.0, yLabel, 15, "middle", false, -90);
        text(LEFT + pw / 2.0, 24, title, 16, "middle", true, 0);
    }

    /** "Nice" ticks: steps of 1, 2 or 5 × 10^k, about six per axis. */
    static double[] ticks(double lo, double hi) {
        double range = hi - lo;
        double raw = range / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double first = Math.ceil(lo / step - 1e-9) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(0, Math.min(n, 50))];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
            if (Math.abs(t[i]) < 1e-12 * step) {
                t[i] = 0;
            }
        }
        return t;
    }

    static String tickLabel(double v) {
        if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Legend entries: {label, colour, kind} with kind "l" line, "f" filled box, "p" point. */
    void legend(List<String[]> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int longest = entries.stream().mapToInt(e -> e[0].length()).max().orElse(5);
        int bw = 40 + 8 * longest, bh = 8 + 20 * entries.size();
        int x = w - RIGHT - bw - 8, y = TOP + 8;
        rect(x, y, bw, bh, "white", 0.85, "#999999");
        for (int i = 0; i < entries.size(); i++) {
            String[] e = entries.get(i);
            int yy = y + 18 + 20 * i;
            switch (e[2]) {
                case "p" -> {
                    line(x + 19, yy - 10, x + 19, yy + 2, e[1], 1.4);
                    circle(x + 19, yy - 4, 3, e[1]);
                }
                case "f" -> rect(x + 8, yy - 9, 22, 10, e[1], 0.5, e[1]);
                default -> line(x + 8, yy - 4, x + 30, yy - 4, e[1], 2);
            }
            text(x + 36, yy, e[0], 13, "start", false, 0);
        }
    }
}
