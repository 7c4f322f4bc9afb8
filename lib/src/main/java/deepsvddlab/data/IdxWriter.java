package deepsvddlab.data;

import deepsvddlab.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writer of gzipped IDX files (the format {@link IdxReader} reads), used to store converted data
 * sets such as {@link DatasetId#MNIST_10K}. Files are written atomically.
 */
public final class IdxWriter {
    private IdxWriter() {}

    /**
     * Writes {@code count} images of {@code rows x cols} unsigned bytes as a gzipped IDX images file.
     *
     * @param pixels {@code count*rows*cols} bytes, row-major
     */
    public static void writeImages(Path file, byte[] pixels, int count, int rows, int cols) {
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException("pixels.length must be count*rows*cols = " + (long) count * rows * cols
                    + ", found " + pixels.length + "; check the image shape");
        }
        write(file, IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, pixels);
    }

    /** Writes labels 0..255 as a gzipped IDX labels file. */
    public static void writeLabels(Path file, int[] labels) {
        byte[] b = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, 255] for IDX, found " + labels[i]
                        + "; IDX stores labels as unsigned bytes");
            }
            b[i] = (byte) labels[i];
        }
        write(file, IdxReader.LABELS_MAGIC, new int[] {labels.length}, b);
    }

    private static void write(Path file, int magic, int[] dims, byte[] data) {
        AtomicFiles.write(file, raw -> {
            GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
            out.flush();
            gz.finish();
        });
    }
}
