package io.enjoy.analysis.plot;

import java.util.List;
import java.util.Locale;

/** Maps data coordinates to an SVG drawing area and writes the frame, ticks, labels and legend. */
final class SvgCanvas {

    private static final int LEFT = 78, RIGHT = 20, TOP = 40, BOTTOM = 58;
    private final StringBuilder sb = new StringBuilder(8192);
    private final int w, h;
    private final double x0, x1, y0, y1;
    private final String clipId;

    SvgCanvas(int w, int h, double[] xr, double[] yr, String id) {
        this.w = w;
        this.h = h;
        this.x0 = xr[0];
        this.x1 = xr[1];
        this.y0 = yr[0];
        this.y1 = yr[1];
        clipId = "plotarea" + id;
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">\n",
                w, h, w, h));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", w, h));
        sb.append(String.format(Locale.ROOT, "<defs><clipPath id=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></clipPath></defs>\n",
                clipId, LEFT, TOP, w - LEFT - RIGHT, h - TOP - BOTTOM));
    }

    double px(double x) {
        return LEFT + (x - x0) / (x1 - x0) * (w - LEFT - RIGHT);
    }

    double py(double y) {
        return h - BOTTOM - (y - y0) / (y1 - y0) * (h - TOP - BOTTOM);
    }

    double yMin() {
        return y0;
    }

    StringBuilder out() {
        return sb;
    }

    static String f(double v) {
        if (!Double.isFinite(v)) {
            v = v > 0 ? 1e6 : -1e6;
        }
        return String.format(Locale.ROOT, "%.2f", Math.max(-1e6, Math.min(1e6, v)));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    void clipStart() {
        sb.append("<g clip-path=\"url(#").append(clipId).append(")\">\n");
    }

    void clipEnd() {
        sb.append("</g>\n");
    }

    void frame(String title, String xLabel, String yLabel) {
        int pw = w - LEFT - RIGHT, ph = h - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>\n", LEFT, TOP, pw, ph));
        for (double t : ticks(x0, x1)) {
            String x = f(px(t));
            sb.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(h - BOTTOM)
                    .append("\" y2=\"").append(h - BOTTOM + 5).append("\" stroke=\"black\"/>");
            sb.append("<text x=\"").append(x).append("\" y=\"").append(h - BOTTOM + 19).append("\" text-anchor=\"middle\">")
                    .append(tickLabel(t)).append("</text>\n");
        }
        for (double t : ticks(y0, y1)) {
            String y = f(py(t));
            sb.append("<line x1=\"").append(LEFT - 5).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"black\"/>");
            sb.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(f(py(t) + 4)).append("\" text-anchor=\"end\">")
                    .append(tickLabel(t)).append("</text>\n");
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"%d\" text-anchor=\"middle\" font-size=\"15\">%s</text>\n",
                f(LEFT + pw / 2.0), h - 14, esc(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%s\" text-anchor=\"middle\" font-size=\"15\" transform=\"rotate(-90 18 %s)\">%s</text>\n",
                f(TOP + ph / 2.0), f(TOP + ph / 2.0), esc(yLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%s\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">%s</text>\n",
                f(LEFT + pw / 2.0), esc(title)));
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

    void legend(List<String[]> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int longest = entries.stream().mapToInt(e -> e[0].length()).max().orElse(5);
        int bw = 40 + 8 * longest, bh = 8 + 20 * entries.size();
        int x = w - RIGHT - bw - 8, y = TOP + 8;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#999\"/>\n", x, y, bw, bh));
        for (int i = 0; i < entries.size(); i++) {
            String[] e = entries.get(i);
            int yy = y + 18 + 20 * i;
            if (e[2].equals("p")) {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.4\"/><circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\"/>",
                        x + 19, x + 19, yy - 10, yy + 2, e[1], x + 19, yy - 4, e[1]));
            } else if (e[2].equals("f")) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"22\" height=\"10\" fill=\"%s\" fill-opacity=\"0.5\" stroke=\"%s\"/>", x + 8, yy - 9, e[1], e[1]));
            } else {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>", x + 8, x + 30, yy - 4, yy - 4, e[1]));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n", x + 36, yy, esc(e[0])));
        }
    }

    String finish() {
        return sb.append("</svg>\n").toString();
    }
}
