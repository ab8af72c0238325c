package io.enjoy.analysis.hist;

/** A 2-D histogram with equal-width bins (numpy.histogram2d binning, values outside dropped). */
public final class Histogram2D {

    private final Histogram xAxis, yAxis;
    private final double[][] counts;

    public Histogram2D(int xBins, double xLo, double xHi, int yBins, double yLo, double yHi) {
        this.xAxis = new Histogram(xBins, xLo, xHi);
        this.yAxis = new Histogram(yBins, yLo, yHi);
        this.counts = new double[xBins][yBins];
    }

    public void fill(double x, double y) {
        int i = xAxis.bin(x), j = yAxis.bin(y);
        if (i >= 0 && j >= 0) {
            counts[i][j]++;
        }
    }

    public double count(int i, int j) {
        return counts[i][j];
    }

    public int xBins() {
        return counts.length;
    }

    public int yBins() {
        return counts[0].length;
    }

    public double[] xEdges() {
        return xAxis.edges();
    }

    public double[] yEdges() {
        return yAxis.edges();
    }

    public double max() {
        double m = 0;
        for (double[] r : counts) {
            for (double v : r) {
                m = Math.max(m, v);
            }
        }
        return m;
    }
}
