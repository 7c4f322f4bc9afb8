package deepsvddlab.experiment;

import deepsvddlab.data.IdxWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** A tiny Fashion-MNIST-shaped data set in IDX form: class k is a bright band at row 2k (mod 22), plus noise. */
final class TinyData {
    private TinyData() {}

    static void write(Path dir, String prefix, int n, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] px = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            int top = (2 * labels[i]) % 22;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int v = (row >= top && row < top + 6 ? 180 : 20) + rng.nextInt(40);
                px[i * 784 + p] = (byte) v;
            }
        }
        IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), px, n, 28, 28);
        IdxWriter.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }

    /** Writes 600 training and 200 test images under {@code dataDir/fashion-mnist/}. */
    static Path fashion(Path dataDir) throws Exception {
        Path dir = dataDir.resolve("fashion-mnist");
        Files.createDirectories(dir);
        write(dir, "train", 600, 1);
        write(dir, "t10k", 200, 2);
        return dataDir;
    }
}
