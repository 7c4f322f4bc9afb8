package deepsvddlab.display;

import static deepsvddlab.display.Charts.named;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The PNGs' content: each series' colour where its data is, and nowhere it is not. */
class PngRendererTest {
    static final int BLUE = 0x1f77b4;
    static final int ORANGE = 0xff7f0e;

    /** Pixels within a small distance of an RGB colour inside a rectangle. */
    static int count(BufferedImage img, int rgb, double x0, double y0, double x1, double y1) {
        Color want = new Color(rgb);
        int n = 0;
        for (int y = (int) Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = (int) Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                Color c = new Color(img.getRGB(x, y));
                if (Math.abs(c.getRed() - want.getRed())
                                + Math.abs(c.getGreen() - want.getGreen())
                                + Math.abs(c.getBlue() - want.getBlue())
                        < 12) {
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

    static int blue(PngRenderer.Drawn d) {
        return onWhite(BLUE, 0.75);
    }

    /** The extreme luminance (0 to 255) in a box: the largest when {@code max}, else the smallest. */
    static double luminance(BufferedImage img, double[] from, double[] to, boolean max) {
        double best = max ? 0 : 255;
        for (int y = (int) Math.min(from[1], to[1]); y <= (int) Math.max(from[1], to[1]); y++) {
            for (int x = (int) Math.min(from[0], to[0]); x <= (int) Math.max(from[0], to[0]); x++) {
                Color c = new Color(img.getRGB(x, y));
                double l = 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
                best = max ? Math.max(best, l) : Math.min(best, l);
            }
        }
        return best;
    }

    static int rgb(BufferedImage img, double[] px) {
        return img.getRGB((int) Math.round(px[0]), (int) Math.round(px[1])) & 0xffffff;
    }

    @Test
    void aLinePassesThroughItsPointsAndNowhereElse() {
        double[] x = new double[11];
        for (int i = 0; i <= 10; i++) {
            x[i] = i;
        }
        Chart c = Charts.line("diagonal", "x", "y", x, named("y = x", x));
        PngRenderer.Drawn d = PngRenderer.render(c);
        assertEquals(c.width(), d.image().getWidth());
        assertEquals(c.height(), d.image().getHeight());
        for (double v : new double[] {2.5, 5, 7.5}) {
            double[] p = d.pixel(v, v);
            assertTrue(
                    count(d.image(), BLUE, p[0] - 2, p[1] - 2, p[0] + 3, p[1] + 3) > 0,
                    "the line passes (" + v + ", " + v + ")");
        }
        double[] offLine = d.pixel(2, 8);
        assertEquals(
                0,
                count(d.image(), BLUE, offLine[0] - 15, offLine[1] - 15, offLine[0] + 15, offLine[1] + 15),
                "nothing far from the line");
    }

    @Test
    void scatterGroupsLandWhereTheirPointsAre() {
        double[] x = {0, 0.5, 1, 9, 9.5, 10};
        double[] y = {0, 1, 2, 0, 1, 2};
        Chart c = Charts.scatter("groups", x, y, new String[] {"left", "left", "left", "right", "right", "right"});
        PngRenderer.Drawn d = PngRenderer.render(c);
        double[] q = d.pixel(0.5, 1);
        assertTrue(count(d.image(), onWhite(BLUE, 0.75), q[0] - 2, q[1] - 2, q[0] + 3, q[1] + 3) >= 9, "a left marker");
        int orange = onWhite(ORANGE, 0.75);
        double[] p = d.pixel(9.5, 1);
        assertTrue(count(d.image(), orange, p[0] - 2, p[1] - 2, p[0] + 3, p[1] + 3) >= 9, "a right marker");
        double[] mid = d.pixel(5, 1);
        assertEquals(
                0,
                count(d.image(), blue(d), mid[0] - 40, mid[1] - 40, mid[0] + 40, mid[1] + 40)
                        + count(d.image(), orange, mid[0] - 40, mid[1] - 40, mid[0] + 40, mid[1] + 40),
                "nothing between the groups");
        Rectangle2D a = d.dataArea();
        assertTrue(
                count(d.image(), orange, a.getMaxX(), 0, c.width(), c.height()) > 0, "legend swatch right of the plot");
    }

    @Test
    void histogramBarsHaveTheirHeightsAndTheThresholdIsDashed() {
        Chart c = Charts.histogram(
                        "scores",
                        "score",
                        10,
                        named("normal", new double[] {0, 0.2, 0.5, 0.5, 1}),
                        named("anomalous", new double[] {9, 10}))
                .withVerticalLines(5)
                .withSize(600, 400);
        PngRenderer.Drawn d = PngRenderer.render(c);
        int blue = onWhite(BLUE, 0.6);
        // the first bin [0, 1 + 1e-9) holds all five normals: blue up to height 5, white above; the second is empty
        assertEquals(blue, rgb(d.image(), d.pixel(0.5, 4.8)));
        assertEquals(0xffffff, rgb(d.image(), d.pixel(0.5, 5.15)));
        assertEquals(0xffffff, rgb(d.image(), d.pixel(1.5, 0.3)));
        assertEquals(onWhite(ORANGE, 0.6), rgb(d.image(), d.pixel(9.5, 0.5)));
        // the dashed line at x = 5 covers much, not all, of the plot height
        double[] top = d.pixel(5, 0);
        int dark = 0;
        for (int x = (int) top[0] - 1; x <= (int) top[0] + 1; x++) {
            dark = Math.max(
                    dark,
                    count(
                            d.image(),
                            0x222222,
                            x,
                            d.dataArea().getMinY(),
                            x + 1,
                            d.dataArea().getMaxY()));
        }
        double h = d.dataArea().getHeight();
        assertTrue(dark > h * 0.4 && dark < h * 0.9, "dashed: " + dark + " of " + h + " pixels");
    }

    @Test
    void heatmapCellsTakeTheScaleEndsWithRowZeroOnTop() {
        Chart c = Charts.heatmap("m", new double[][] {{0, 1}, {1, 0}}, null, null);
        PngRenderer.Drawn d = PngRenderer.render(c);
        Rectangle2D a = d.dataArea();
        int topLeft = rgb(d.image(), new double[] {a.getMinX() + 10, a.getMinY() + 10});
        int topRight = rgb(d.image(), new double[] {a.getMaxX() - 10, a.getMinY() + 10});
        int bottomLeft = rgb(d.image(), new double[] {a.getMinX() + 10, a.getMaxY() - 10});
        assertEquals(0x440154, topLeft, "row 0 is drawn at the top; 0 is the low end of Viridis");
        assertEquals(0xfde725, topRight);
        assertEquals(0xfde725, bottomLeft);
        // cell text: white on the dark cell, black on the light one
        assertTrue(
                luminance(d.image(), d.pixel(-0.1, -0.1), d.pixel(0.1, 0.1), true) > 200,
                "white text in the dark cell");
        assertTrue(
                luminance(d.image(), d.pixel(0.9, -0.1), d.pixel(1.1, 0.1), false) < 60,
                "black text in the light cell");
        assertTrue(luminance(d.image(), d.pixel(-0.4, -0.4), d.pixel(-0.2, -0.2), true) < 60, "no text off centre");
        assertTrue(count(d.image(), 0xfde725, d.dataArea().getMaxX() + 5, 0, c.width(), c.height()) > 20, "colour bar");
    }

    @Test
    void groupedBarsSitSideBySideWithErrorBars() {
        Chart c = Charts.bar(
                "bars",
                "",
                "",
                new String[] {"c1", "c2"},
                named("a", new double[] {1, 1}, new double[] {0.2, 0.2}),
                named("b", new double[] {0.5, 0.5}));
        PngRenderer.Drawn d = PngRenderer.render(c);
        Rectangle2D p = d.dataArea();
        // in the left half (category c1), at the foot of the bars: series a left of series b
        double low = p.getMaxY() - 5;
        double[] blueX = xs(d.image(), BLUE, p.getMinX(), p.getCenterX(), low);
        double[] orangeX = xs(d.image(), ORANGE, p.getMinX(), p.getCenterX(), low);
        assertTrue(blueX.length > 30 && orangeX.length > 30);
        double gap = orangeX[0] - blueX[blueX.length - 1];
        assertTrue(gap >= 0 && gap <= 2, "a's bar ends where b's begins, found a gap of " + gap);
        // b is half as tall as a: at 0.75 there is blue but no orange; a has an error bar, b none
        double y75 = d.yPixel(0.75);
        assertTrue(xs(d.image(), BLUE, p.getMinX(), p.getMaxX(), y75).length > 30);
        assertEquals(0, xs(d.image(), ORANGE, p.getMinX(), p.getMaxX(), y75).length);
        assertTrue(
                count(d.image(), 0x444444, p.getMinX(), d.yPixel(1.19), p.getMaxX(), d.yPixel(1.01)) > 20,
                "a's error bars");
        assertEquals(
                0, count(d.image(), 0x444444, p.getMinX(), d.yPixel(0.6), p.getMaxX(), d.yPixel(0.4)), "none on b");
    }

    /** The x pixels of one row where a colour is. */
    static double[] xs(BufferedImage img, int rgb, double x0, double x1, double y) {
        return java.util.stream.IntStream.range((int) x0, (int) x1)
                .filter(x -> count(img, rgb, x, y, x + 1, y + 1) > 0)
                .asDoubleStream()
                .toArray();
    }

    @Test
    void renderingIsDeterministic() {
        Chart c = Charts.roc("r", Charts.curve("m", new double[] {0, 0.2, 1}, new double[] {0, 0.8, 1}));
        BufferedImage a = c.toImage();
        BufferedImage b = c.toImage();
        assertArrayEquals(
                a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
                b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
        assertEquals(new Color(0x11, 0x22, 0x33, 255), PngRenderer.color("#123", 1));
        assertEquals("1e-4", Fmt.compact(1e-4, 4));
        assertEquals("0.0213", Fmt.compact(0.02130, 4));
        assertEquals("1:40", Fmt.duration(100));
    }
}
