package deepsvddlab.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small files and sets written by the tests themselves. */
final class TestFiles {
    private TestFiles() {}

    /** Raw IDX bytes: magic, dims, data. */
    static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        out.flush();
        return b.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(raw);
        }
        return b.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** Images whose pixel j of image i is (i * 7 + j) mod 256. */
    static byte[] patternPixels(int count, int rows, int cols) {
        byte[] p = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < rows * cols; j++) {
                p[i * rows * cols + j] = (byte) ((i * 7 + j) % 256);
            }
        }
        return p;
    }

    /** A set of {@code perClass[c]} images per class c, 1 x 2 x 2, pixel values encode (index, position). */
    static ImageSet blocks(String name, int[] perClass) {
        int n = 0;
        for (int k : perClass) {
            n += k;
        }
        float[] p = new float[n * 4];
        int[] l = new int[n];
        int i = 0;
        for (int c = 0; c < perClass.length; c++) {
            for (int k = 0; k < perClass[c]; k++, i++) {
                l[i] = c;
                for (int j = 0; j < 4; j++) {
                    p[i * 4 + j] = i * 10 + j;
                }
            }
        }
        List<String> names = java.util.stream.IntStream.range(0, perClass.length)
                .mapToObj(c -> "class" + c)
                .toList();
        return new ImageSet(name, p, l, 1, 2, 2, names);
    }
}
