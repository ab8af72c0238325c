package io.enjoy.analysis.plot;

import io.enjoy.analysis.display.MimeRenderable;
import io.enjoy.analysis.fit.FitResult;
import io.enjoy.analysis.fit.Fitter;
import io.enjoy.analysis.fit.LeastSquares;
import io.enjoy.analysis.hist.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PlotTest {

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mimeBundleHasWellFormedSvgAndPlainText(@TempDir Path dir) throws Exception {
        Histogram h = Histogram.of(new double[] {1, 2, 2, 3, 3, 3, 4}, 4, 0.5, 4.5);
        // straight-line fit y = a·x through the bin contents, to draw a curve with a band
        LeastSquares cost = new LeastSquares(h.centres(), h.counts(), h.errors(), (x, p) -> p[0] * x);
        FitResult fit = new Fitter(cost).parameter("a", 1).fit();
        Plot p = new Plot("Test <plot>", "x [GeV]", "entries / 1 GeV")
                .histogram(h, "step", Plot.HistStyle.STEP)
                .histogram(h, "filled", Plot.HistStyle.FILLED)
                .points(h, "points & errors")
                .fit(fit, (x, q) -> q[0] * x, 0.5, 4.5, "fit")
                .contour(new double[][] {{1, 1}, {2, 1}, {2, 2}}, "contour");
        Map<String, String> bundle = p.mimeBundle();
        assertEquals(java.util.List.of(MimeRenderable.IMAGE_SVG, MimeRenderable.IMAGE_PNG, MimeRenderable.TEXT_PLAIN), java.util.List.copyOf(bundle.keySet()));
        byte[] png = java.util.Base64.getDecoder().decode(bundle.get(MimeRenderable.IMAGE_PNG));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(720, img.getWidth());
        assertEquals(450, img.getHeight());
        assertEquals(0xFFFFFF, img.getRGB(2, 2) & 0xFFFFFF, "white background");
        String svg = bundle.get(MimeRenderable.IMAGE_SVG);
        Document d = parse(svg); // well-formed XML, escaped labels
        assertEquals("svg", d.getDocumentElement().getNodeName());
        assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getAttribute("xmlns"));
        assertFalse(d.getDocumentElement().getAttribute("viewBox").isEmpty());
        String text = d.getDocumentElement().getTextContent();
        assertTrue(text.contains("x [GeV]") && text.contains("entries / 1 GeV") && text.contains("Test <plot>"), text);
        assertTrue(text.contains("points & errors") && text.contains("contour"), "legend entries");
        NodeList circles = d.getElementsByTagName("circle");
        assertEquals(4 + 1, circles.getLength(), "one marker per point plus the legend's");
        Path f = p.save(dir.resolve("p.svg"));
        assertEquals(svg, Files.readString(f));
    }

    @Test
    void ticksAreNiceNumbersInsideTheRange() {
        assertArrayEquals(new double[] {0, 100, 200, 300, 400, 500, 600, 700}, Canvas.ticks(0, 700), 1e-9);
        assertArrayEquals(new double[] {140, 160, 180, 200, 220, 240, 260, 280, 300, 320}, Canvas.ticks(130, 330), 1e-9);
        assertEquals("0.25", Canvas.tickLabel(0.25));
        assertEquals("4000", Canvas.tickLabel(4000));
    }
}
