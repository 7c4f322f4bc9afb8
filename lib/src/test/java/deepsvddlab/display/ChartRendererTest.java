package deepsvddlab.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartRendererTest {
    static final int BLUE = 0x1f77b4;
    static final int ORANGE = 0xff7f0e;

    /** Pixels within a small distance of an RGB colour inside a rectangle. */
    static int count(BufferedImage img, int rgb, double x0, double y0, double x1, double y1) {
        Color want = new Color(rgb);
        int n = 0;
        for (int y = (int) Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = (int) Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                Color c = new Color(img.getRGB(x, y));
                if (Math.abs(c.getRed() - want.getRed()) + Math.abs(c.getGreen() - want.getGreen())
                        + Math.abs(c.getBlue() - want.getBlue()) < 12) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The colour of {@code rgb} drawn at an opacity over white. */
    static int onWhite(int rgb, double alpha) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = (rgb >> shift) & 0xff;
            out |= (int) Math.round(alpha * c + (1 - alpha) * 255) << shift;
        }
        return out;
    }

    @Test
    void lineChartHasTheChartSizeAndTheSeriesWhereTheDataIs() {
        double[] x = new double[11];
        for (int i = 0; i <= 10; i++) {
            x[i] = i;
        }
        Map<String, double[]> ys = new LinkedHashMap<>();
        ys.put("y = x", x);
        Chart c = Charts.line("diagonal", "x", "y", x, ys);
        BufferedImage img = c.toImage();
        assertEquals(c.width(), img.getWidth());
        assertEquals(c.height(), img.getHeight());
        Rectangle2D p = ChartRenderer.plotArea(c);
        double cx = p.getCenterX();
        double cy = p.getCenterY();
        assertTrue(count(img, BLUE, cx - 4, cy - 4, cx + 4, cy + 4) > 0, "the line passes the plot centre");
        assertEquals(0, count(img, BLUE, p.getMinX(), p.getMinY(), cx - 20, cy - 20), "nothing top-left of a rising line");
        assertEquals(0, count(img, BLUE, cx + 20, cy + 20, p.getMaxX(), p.getMaxY()), "nothing bottom-right");
    }

    @Test
    void scatterGroupsLandOnTheirSide() {
        double[] x = {0, 0.5, 1, 9, 9.5, 10};
        double[] y = {0, 1, 2, 0, 1, 2};
        Chart c = Charts.scatter("groups", x, y, new String[] {"left", "left", "left", "right", "right", "right"});
        BufferedImage img = c.toImage();
        Rectangle2D p = ChartRenderer.plotArea(c);
        double mid = p.getCenterX();
        int blue = onWhite(BLUE, 0.75); // markers are drawn at opacity 0.75
        int orange = onWhite(ORANGE, 0.75);
        assertTrue(count(img, blue, p.getMinX(), p.getMinY(), mid, p.getMaxY()) > 20);
        assertEquals(0, count(img, blue, mid, p.getMinY(), p.getMaxX(), p.getMaxY()));
        assertTrue(count(img, orange, mid, p.getMinY(), p.getMaxX(), p.getMaxY()) > 20);
        assertEquals(0, count(img, orange, p.getMinX(), p.getMinY(), mid, p.getMaxY()));
        assertTrue(count(img, ORANGE, p.getMaxX(), 0, img.getWidth(), img.getHeight()) > 0, "legend swatch");
    }

    @Test
    void histogramBarsAndThresholdLine() {
        Map<String, double[]> groups = new LinkedHashMap<>();
        groups.put("normal", new double[] {0, 0.2, 0.5, 0.5, 1});
        groups.put("anomalous", new double[] {9, 10});
        Chart c = Charts.histogram("scores", "score", groups, 10, 5.0).withSize(600, 400);
        BufferedImage img = c.toImage();
        Rectangle2D p = ChartRenderer.plotArea(c);
        // bars stand on the x axis: blue near the left, orange (blended at opacity 0.6) near the right
        assertTrue(count(img, onWhite(BLUE, 0.6), p.getMinX(), p.getMaxY() - 10, p.getMinX() + p.getWidth() * 0.2, p.getMaxY()) > 50);
        assertTrue(count(img, onWhite(ORANGE, 0.6), p.getMaxX() - p.getWidth() * 0.2, p.getMaxY() - 10, p.getMaxX(), p.getMaxY()) > 50);
        // the dashed threshold at 5 sits in the middle of the bins spanning [0, 10]
        int best = -1;
        int bestCount = 0;
        for (int x = (int) p.getMinX() + 2; x < p.getMaxX() - 2; x++) {
            int n = count(img, 0x222222, x, p.getMinY(), x + 1, p.getMaxY());
            if (n > bestCount) {
                bestCount = n;
                best = x;
            }
        }
        assertTrue(bestCount > p.getHeight() / 3, "a dashed line covers much of the height");
        assertEquals(p.getCenterX(), best, 2.0);
    }

    @Test
    void heatmapCellsTakeTheScaleEnds() {
        Chart c = Charts.heatmap("m", new double[][] {{0, 1}, {1, 0}}, null, null);
        BufferedImage img = c.toImage();
        Rectangle2D p = ChartRenderer.plotArea(c);
        double qx = p.getWidth() / 8;
        double qy = p.getHeight() / 8;
        int topLeft = img.getRGB((int) (p.getMinX() + qx), (int) (p.getMinY() + qy)) & 0xffffff;
        int topRight = img.getRGB((int) (p.getMaxX() - qx), (int) (p.getMinY() + qy)) & 0xffffff;
        int bottomLeft = img.getRGB((int) (p.getMinX() + qx), (int) (p.getMaxY() - qy)) & 0xffffff;
        assertEquals(0x440154, topLeft, "row 0 is drawn at the top; 0 is the low end of Viridis");
        assertEquals(0xfde725, topRight);
        assertEquals(0xfde725, bottomLeft);
    }

    @Test
    void barsAreGroupedPerCategory() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("a", new double[] {1, 1});
        s.put("b", new double[] {1, 1});
        Chart c = Charts.bar("bars", "", "", new String[] {"c1", "c2"}, s);
        BufferedImage img = c.toImage();
        Rectangle2D p = ChartRenderer.plotArea(c);
        double quarter = p.getWidth() / 4;
        double y = p.getMaxY() - 5;
        // category 1 is centred at a quarter of the width: series a to its left, series b to its right
        assertTrue(count(img, BLUE, p.getMinX() + quarter - 20, y, p.getMinX() + quarter - 2, y + 1) > 10);
        assertTrue(count(img, ORANGE, p.getMinX() + quarter + 2, y, p.getMinX() + quarter + 20, y + 1) > 10);
    }

    @Test
    void renderingIsDeterministicAndSkipsUnknownTraceTypes() {
        Chart c = Chart.fromJson("{\"data\":[{\"type\":\"pie\",\"values\":[1,2]},"
                + "{\"type\":\"scatter\",\"x\":[1,2],\"y\":[1,2]}],\"layout\":{\"title\":\"mixed\"}}");
        BufferedImage a = c.toImage();
        BufferedImage b = c.toImage();
        assertArrayEquals(a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
        assertTrue(count(a, BLUE, 0, 0, a.getWidth(), a.getHeight()) > 0, "the scatter trace is still drawn");
    }

    @Test
    void helpers() {
        assertEquals(2.5, ChartRenderer.niceStep(2.1));
        assertEquals(0.05, ChartRenderer.niceStep(0.031), 1e-15);
        assertEquals(new Color(0x11, 0x22, 0x33), ChartRenderer.parseColor("#123"));
        assertEquals(new Color(10, 20, 30), ChartRenderer.parseColor("rgb(10, 20, 30)"));
        assertEquals("950", ChartRenderer.cellText("%{z}", 950));
        assertEquals("0.123", ChartRenderer.cellText("%{z:.3~g}", 0.12345));
        assertEquals("1e-4", Fmt.compact(1e-4, 4));
        assertEquals("0.0213", Fmt.compact(0.02130, 4));
        assertEquals("1.5e6", Fmt.compact(1_500_000, 4));
        assertEquals("1:40", Fmt.duration(100));
        assertEquals("1:00:01", Fmt.duration(3601));
    }
}
