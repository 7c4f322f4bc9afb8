package deepsvddlab.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reader of the user's own images: one sub-folder per class under a root folder, PNG or JPEG files
 * inside (read with {@link ImageIO}), each resized to {@code height x width} with bilinear
 * interpolation (no antialiasing: shrinking by more than 2x skips pixels) and stored as floats 0..255.
 *
 * <p>Class names are the sub-folder names sorted alphabetically (class index = position); files are
 * read in name order. Grayscale uses the ITU-R 601 luma {@code 0.299 R + 0.587 G + 0.114 B} (the
 * rule of PIL's {@code convert("L")}). The train/test split is stratified and seeded: of each class's
 * {@code m} images, {@code round(m * testFraction)} random ones go to the test part.
 */
public final class ImageFolderReader {
    /** How many channels to keep. */
    public enum ColorMode {
        /** One channel, ITU-R 601 luma. */
        GRAYSCALE(1),
        /** Three channels R, G, B. */
        RGB(3);

        private final int channels;

        ColorMode(int channels) {
            this.channels = channels;
        }

        /** 1 or 3. */
        public int channels() {
            return channels;
        }
    }

    private ImageFolderReader() {}

    /**
     * Reads all images under {@code root} and splits them into train and test.
     *
     * @param root         folder with one sub-folder per class
     * @param height       target height in pixels, at least 1
     * @param width        target width in pixels, at least 1
     * @param mode         grayscale or RGB
     * @param testFraction share of each class that goes to the test part, in [0, 1)
     * @param seed         seed of the split
     * @throws IllegalArgumentException for a bad folder layout, an unreadable image or bad arguments
     */
    public static TrainTest read(Path root, int height, int width, ColorMode mode, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1), found " + testFraction
                    + "; e.g. 0.2 puts a fifth of each class into the test part");
        }
        ImageSet all = readAll(root, height, width, mode);
        int[][] split = Splits.stratifiedSplit(all.labels(), all.classNames().size(), testFraction, seed);
        String base = root.getFileName() == null
                ? root.toString()
                : root.getFileName().toString();
        ImageSet train = all.subset(split[0]).withName(base + " train");
        ImageSet test = all.subset(split[1]).withName(base + " test");
        return new TrainTest(
                train,
                test,
                "image folder " + root + " (" + all.size() + " images, " + height + "x" + width + " " + mode
                        + ", test fraction " + testFraction + ", seed " + seed + ")");
    }

    /** Reads all images under {@code root} into one set, in class then file-name order. */
    public static ImageSet readAll(Path root, int height, int width, ColorMode mode) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height and width must be >= 1, found " + height + "x" + width
                    + "; give the size to resize every image to, e.g. 28x28");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("image folder " + root + " must be a directory, found "
                    + (Files.exists(root) ? "a file" : "nothing") + "; give a folder with one sub-folder per class");
        }
        List<Path> classDirs = list(root).filter(Files::isDirectory).sorted().toList();
        if (classDirs.isEmpty()) {
            throw new IllegalArgumentException("image folder " + root + " must contain one sub-folder per class, found "
                    + "none; put the images of class X into " + root.resolve("X"));
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> images =
                    list(dir).filter(ImageFolderReader::isImageFile).sorted().toList();
            if (images.isEmpty()) {
                throw new IllegalArgumentException("class folder " + dir
                        + " must contain .png or .jpg images, found none" + "; add images or remove the folder");
            }
            for (Path f : images) {
                files.add(f);
                labels.add(classNames.size());
            }
            classNames.add(dir.getFileName().toString());
        }
        int d = mode.channels() * height * width;
        float[] pixels = new float[files.size() * d];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage img = load(files.get(i));
            float[] resized =
                    resize(toArray(img, mode), mode.channels(), img.getHeight(), img.getWidth(), height, width);
            System.arraycopy(resized, 0, pixels, i * d, d);
        }
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageSet(
                root.getFileName() == null
                        ? root.toString()
                        : root.getFileName().toString(),
                pixels,
                l,
                mode.channels(),
                height,
                width,
                classNames);
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isImageFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
    }

    private static BufferedImage load(Path f) {
        try {
            BufferedImage img = ImageIO.read(f.toFile());
            if (img == null) {
                throw new IllegalArgumentException(
                        "image " + f + " must be a readable PNG or JPEG, found a format ImageIO "
                                + "cannot decode; convert it or remove it");
            }
            return img;
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "image " + f + " must be a readable PNG or JPEG, found an error: " + e.getMessage()
                            + "; convert it or remove it",
                    e);
        }
    }

    /**
     * Pixels of {@code img} as C x H x W floats 0..255, read from the raster: a gray image's samples are
     * taken as they are (Java's colour conversion of gray images to RGB would change them), other
     * images through their sRGB values; alpha is ignored.
     */
    private static float[] toArray(BufferedImage img, ColorMode mode) {
        int h = img.getHeight();
        int w = img.getWidth();
        int hw = h * w;
        float[] out = new float[mode.channels() * hw];
        boolean gray = img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
        java.awt.image.Raster raster = img.getRaster();
        int grayShift = gray ? Math.max(0, raster.getSampleModel().getSampleSize(0) - 8) : 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (gray) {
                    float v = raster.getSample(x, y, 0) >> grayShift;
                    for (int c = 0; c < mode.channels(); c++) {
                        out[c * hw + p] = v;
                    }
                    continue;
                }
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (mode == ColorMode.GRAYSCALE) {
                    out[p] = (float) (0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    out[p] = r;
                    out[hw + p] = g;
                    out[2 * hw + p] = b;
                }
            }
        }
        return out;
    }

    /**
     * Bilinear resize of a C x H x W array to C x outH x outW, with pixel centres aligned as in
     * OpenCV's {@code INTER_LINEAR} and PyTorch's {@code interpolate(..., align_corners=False)}:
     * output pixel {@code (y, x)} samples the input at {@code ((y + 0.5) * H / outH - 0.5, ...)}, clamped
     * to the image. Same size returns the input unchanged.
     */
    static float[] resize(float[] src, int channels, int h, int w, int outH, int outW) {
        if (h == outH && w == outW) {
            return src;
        }
        float[] out = new float[channels * outH * outW];
        for (int y = 0; y < outH; y++) {
            double sy = Math.min(Math.max((y + 0.5) * h / outH - 0.5, 0), h - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < outW; x++) {
                double sx = Math.min(Math.max((x + 0.5) * w / outW - 0.5, 0), w - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                for (int c = 0; c < channels; c++) {
                    int base = c * h * w;
                    double top = src[base + y0 * w + x0] * (1 - fx) + src[base + y0 * w + x1] * fx;
                    double bottom = src[base + y1 * w + x0] * (1 - fx) + src[base + y1 * w + x1] * fx;
                    out[c * outH * outW + y * outW + x] = (float) (top * (1 - fy) + bottom * fy);
                }
            }
        }
        return out;
    }
}
