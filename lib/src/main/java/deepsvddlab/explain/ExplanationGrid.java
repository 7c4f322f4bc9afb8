package deepsvddlab.explain;

import deepsvddlab.display.Charts;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * One picture of a model's explanations: for the k most and least anomalous normals and anomalies,
 * the image, its map (Viridis, 0 to 1) and the map laid over the image, with the score and the
 * label under each, and a colour legend. Grey images only (one channel, as the LeNet nets take).
 */
public final class ExplanationGrid {
    private static final int SCALE = 3;
    private static final int GAP = 6;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private ExplanationGrid() {}

    /**
     * @param images one grey image per row of {@code maps} (height * width values, any range)
     * @param maps the maps and scores from {@link Explain}
     * @param labels 1 = anomaly, 0 = normal, one per image
     * @param k examples per group, at least 1
     */
    public static BufferedImage of(float[][] images, Explain.Maps maps, int[] labels, int k) {
        int n = maps.maps().length;
        if (images == null || images.length != n || labels == null || labels.length != n) {
            throw new IllegalArgumentException("images and labels must have one entry per map (" + n + "), found "
                    + (images == null ? "null" : images.length) + " and " + (labels == null ? "null" : labels.length)
                    + "; pass the images the maps were computed on");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, found " + k + "; e.g. 4");
        }
        int plane = maps.height() * maps.width();
        for (int i = 0; i < n; i++) {
            if (images[i].length != plane) {
                throw new IllegalArgumentException("images[" + i + "] must have " + plane + " values (one channel of "
                        + maps.height() + "x" + maps.width() + "), found " + images[i].length);
            }
        }
        String[] titles = {
            "most anomalous normals", "least anomalous normals", "most anomalous anomalies", "least anomalous anomalies"
        };
        List<int[]> groups = new ArrayList<>();
        for (int g = 0; g < 4; g++) {
            int label = g < 2 ? 0 : 1;
            Comparator<Integer> byScore = Comparator.comparingDouble(i -> maps.scores()[i]);
            groups.add(IntStream.range(0, n)
                    .filter(i -> labels[i] == label)
                    .boxed()
                    .sorted(g % 2 == 0 ? byScore.reversed() : byScore)
                    .limit(k)
                    .mapToInt(Integer::intValue)
                    .toArray());
        }
        int tileW = maps.width() * SCALE;
        int tileH = maps.height() * SCALE;
        int stripW = 3 * tileW + 2 * 2 + GAP * 2;
        int rowH = 18 + tileH + 18 + GAP;
        int width = Math.max(GAP + k * stripW, 720);
        int legendH = 44;
        BufferedImage out = new BufferedImage(width, 4 * rowH + legendH + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (int r = 0; r < 4; r++) {
                int y0 = r * rowH + GAP;
                g.setFont(TITLE);
                g.setColor(Color.DARK_GRAY);
                g.drawString(titles[r] + (groups.get(r).length == 0 ? " (none in this set)" : ""), GAP, y0 + 13);
                g.setFont(FONT);
                FontMetrics fm = g.getFontMetrics();
                for (int j = 0; j < groups.get(r).length; j++) {
                    int i = groups.get(r)[j];
                    int x0 = GAP + j * stripW;
                    float[] grey = minMax(images[i]);
                    for (int t = 0; t < 3; t++) {
                        drawTile(
                                out,
                                grey,
                                maps.maps()[i],
                                t,
                                maps.height(),
                                maps.width(),
                                x0 + t * (tileW + 2),
                                y0 + 18);
                    }
                    boolean flat = true;
                    for (float v : maps.maps()[i]) {
                        flat &= v == 0f;
                    }
                    // an all-zero Grad-CAM map: no channel pushes this image away from c (ReLU of a negative sum)
                    String caption = String.format(
                            Locale.ROOT,
                            "%s, s = %.4g%s",
                            labels[i] == 1 ? "anomaly" : "normal",
                            maps.scores()[i],
                            flat ? ", map 0" : "");
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(caption, x0 + (3 * tileW + 4 - fm.stringWidth(caption)) / 2, y0 + 18 + tileH + 14);
                }
            }
            drawLegend(out, g, 4 * rowH + GAP, width);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Tile 0: the image; 1: the map; 2: the map over the image (opacity growing with the map). */
    private static void drawTile(
            BufferedImage out, float[] grey, float[] map, int which, int h, int w, int x0, int y0) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = grey[y * w + x];
                int gv = Math.round(v * 255);
                int rgb = (gv << 16) | (gv << 8) | gv;
                if (which > 0) {
                    int c = Charts.viridisRgb(map[y * w + x]);
                    if (which == 1) {
                        rgb = c;
                    } else {
                        double a = 0.25 + 0.6 * map[y * w + x];
                        rgb = blend(c, rgb, a);
                    }
                }
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        out.setRGB(x0 + x * SCALE + dx, y0 + y * SCALE + dy, rgb);
                    }
                }
            }
        }
    }

    private static void drawLegend(BufferedImage out, Graphics2D g, int y0, int width) {
        int x0 = GAP;
        int barW = Math.min(200, width / 3);
        for (int x = 0; x < barW; x++) {
            int c = Charts.viridisRgb((double) x / (barW - 1));
            for (int y = 0; y < 12; y++) {
                out.setRGB(x0 + x, y0 + 4 + y, c);
            }
        }
        g.setFont(FONT);
        g.setColor(Color.DARK_GRAY);
        g.drawString("0", x0, y0 + 30);
        g.drawString("1", x0 + barW - 6, y0 + 30);
        g.drawString(
                "map value (share of the image's largest); columns: image, map, map over image",
                x0 + barW + 12,
                y0 + 15);
    }

    private static float[] minMax(float[] img) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : img) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float range = max > min ? max - min : 1;
        float[] out = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            out[i] = (img[i] - min) / range;
        }
        return out;
    }

    private static int blend(int top, int bottom, double a) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int t = (top >> shift) & 0xff;
            int b = (bottom >> shift) & 0xff;
            out |= (int) Math.round(a * t + (1 - a) * b) << shift;
        }
        return out;
    }
}
