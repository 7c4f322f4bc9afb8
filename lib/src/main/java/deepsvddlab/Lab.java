package deepsvddlab;

import java.util.Locale;

/**
 * Notebook knobs, as d2l-java does: one place that says whether the notebooks run in quick mode
 * (CI, a first look: few epochs, small subsets) or full mode (real results). Quick mode is on when
 * the environment variable {@code DSVDD_QUICK} is 1/true (bin/run-notebooks and CI set it).
 */
public final class Lab {
    static {
        // the stop button stops training at the next batch (see Interrupts); every setup cell uses Lab
        deepsvddlab.nn.Interrupts.install();
    }

    private Lab() {}

    /** True in quick mode. */
    public static boolean quick() {
        String v = deepsvddlab.io.Settings.get("dsvdd.quick", "DSVDD_QUICK");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    /**
     * A knob: the environment variable {@code name} if set (e.g. DSVDD_EPOCHS=20), else
     * {@code quickValue} in quick mode, else {@code fullValue}.
     */
    public static int knob(String name, int fullValue, int quickValue) {
        String v = System.getenv(name);
        if (v != null && !v.isBlank()) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        name + " must be an integer, found '" + v + "'; unset it or give a number", e);
            }
        }
        return quick() ? quickValue : fullValue;
    }

    /** A text knob: the environment variable {@code name} if set, else {@code fallback}. */
    public static String knob(String name, String fallback) {
        String v = System.getenv(name);
        return v != null && !v.isBlank() ? v.trim() : fallback;
    }

    /**
     * The lessons' data set, from the knob {@code DSVDD_DATASET}: {@code fashion-mnist} (the
     * default), {@code mnist}, {@code mnist-10k} or {@code folder:PATH} (your images, one
     * sub-folder per class; grey, resized to 28x28). These lessons' LeNet takes 1x28x28 images:
     * colour data ({@code cifar10}, {@code synthetic-colour}, {@code folder-rgb:PATH}) are refused
     * with a pointer to lesson 100 and {@link #colourDataset()}.
     */
    public static deepsvddlab.data.DataSource dataset() {
        String v = knob("DSVDD_DATASET", "fashion-mnist");
        deepsvddlab.data.DataSource d = deepsvddlab.data.DataSource.parse(v, null);
        if (d.colour()) {
            throw new IllegalArgumentException("DSVDD_DATASET must be a grey 28x28 data set for this lesson's LeNet,"
                    + " found colour images (" + v + "); use fashion-mnist, mnist, mnist-10k or folder:PATH here,"
                    + " and open lesson 100 with DSVDD_COLOUR_DATASET=" + v + " for colour images");
        }
        if (d.isCsv()) {
            throw new IllegalArgumentException(
                    "DSVDD_DATASET must be images for the lessons, found " + v
                            + "; feature vectors run from the command line: bin/dsvdd run --dataset csv:PATH --label-column NAME");
        }
        return d;
    }

    /**
     * The colour lesson's data set, from the knob {@code DSVDD_COLOUR_DATASET}: {@code cifar10}
     * (the default when its files are under the data folder), {@code synthetic-colour} (the default
     * otherwise) or {@code folder-rgb:PATH} (your images, one sub-folder per class; RGB, resized to
     * 32x32). Grey data are refused with a pointer to {@code DSVDD_DATASET}.
     */
    public static deepsvddlab.data.DataSource colourDataset() {
        boolean cifarOnDisk = java.nio.file.Files.isDirectory(deepsvddlab.data.Datasets.defaultDataDir()
                .resolve("cifar10")
                .resolve(deepsvddlab.data.Datasets.CIFAR_BATCH_DIR));
        String v = knob("DSVDD_COLOUR_DATASET", cifarOnDisk ? "cifar10" : "synthetic-colour");
        deepsvddlab.data.DataSource d = deepsvddlab.data.DataSource.parse(v, null);
        if (!d.colour()) {
            throw new IllegalArgumentException("DSVDD_COLOUR_DATASET must be colour images (cifar10, synthetic-colour"
                    + " or folder-rgb:PATH), found " + v + "; grey images go in DSVDD_DATASET for lessons 010-090");
        }
        return d;
    }

    /** The normal class from the knob value {@code value} (an index or a class name) in {@code data}. */
    public static int classIndex(deepsvddlab.data.TrainTest data, String value) {
        return deepsvddlab.data.OneClassProtocol.classIndex(data.train().classNames(), value, "DSVDD_CLASS");
    }

    /**
     * One line that says which engine runs and on which device (and loads it offline, with a clear
     * error if it cannot). It applies the knob {@code DSVDD_DEVICE} ({@code cpu}, the default, or
     * {@code gpu} / {@code gpu:N} when the engine reports a GPU; see {@link deepsvddlab.nn.Devices}).
     */
    public static String engine() {
        deepsvddlab.nn.Devices.use(knob("DSVDD_DEVICE", "cpu"));
        return deepsvddlab.nn.Engines.describe();
    }

    /** A new NDManager on the lab's device (the one {@link #engine()} chose); close it when done. */
    public static ai.djl.ndarray.NDManager manager() {
        return ai.djl.ndarray.NDManager.newBaseManager(deepsvddlab.nn.Devices.current());
    }

    /** One line that says which mode the notebook runs in. */
    public static String mode() {
        return String.format(
                Locale.ROOT,
                "%s mode (DSVDD_QUICK=%s)",
                quick() ? "quick" : "full",
                System.getenv().getOrDefault("DSVDD_QUICK", "unset"));
    }

    // ---- small array helpers that keep notebook cells short ----

    /** Indices i with {@code labels[i] == label}, at most {@code count} of them, in order. */
    public static int[] first(int[] labels, int label, int count) {
        return java.util.stream.IntStream.range(0, labels.length)
                .filter(i -> labels[i] == label)
                .limit(count)
                .toArray();
    }

    /** The values whose label equals {@code label} (e.g. scores of the normal test images). */
    public static double[] select(double[] values, int[] labels, int label) {
        if (values.length != labels.length) {
            throw new IllegalArgumentException(
                    "values and labels must have the same length, found " + values.length + " and " + labels.length);
        }
        return java.util.stream.IntStream.range(0, values.length)
                .filter(i -> labels[i] == label)
                .mapToDouble(i -> values[i])
                .toArray();
    }

    /** 1, 2, ..., n (epoch numbers for charts). */
    public static double[] range(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    }

    /** The arrays one after the other. */
    public static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts)
                .flatMapToInt(java.util.Arrays::stream)
                .toArray();
    }

    /** The rows of all matrices, one after the other. */
    public static float[][] concat(float[][]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(float[][]::new);
    }

    /** {@code values[i] * factor} as doubles. */
    public static double[] scale(float[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }

    /** Floats as doubles. */
    public static double[] toDouble(float[] values) {
        return scale(values, 1.0);
    }

    /** A float matrix as doubles. */
    public static double[][] toDouble(float[][] rows) {
        return java.util.Arrays.stream(rows).map(Lab::toDouble).toArray(double[][]::new);
    }

    /** All entries of a matrix, row after row. */
    public static double[] flatten(float[][] rows) {
        return java.util.Arrays.stream(rows)
                .flatMapToDouble(r -> java.util.Arrays.stream(toDouble(r)))
                .toArray();
    }

    /** At most {@code n} values drawn without replacement (seeded), for charts of huge arrays. */
    public static double[] sample(double[] values, int n, long seed) {
        if (values.length <= n) {
            return values.clone();
        }
        int[] idx = java.util.stream.IntStream.range(0, values.length).toArray();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(values.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out[i] = values[idx[i]];
        }
        return out;
    }
}
