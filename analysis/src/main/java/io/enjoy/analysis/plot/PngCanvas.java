package io.enjoy.analysis.plot;

import javax.imageio.ImageIO;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Draws the same picture with Java2D into a PNG (headless), for frontends without SVG. */
final class PngCanvas extends Canvas {

    private final BufferedImage img;
    private final Graphics2D g;
    private Shape savedClip;

    PngCanvas(int w, int h, double[] xr, double[] yr) {
        super(w, h, xr, yr);
        img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
    }

    static Color colour(String c) {
        if (c.startsWith("#")) {
            return new Color(Integer.parseInt(c.substring(1, 7), 16));
        }
        if (c.startsWith("rgb(")) {
            String[] p = c.substring(4, c.length() - 1).split(",");
            return new Color(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
        }
        return switch (c) {
            case "white" -> Color.WHITE;
            case "black" -> Color.BLACK;
            default -> Color.GRAY;
        };
    }

    private void fill(Shape s, String fill, double opacity) {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) Math.max(0, Math.min(1, opacity))));
        g.setColor(colour(fill));
        g.fill(s);
        g.setComposite(AlphaComposite.SrcOver);
    }

    private void stroke(Shape s, String colour, double width) {
        g.setColor(colour(colour));
        g.setStroke(new BasicStroke((float) width));
        g.draw(s);
    }

    @Override
    void path(double[] xs, double[] ys, boolean close, String stroke, double strokeWidth, String fill, double fillOpacity) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) {
                p.moveTo(xs[i], ys[i]);
            } else {
                p.lineTo(xs[i], ys[i]);
            }
        }
        if (close) {
            p.closePath();
        }
        if (fill != null) {
            fill(p, fill, fillOpacity);
        }
        if (stroke != null) {
            stroke(p, stroke, strokeWidth);
        }
    }

    @Override
    void line(double xa, double ya, double xb, double yb, String colour, double width) {
        stroke(new Line2D.Double(xa, ya, xb, yb), colour, width);
    }

    @Override
    void circle(double cx, double cy, double r, String colour) {
        fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), colour, 1);
    }

    @Override
    void rect(double x, double y, double rw, double rh, String fill, double fillOpacity, String stroke) {
        Rectangle2D.Double r = new Rectangle2D.Double(x, y, rw, rh);
        if (fill != null) {
            fill(r, fill, fillOpacity);
        }
        if (stroke != null) {
            stroke(r, stroke, 1);
        }
    }

    @Override
    void text(double x, double y, String s, int size, String anchor, boolean bold, double rotate) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
        g.setColor(Color.BLACK);
        double width = g.getFontMetrics().stringWidth(s);
        double dx = anchor.equals("middle") ? -width / 2 : anchor.equals("end") ? -width : 0;
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (rotate != 0) {
            g.rotate(Math.toRadians(rotate));
        }
        g.drawString(s, (float) dx, 0f);
        g.setTransform(saved);
    }

    @Override
    void clipStart() {
        savedClip = g.getClip();
        g.clipRect(LEFT, TOP, w - LEFT - RIGHT, h - TOP - BOTTOM);
    }

    @Override
    void clipEnd() {
        g.setClip(savedClip);
    }

    byte[] finish() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
