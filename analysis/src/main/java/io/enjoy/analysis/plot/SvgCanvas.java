package io.enjoy.analysis.plot;

import java.util.Locale;

/** Writes the drawing as an SVG document. */
final class SvgCanvas extends Canvas {

    private final StringBuilder sb = new StringBuilder(8192);
    private final String clipId;

    SvgCanvas(int w, int h, double[] xr, double[] yr, String id) {
        super(w, h, xr, yr);
        clipId = "plotarea" + id;
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">\n",
                w, h, w, h));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", w, h));
        sb.append(String.format(Locale.ROOT, "<defs><clipPath id=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></clipPath></defs>\n",
                clipId, LEFT, TOP, w - LEFT - RIGHT, h - TOP - BOTTOM));
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    void path(double[] xs, double[] ys, boolean close, String stroke, double strokeWidth, String fill, double fillOpacity) {
        StringBuilder d = new StringBuilder(xs.length * 16);
        for (int i = 0; i < xs.length; i++) {
            d.append(i == 0 ? "M" : " L").append(f(xs[i])).append(',').append(f(ys[i]));
        }
        if (close) {
            d.append(" Z");
        }
        sb.append("<path d=\"").append(d).append("\" fill=\"").append(fill == null ? "none" : fill).append('"');
        if (fill != null && fillOpacity < 1) {
            sb.append(" fill-opacity=\"").append(f(fillOpacity)).append('"');
        }
        sb.append(" stroke=\"").append(stroke == null ? "none" : stroke).append('"');
        if (stroke != null) {
            sb.append(" stroke-width=\"").append(f(strokeWidth)).append('"');
        }
        sb.append("/>\n");
    }

    @Override
    void line(double xa, double ya, double xb, double yb, String colour, double width) {
        sb.append("<line x1=\"").append(f(xa)).append("\" y1=\"").append(f(ya)).append("\" x2=\"").append(f(xb)).append("\" y2=\"")
                .append(f(yb)).append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(f(width)).append("\"/>");
    }

    @Override
    void circle(double cx, double cy, double r, String colour) {
        sb.append("<circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(cy)).append("\" r=\"").append(f(r))
                .append("\" fill=\"").append(colour).append("\"/>");
    }

    @Override
    void rect(double x, double y, double rw, double rh, String fill, double fillOpacity, String stroke) {
        sb.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(rw)).append("\" height=\"")
                .append(f(rh)).append("\" fill=\"").append(fill == null ? "none" : fill).append('"');
        if (fill != null && fillOpacity < 1) {
            sb.append(" fill-opacity=\"").append(f(fillOpacity)).append('"');
        }
        if (stroke != null) {
            sb.append(" stroke=\"").append(stroke).append('"');
        }
        sb.append("/>");
    }

    @Override
    void text(double x, double y, String s, int size, String anchor, boolean bold, double rotate) {
        sb.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append('"');
        if (!anchor.equals("start")) {
            sb.append(" text-anchor=\"").append(anchor).append('"');
        }
        if (size != 13) {
            sb.append(" font-size=\"").append(size).append('"');
        }
        if (bold) {
            sb.append(" font-weight=\"bold\"");
        }
        if (rotate != 0) {
            sb.append(" transform=\"rotate(").append(f(rotate)).append(' ').append(f(x)).append(' ').append(f(y)).append(")\"");
        }
        sb.append('>').append(esc(s)).append("</text>\n");
    }

    @Override
    void clipStart() {
        sb.append("<g clip-path=\"url(#").append(clipId).append(")\">\n");
    }

    @Override
    void clipEnd() {
        sb.append("</g>\n");
    }

    String finish() {
        return sb.append("</svg>\n").toString();
    }
}
