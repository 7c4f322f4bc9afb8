package deepsvddlab.bench;

import com.google.gson.JsonObject;
import deepsvddlab.explain.Tsne;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Barnes-Hut t-SNE, {@link Tsne} vs scikit-learn 1.2.1's {@code TSNE}, on the same synthetic
 * 32-dimensional data (latent codes stand-in: 10 Gaussian clusters, centers N(0, 3^2) per
 * coordinate, unit noise, seeded) at 2,000 and 10,000 points. Both sides use perplexity 30, PCA
 * init, learning rate "auto", angle 0.5, 1000 iterations and {@code --threads} threads (Java: its
 * pool; sklearn: {@code OMP_NUM_THREADS} and {@code n_jobs}, with {@code OPENBLAS_NUM_THREADS=1}).
 * Per size the Java fit runs first, then {@code bench/python/tsne_bench.py} on the same float32 file
 * (never concurrently). Times are wall-clock seconds of the whole fit (neighbour search, P and the
 * optimisation); Java's start with a warm JIT (one small fit first, not timed). Prints the seconds,
 * the ratio Java/sklearn and both final KL divergences. Run it on a quiet machine: with another job
 * on the cores, sklearn's OpenMP threads spin-wait at each barrier and its time grows several-fold
 * (2,000 points: 3.1 s quiet, 25-30 s beside a busy JVM), while Java's pool threads park.
 *
 * <pre>java -cp ... deepsvddlab.bench.TsneBench [--sizes 2000,10000] [--dim 32] [--seed 0] [--threads 2]</pre>
 */
public final class TsneBench {
    private TsneBench() {}

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> a = BenchUtil.options(args, "sizes", "dim", "seed", "threads");
        int[] sizes = Stream.of(a.getOrDefault("sizes", "2000,10000").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int dim = Integer.parseInt(a.getOrDefault("dim", "32"));
        long seed = Long.parseLong(a.getOrDefault("seed", "0"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        Tsne tsne = Tsne.builder()
                .method(Tsne.Method.BARNES_HUT)
                .perplexity(30)
                .init(Tsne.Init.PCA)
                .autoLearningRate()
                .angle(0.5)
                .seed(seed)
                .threads(threads)
                .build();
        // JIT warm-up, not timed
        tsne.fit(codes(500, dim, seed + 1));
        List<String> rows = new ArrayList<>();
        Path dir = Files.createTempDirectory("tsnebench");
        try {
            for (int n : sizes) {
                float[][] x = codes(n, dim, seed);
                Path file = dir.resolve("x.f32");
                float[] flat = new float[n * dim];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(x[i], 0, flat, i * dim, dim);
                }
                BenchUtil.writeFloats(file, flat);
                long t0 = System.nanoTime();
                Tsne.Result r = tsne.fit(x);
                double javaS = (System.nanoTime() - t0) / 1e9;
                JsonObject sk = python(file, n, dim, seed, threads);
                String row = String.format(
                        Locale.ROOT,
                        "%6d %8.2f %8.2f %6.2f | %8.4f %8.4f %+7.4f | %5d %5d",
                        n,
                        javaS,
                        sk.get("fit_s").getAsDouble(),
                        javaS / sk.get("fit_s").getAsDouble(),
                        r.klDivergence(),
                        sk.get("kl_divergence").getAsDouble(),
                        r.klDivergence() - sk.get("kl_divergence").getAsDouble(),
                        r.iterations(),
                        sk.get("n_iter").getAsInt() + 1);
                System.out.println(row);
                rows.add(row);
            }
        } finally {
            BenchUtil.deleteTree(dir);
        }
        System.out.printf(
                Locale.ROOT,
                "%nTsneBench: Java %s (%d cores, %d threads) vs scikit-learn (/usr/bin/python3, OMP_NUM_THREADS=%d),"
                        + " Barnes-Hut, %d dimensions, seed %d%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                threads,
                threads,
                dim,
                seed);
        System.out.printf(
                Locale.ROOT,
                "%6s %8s %8s %6s | %8s %8s %7s | %5s %5s%n",
                "n",
                "Java s",
                "sk s",
                "ratio",
                "KL-J",
                "KL-sk",
                "dKL",
                "it-J",
                "it-sk");
        rows.forEach(System.out::println);
        System.out.println("ratio = Java s / sklearn s (whole fit); dKL = Java - sklearn; it = gradient steps");
    }

    /** n synthetic codes in dim dimensions: 10 clusters, centers N(0, 3^2), unit Gaussian noise. */
    static float[][] codes(int n, int dim, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int clusters = 10;
        double[][] centers = new double[clusters][dim];
        for (double[] c : centers) {
            for (int j = 0; j < dim; j++) {
                c[j] = 3 * gaussian(rng);
            }
        }
        float[][] x = new float[n][dim];
        for (int i = 0; i < n; i++) {
            double[] c = centers[rng.nextInt(clusters)];
            for (int j = 0; j < dim; j++) {
                x[i][j] = (float) (c[j] + gaussian(rng));
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static JsonObject python(Path file, int n, int d, long seed, int threads)
            throws IOException, InterruptedException {
        return BenchUtil.pythonJson(
                "TsneBench",
                "tsne_bench.py",
                java.util.Map.of("OMP_NUM_THREADS", "" + threads),
                List.of(
                        "--file",
                        file.toString(),
                        "--n",
                        "" + n,
                        "--d",
                        "" + d,
                        "--seed",
                        "" + seed,
                        "--threads",
                        "" + threads));
    }
}
