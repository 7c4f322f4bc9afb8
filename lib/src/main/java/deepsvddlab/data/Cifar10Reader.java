package deepsvddlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader of the binary version of CIFAR-10 (Krizhevsky 2009), the folder {@code cifar-10-batches-bin}.
 *
 * <p>Each batch file ({@code data_batch_1.bin} .. {@code data_batch_5.bin} for training,
 * {@code test_batch.bin} for testing) is a sequence of 3,073-byte records: one label byte (0..9), then
 * a 32x32 RGB image as 1,024 red, 1,024 green and 1,024 blue bytes, each plane row-major. That is
 * already the C x H x W layout of {@link ImageSet}, so the bytes are copied as floats 0..255. Class
 * names come from {@code batches.meta.txt} (one per line) when present.
 */
public final class Cifar10Reader {
    /** Image side length. */
    public static final int SIDE = 32;
    /** Bytes per record: 1 label + 3*32*32 pixels. */
    public static final int RECORD_BYTES = 1 + 3 * SIDE * SIDE;
    /** The training batch file names. */
    public static final List<String> TRAIN_FILES =
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    /** The test batch file name. */
    public static final String TEST_FILE = "test_batch.bin";
    /** The class names file. */
    public static final String META_FILE = "batches.meta.txt";
    /** The standard class names, used when {@code batches.meta.txt} is absent. */
    public static final List<String> DEFAULT_CLASS_NAMES =
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private Cifar10Reader() {}

    /**
     * Reads the training batches and the test batch from {@code batchDir} (the folder
     * {@code cifar-10-batches-bin}).
     *
     * @throws IllegalArgumentException if a file is missing or not a CIFAR-10 binary batch
     */
    public static TrainTest read(Path batchDir) {
        List<String> names = classNames(batchDir);
        List<Path> trainFiles = new ArrayList<>();
        for (String f : TRAIN_FILES) {
            trainFiles.add(batchDir.resolve(f));
        }
        ImageSet train = readBatches(trainFiles, "cifar10 train", names);
        ImageSet test = readBatches(List.of(batchDir.resolve(TEST_FILE)), "cifar10 test", names);
        return new TrainTest(
                train,
                test,
                "CIFAR-10 binary batches in " + batchDir + " (" + String.join(", ", TRAIN_FILES) + "; " + TEST_FILE
                        + ")");
    }

    /** Class names from {@code batches.meta.txt} in {@code batchDir}, else {@link #DEFAULT_CLASS_NAMES}. */
    public static List<String> classNames(Path batchDir) {
        Path meta = batchDir.resolve(META_FILE);
        if (!Files.isRegularFile(meta)) {
            return DEFAULT_CLASS_NAMES;
        }
        try {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(meta, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.trim());
                }
            }
            if (names.size() != DEFAULT_CLASS_NAMES.size()) {
                throw new IllegalArgumentException("class names file " + meta + " must list "
                        + DEFAULT_CLASS_NAMES.size() + " classes, one per line, found " + names.size()
                        + "; restore it or delete it to use the standard names");
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta + ": " + e.getMessage(), e);
        }
    }

    /** Reads and concatenates batch files, in order. */
    public static ImageSet readBatches(List<Path> files, String name, List<String> classNames) {
        List<byte[]> contents = new ArrayList<>();
        long records = 0;
        for (Path f : files) {
            byte[] b = readFile(f);
            if (b.length == 0 || b.length % RECORD_BYTES != 0) {
                throw new IllegalArgumentException("CIFAR-10 batch " + f + " must be a whole number of " + RECORD_BYTES
                        + "-byte records (1 label + 3x32x32 pixels), found " + b.length + " bytes"
                        + (b.length > RECORD_BYTES ? " (truncated?)" : "")
                        + "; delete it and fetch the binary version again (bin/fetch-data cifar10)");
            }
            contents.add(b);
            records += b.length / RECORD_BYTES;
        }
        int n = Math.toIntExact(records);
        int d = RECORD_BYTES - 1;
        float[] pixels = new float[n * d];
        int[] labels = new int[n];
        int i = 0;
        for (int fi = 0; fi < files.size(); fi++) {
            byte[] b = contents.get(fi);
            for (int off = 0; off < b.length; off += RECORD_BYTES, i++) {
                int label = b[off] & 0xFF;
                if (label >= classNames.size()) {
                    throw new IllegalArgumentException(
                            "label of record " + (off / RECORD_BYTES) + " in " + files.get(fi)
                                    + " must be < " + classNames.size() + ", found " + label
                                    + "; this is not a CIFAR-10 binary batch (CIFAR-100 records have 2 label bytes)");
                }
                labels[i] = label;
                int base = i * d;
                for (int k = 0; k < d; k++) {
                    pixels[base + k] = b[off + 1 + k] & 0xFF;
                }
            }
        }
        return new ImageSet(name, pixels, labels, 3, SIDE, SIDE, classNames);
    }

    private static byte[] readFile(Path f) {
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("CIFAR-10 batch " + f + " must exist, found nothing there; run "
                    + "bin/fetch-data cifar10, or put the binary version's files into that folder");
        }
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
