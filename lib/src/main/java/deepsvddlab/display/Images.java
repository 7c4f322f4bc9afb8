package deepsvddlab.display;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Image helpers for notebooks: a captioned grid of small images (e.g. the most anomalous test digits). */
public final class Images {
    /** Each pixel is drawn as a SCALE x SCALE block so 28x28 digits are readable. */
    public static final int SCALE = 2;

    private static final int GAP = 4;
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Images() {}

    /**
     * A grid of images, each min-max scaled to 0..255 on its own (for display only: contrast is not
     * comparable across tiles), enlarged {@value #SCALE} times, with an optional caption under each.
     *
     * @param images   one array per image, channel-major (C, H, W) as DJL stores images
     * @param channels 1 (grey) or 3 (RGB)
     * @param columns  tiles per row, at least 1
     * @param captions one caption per image, or null
     */
    public static BufferedImage grid(
            float[][] images, int channels, int height, int width, int columns, String[] captions) {
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("images must hold at least one image, found "
                    + (images == null ? "null" : "none") + "; pass float[n][channels*height*width]");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(
                    "channels must be 1 or 3, found " + channels + "; grey images have 1, RGB images 3");
        }
        if (height < 1 || width < 1 || columns < 1) {
            throw new IllegalArgumentException("height, width and columns must be at least 1, found " + height + ", "
                    + width + ", " + columns + "; e.g. 28, 28, 8 for MNIST");
        }
        if (captions != null && captions.length != images.length) {
            throw new IllegalArgumentException("captions must have one entry per image (" + images.length + "), found "
                    + captions.length + "; pass null for no captions");
        }
        int size = channels * height * width;
        for (int i = 0; i < images.length; i++) {
            if (images[i] == null || images[i].length != size) {
                throw new IllegalArgumentException("images[" + i + "] must have channels*height*width = " + size
                        + " values, found " + (images[i] == null ? "null" : images[i].length)
                        + "; check the image shape (C, H, W)");
            }
        }
        int cols = Math.min(columns, images.length);
        int rows = (images.length + cols - 1) / cols;
        int tileW = width * SCALE;
        int tileH = height * SCALE;
        int captionH = captions == null ? 0 : 16;
        BufferedImage out = new BufferedImage(
                cols * (tileW + GAP) + GAP, rows * (tileH + captionH + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(CAPTION_FONT);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < images.length; i++) {
                int x0 = GAP + (i % cols) * (tileW + GAP);
                int y0 = GAP + (i / cols) * (tileH + captionH + GAP);
                drawTile(out, images[i], channels, height, width, x0, y0);
                if (captions != null && captions[i] != null) {
                    String c = captions[i];
                    while (c.length() > 1 && fm.stringWidth(c) > tileW + GAP) {
                        c = c.substring(0, c.length() - 1);
                    }
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(c, x0 + (tileW - fm.stringWidth(c)) / 2, y0 + tileH + fm.getAscent() + 1);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void drawTile(BufferedImage out, float[] img, int channels, int height, int width, int x0, int y0) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : img) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float range = max > min ? max - min : 1;
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    float v = img[(channels == 1 ? 0 : k) * plane + y * width + x];
                    rgb[k] = Float.isFinite(v) ? Math.round((v - min) / range * 255f) : 0;
                }
                int p = (rgb[0] << 16) | (rgb[1] << 8) | rgb[2];
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        out.setRGB(x0 + x * SCALE + dx, y0 + y * SCALE + dy, p);
                    }
                }
            }
        }
    }
}
