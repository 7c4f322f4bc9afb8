package deepsvddlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Loads the known data sets ({@link DatasetId}) from their standard files under
 * {@code dataDir/<id>/}, as written by {@code bin/fetch-data}:
 * <ul>
 *   <li>{@code fashion-mnist}, {@code mnist}, {@code mnist-10k}: {@code train-images-idx3-ubyte.gz},
 *       {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz},
 *       {@code t10k-labels-idx1-ubyte.gz} (or the same names without {@code .gz});</li>
 *   <li>{@code cifar10}: {@code cifar-10-batches-bin/data_batch_1.bin} .. {@code data_batch_5.bin},
 *       {@code test_batch.bin}, optionally {@code batches.meta.txt}.</li>
 * </ul>
 * Pixels are floats 0..255 as stored in the files.
 */
public final class Datasets {
    /** Fashion-MNIST class names (Xiao et al. 2017), index = label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** MNIST class names: the digits. */
    public static final List<String> DIGIT_CLASSES =
            IntStream.range(0, 10).mapToObj(Integer::toString).toList();
    /** The four IDX file names, without {@code .gz}: train images, train labels, test images, test labels. */
    public static final List<String> IDX_FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    /** Sub-folder of {@code dataDir/cifar10} with the binary batches. */
    public static final String CIFAR_BATCH_DIR = "cifar-10-batches-bin";
    /** File in {@code dataDir/<id>/} where {@code bin/fetch-data} notes the source it used. */
    public static final String SOURCE_FILE = "SOURCE.txt";

    private Datasets() {}

    /**
     * Reads a data set's standard train and test parts from {@code dataDir/<id>/}.
     *
     * @throws IllegalArgumentException if files are missing (saying which, and to run
     *                                  {@code bin/fetch-data}) or damaged
     */
    public static TrainTest load(DatasetId id, Path dataDir) {
        if (id == DatasetId.SYNTHETIC_COLOUR) {
            return SyntheticColour.load(); // generated: nothing on disk
        }
        Path dir = dataDir.resolve(id.id());
        if (id == DatasetId.CIFAR10) {
            Path batches = dir.resolve(CIFAR_BATCH_DIR);
            List<String> missing = new ArrayList<>();
            for (String f : concat(Cifar10Reader.TRAIN_FILES, List.of(Cifar10Reader.TEST_FILE))) {
                if (!Files.isRegularFile(batches.resolve(f))) {
                    missing.add(batches.resolve(f).toString());
                }
            }
            if (!missing.isEmpty()) {
                throw missingError(id, missing);
            }
            TrainTest tt = Cifar10Reader.read(batches);
            return new TrainTest(tt.train(), tt.test(), tt.source() + sourceNote(dir));
        }
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String base : IDX_FILES) {
            Path gz = dir.resolve(base + ".gz");
            Path plain = dir.resolve(base);
            if (Files.isRegularFile(gz)) {
                files.add(gz);
            } else if (Files.isRegularFile(plain)) {
                files.add(plain);
            } else {
                missing.add(gz + " (or " + plain.getFileName() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw missingError(id, missing);
        }
        List<String> classes = id == DatasetId.FASHION_MNIST ? FASHION_MNIST_CLASSES : DIGIT_CLASSES;
        ImageSet train = IdxReader.read(files.get(0), files.get(1), id.id() + " train", classes);
        ImageSet test = IdxReader.read(files.get(2), files.get(3), id.id() + " test", classes);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new IllegalArgumentException("test images of " + id + " must have the train images' size "
                    + train.height()
                    + "x" + train.width() + ", found " + test.height() + "x" + test.width() + " in " + files.get(2)
                    + "; the files come from different data sets, fetch them again");
        }
        String source = id.id() + " IDX files in " + dir + ": "
                + files.stream()
                        .map(p -> p.getFileName().toString())
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("") + sourceNote(dir);
        return new TrainTest(train, test, source);
    }

    /**
     * The data directory: the setting {@code dsvdd.data.dir} / {@code DSVDD_DATA_DIR} (see
     * {@link deepsvddlab.io.Settings}), else {@code data/} at the project root (also when a notebook
     * runs in {@code notebooks/}), else {@code ./data}.
     */
    public static Path defaultDataDir() {
        String configured = deepsvddlab.io.Settings.get("dsvdd.data.dir", "DSVDD_DATA_DIR");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path root = deepsvddlab.io.Settings.projectRoot();
        return (root != null ? root.resolve("data") : Path.of("data")).toAbsolutePath();
    }

    private static String sourceNote(Path dir) {
        Path f = dir.resolve(SOURCE_FILE);
        if (!Files.isRegularFile(f)) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : " (fetched from: " + lines.get(0).trim() + ")";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException missingError(DatasetId id, List<String> missing) {
        return new IllegalArgumentException("data set " + id + " must be on disk, found these files missing: "
                + String.join(", ", missing) + "; run bin/fetch-data " + id + " (from the project root)"
                + (id == DatasetId.MNIST ? ", or use mnist-10k where the standard MNIST cannot be downloaded" : ""));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
