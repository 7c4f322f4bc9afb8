package deepsvddlab.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A small SYNTHETIC colour data set, generated in memory (not CIFAR-10, which these machines cannot
 * reach): 3x32x32 RGB images of one coloured shape on a darker noisy background, 10 classes of
 * {@link #TRAIN_PER_CLASS} training and {@link #TEST_PER_CLASS} test images each, pixel values 0..255
 * like CIFAR-10's. A class is a shape (disc, square, triangle, ring, cross) in a colour family
 * (warm: hues 0-60 degrees; cool: 180-260 degrees), so classes 0 and 5 share a shape and differ in
 * colour, and classes 0 and 1 share the colour family and differ in shape. Each image has its own
 * position (jitter of +-4 pixels), size, hue within the family, brightness, background colour and
 * pixel noise. The same {@link #SEED} gives the same images on every machine.
 */
public final class SyntheticColour {
    /** Training images per class. */
    public static final int TRAIN_PER_CLASS = 500;
    /** Test images per class. */
    public static final int TEST_PER_CLASS = 100;
    /** The generator's seed. */
    public static final long SEED = 20261202L;
    /** The image side. */
    public static final int SIDE = 32;

    /** The class names: shape and colour family. */
    public static final List<String> CLASS_NAMES = List.of(
            "warm disc",
            "warm square",
            "warm triangle",
            "warm ring",
            "warm cross",
            "cool disc",
            "cool square",
            "cool triangle",
            "cool ring",
            "cool cross");

    private SyntheticColour() {}

    /** The train and test parts. */
    public static TrainTest load() {
        ImageSet train = generate(TRAIN_PER_CLASS, SEED, "synthetic-colour train");
        ImageSet test = generate(TEST_PER_CLASS, SEED + 1, "synthetic-colour test");
        return new TrainTest(
                train,
                test,
                "synthetic-colour: SYNTHETIC coloured shapes generated in memory (seed " + SEED + "; "
                        + TRAIN_PER_CLASS + " train and " + TEST_PER_CLASS
                        + " test images per class, 3x32x32); NOT CIFAR-10");
    }

    /** {@code perClass} images of each class, class after class, from {@code seed}. */
    public static ImageSet generate(int perClass, long seed, String name) {
        int n = perClass * CLASS_NAMES.size();
        int plane = SIDE * SIDE;
        float[] px = new float[n * 3 * plane];
        int[] labels = new int[n];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int c = i / perClass;
            labels[i] = c;
            int shape = c % 5;
            boolean warm = c < 5;
            double hue = warm ? rng.nextDouble(0, 60) : rng.nextDouble(180, 260);
            double[] fg = hsv(hue, rng.nextDouble(0.6, 1.0), rng.nextDouble(0.7, 1.0));
            double[] bg = hsv(rng.nextDouble(0, 360), rng.nextDouble(0, 0.5), rng.nextDouble(0.1, 0.35));
            double cx = 15.5 + rng.nextDouble(-4, 4);
            double cy = 15.5 + rng.nextDouble(-4, 4);
            double r = rng.nextDouble(6, 10);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean in = inside(shape, x - cx, y - cy, r);
                    for (int ch = 0; ch < 3; ch++) {
                        double v = (in ? fg[ch] : bg[ch]) + rng.nextGaussian() * 0.04;
                        px[(i * 3 + ch) * plane + y * SIDE + x] = (float) Math.rint(255 * Math.min(1, Math.max(0, v)));
                    }
                }
            }
        }
        return new ImageSet(name, px, labels, 3, SIDE, SIDE, CLASS_NAMES);
    }

    private static boolean inside(int shape, double dx, double dy, double r) {
        switch (shape) {
            case 0:
                return dx * dx + dy * dy <= r * r;
            case 1:
                return Math.abs(dx) <= 0.8 * r && Math.abs(dy) <= 0.8 * r;
            case 2:
                return dy <= 0.8 * r && dy >= -r && Math.abs(dx) <= (dy + r) * 0.55;
            case 3: {
                double d2 = dx * dx + dy * dy;
                return d2 <= r * r && d2 >= 0.45 * r * r;
            }
            default:
                return (Math.abs(dx) <= 0.3 * r && Math.abs(dy) <= r) || (Math.abs(dy) <= 0.3 * r && Math.abs(dx) <= r);
        }
    }

    /** HSV (hue in degrees) to RGB in [0, 1]. */
    static double[] hsv(double h, double s, double v) {
        double c = v * s;
        double hp = (h % 360) / 60.0;
        double x = c * (1 - Math.abs(hp % 2 - 1));
        double[] rgb = hp < 1
                ? new double[] {c, x, 0}
                : hp < 2
                        ? new double[] {x, c, 0}
                        : hp < 3
                                ? new double[] {0, c, x}
                                : hp < 4
                                        ? new double[] {0, x, c}
                                        : hp < 5 ? new double[] {x, 0, c} : new double[] {c, 0, x};
        double m = v - c;
        return new double[] {rgb[0] + m, rgb[1] + m, rgb[2] + m};
    }
}
