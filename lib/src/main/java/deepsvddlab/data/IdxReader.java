package deepsvddlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST (LeCun et al.), plain or gzipped.
 *
 * <p>An IDX file is a big-endian header, then the data: the magic number {@code 0x0000TTDD} with
 * data type {@code TT} ({@code 0x08} = unsigned byte, the only type used here) and {@code DD}
 * dimensions, then {@code DD} 32-bit sizes, then the values in row-major order. Images are
 * {@code 0x00000803} (count, rows, columns), labels {@code 0x00000801} (count). Gzip is detected by its
 * magic bytes {@code 1f 8b}, not by the file name. Pixel bytes are returned as floats 0..255,
 * unscaled.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /** The header of an IDX file: its magic number and dimension sizes. */
    public record Header(int magic, int[] dims) {
        /** Number of items (the first dimension). */
        public int count() {
            return dims[0];
        }

        /** Bytes per item: the product of the other dimensions. */
        public long itemBytes() {
            long b = 1;
            for (int k = 1; k < dims.length; k++) {
                b *= dims[k];
            }
            return b;
        }
    }

    /** Images of one IDX file: {@code count x rows x cols} values 0..255. */
    public record Images(int count, int rows, int cols, float[] pixels) {}

    /**
     * Reads images and labels and joins them into an {@link ImageSet} with one channel.
     *
     * @throws IllegalArgumentException if a file is missing, truncated, of the wrong kind, or the
     *                                  counts differ
     */
    public static ImageSet read(Path imagesFile, Path labelsFile, String name, List<String> classNames) {
        Images images = readImages(imagesFile);
        int[] labels = readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new IllegalArgumentException("label count of " + labelsFile + " must equal the image count of "
                    + imagesFile + " (" + images.count() + "), found " + labels.length
                    + "; the two files do not belong together, fetch them again with bin/fetch-data");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("labels in " + labelsFile + " must be < " + classNames.size()
                        + " (the number of classes), found " + labels[i] + " at item " + i
                        + "; is this the right data set?");
            }
        }
        return new ImageSet(name, images.pixels(), labels, 1, images.rows(), images.cols(), classNames);
    }

    /** Reads an IDX images file (magic {@code 0x00000803}). */
    public static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            Header h = readHeader(in, file, IMAGES_MAGIC, "images");
            byte[] data = readPayload(in, file, h);
            float[] pixels = new float[data.length];
            for (int i = 0; i < data.length; i++) {
                pixels[i] = data[i] & 0xFF;
            }
            return new Images(h.dims()[0], h.dims()[1], h.dims()[2], pixels);
        } catch (IOException e) {
            throw ioError(file, e);
        }
    }

    /** Reads an IDX labels file (magic {@code 0x00000801}) as ints 0..255. */
    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            Header h = readHeader(in, file, LABELS_MAGIC, "labels");
            byte[] data = readPayload(in, file, h);
            int[] labels = new int[data.length];
            for (int i = 0; i < data.length; i++) {
                labels[i] = data[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw ioError(file, e);
        }
    }

    /**
     * Checks a whole file without keeping its data: right magic number, and exactly as many bytes as
     * the header declares. Used by {@code bin/fetch-data} to tell a complete file from a broken one.
     *
     * @return the header
     * @throws IllegalArgumentException with the reason if the file is not a complete IDX file of that kind
     */
    public static Header verify(Path file, int expectedMagic) {
        try (DataInputStream in = open(file)) {
            Header h = readHeader(in, file, expectedMagic, expectedMagic == IMAGES_MAGIC ? "images" : "labels");
            long expected = h.count() * h.itemBytes();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int r;
            while ((r = in.read(buf)) > 0) {
                total += r;
            }
            if (total != expected) {
                throw sizeError(file, h, expected, total);
            }
            return h;
        } catch (IOException e) {
            throw ioError(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("IDX file " + file + " must exist, found nothing there"
                    + "; run bin/fetch-data to download the data sets");
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
        }
        return new DataInputStream(raw);
    }

    private static Header readHeader(DataInputStream in, Path file, int expectedMagic, String kind) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated: it must start with a 4-byte magic "
                    + "number, found fewer bytes; delete it and run bin/fetch-data again");
        }
        if (magic != expectedMagic) {
            throw new IllegalArgumentException(String.format(
                    "IDX %s file %s must start with the magic number 0x%08X, "
                            + "found 0x%08X; this is not an IDX %s file (wrong file, or an error page saved as data)",
                    kind, file, expectedMagic, magic, kind));
        }
        int[] dims = new int[magic & 0xFF];
        try {
            for (int k = 0; k < dims.length; k++) {
                dims[k] = in.readInt();
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("IDX file " + file + " is truncated inside its header (" + dims.length
                    + " dimension sizes expected); delete it and run bin/fetch-data again");
        }
        for (int k = 0; k < dims.length; k++) {
            if (dims[k] < 0 || (k > 0 && dims[k] == 0)) {
                throw new IllegalArgumentException("IDX file " + file + " must have positive dimension sizes, found "
                        + java.util.Arrays.toString(dims) + "; the file is damaged, fetch it again");
            }
        }
        Header h = new Header(magic, dims);
        if ((long) h.count() * h.itemBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("IDX file " + file + " must hold less than 2 GB, found dimensions "
                    + java.util.Arrays.toString(dims) + "; the header is damaged");
        }
        return h;
    }

    private static byte[] readPayload(DataInputStream in, Path file, Header h) throws IOException {
        int expected = (int) (h.count() * h.itemBytes());
        byte[] data = in.readNBytes(expected);
        if (data.length != expected) {
            throw sizeError(file, h, expected, data.length);
        }
        if (in.read() != -1) {
            long extra = 1;
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                extra += r;
            }
            throw sizeError(file, h, expected, expected + extra);
        }
        return data;
    }

    private static IllegalArgumentException sizeError(Path file, Header h, long expected, long found) {
        String what = found < expected ? "is truncated" : "has extra bytes at its end";
        return new IllegalArgumentException("IDX file " + file + " " + what + ": its header declares dimensions "
                + java.util.Arrays.toString(h.dims()) + ", so " + expected + " data bytes must follow, found " + found
                + "; delete it and run bin/fetch-data again");
    }

    private static RuntimeException ioError(Path file, IOException e) {
        if (e instanceof EOFException || e instanceof ZipException) {
            return new IllegalArgumentException(
                    "IDX file " + file + " is truncated or a damaged gzip file (" + e.getMessage()
                            + "); delete it and run bin/fetch-data again",
                    e);
        }
        if (e instanceof NoSuchFileException) {
            return new IllegalArgumentException(
                    "IDX file " + file + " must exist, found nothing there"
                            + "; run bin/fetch-data to download the data sets",
                    e);
        }
        return new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
    }
}
