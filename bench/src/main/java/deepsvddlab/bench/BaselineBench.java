package deepsvddlab.bench;

import com.google.gson.JsonObject;
import deepsvddlab.data.DatasetId;
import deepsvddlab.data.Datasets;
import deepsvddlab.data.FittedPreprocessor;
import deepsvddlab.data.OneClassProtocol;
import deepsvddlab.data.OneClassTask;
import deepsvddlab.data.Preprocessing;
import deepsvddlab.data.TrainTest;
import deepsvddlab.detect.FittedDetector;
import deepsvddlab.detect.IsolationForest;
import deepsvddlab.detect.OneClassSvm;
import deepsvddlab.eval.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Classical baselines, Java vs scikit-learn, on Fashion-MNIST one-class tasks (standard protocol:
 * train on the ~6,000 training images of the normal class, test on all 10,000 test images, the
 * other nine classes being anomalies). Per class:
 * <ul>
 *   <li>{@link IsolationForest} (100 trees, psi 256, seed 0) on x/255 pixels;</li>
 *   <li>{@link OneClassSvm} (RBF, gamma "scale", nu 0.1) on GCN-L1 + min-max pixels.</li>
 * </ul>
 * The SAME arrays are written once as raw float32 files and given to {@code bench/python/baselines.py}
 * (run with /usr/bin/python3: scikit-learn 1.2.1), run after the Java side (never concurrently).
 * Prints one side-by-side table: AUROC, fit and score seconds, the time ratio Java/sklearn and the
 * AUROC difference.
 *
 * <pre>java -cp ... deepsvddlab.bench.BaselineBench [--classes 0,1,5] [--seed 0] [--threads 2]</pre>
 * Threads: Java builds trees and scores rows on the common fork-join pool (all cores); sklearn's
 * IsolationForest gets {@code n_jobs=threads}; both OCSVM fits are single-threaded; Java scores the
 * OCSVM on all cores, sklearn on one.
 */
public final class BaselineBench {
    private BaselineBench() {}

    /** One detector's figures on one side. */
    record Run(double auroc, double fitS, double scoreS) {}

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> a = BenchUtil.options(args, "classes", "seed", "threads");
        int[] classes = Stream.of(a.getOrDefault("classes", "0,1,5").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        long seed = Long.parseLong(a.getOrDefault("seed", "0"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        TrainTest data = Datasets.load(DatasetId.FASHION_MNIST, Datasets.defaultDataDir());
        List<String> rows = new ArrayList<>();
        Path dir = Files.createTempDirectory("baselinebench");
        try {
            for (int normalClass : classes) {
                OneClassTask task = OneClassProtocol.split(data, normalClass, 0.0, seed);
                FittedPreprocessor scale = Preprocessing.scale255().fit(task.train());
                float[][] train255 = scale.apply(task.train()).toMatrix();
                float[][] test255 = scale.apply(task.test()).toMatrix();
                FittedPreprocessor gcn = Preprocessing.gcnL1MinMax().fit(task.train());
                float[][] trainGcn = gcn.apply(task.train()).toMatrix();
                float[][] testGcn = gcn.apply(task.test()).toMatrix();
                int[] labels = task.testIsAnomaly();
                int n = train255.length;
                int m = test255.length;
                int d = train255[0].length;
                writeMatrix(dir.resolve("train_255.f32"), train255);
                writeMatrix(dir.resolve("test_255.f32"), test255);
                writeMatrix(dir.resolve("train_gcn.f32"), trainGcn);
                writeMatrix(dir.resolve("test_gcn.f32"), testGcn);
                float[] y = new float[m];
                for (int i = 0; i < m; i++) {
                    y[i] = labels[i];
                }
                BenchUtil.writeFloats(dir.resolve("labels.f32"), y);
                System.out.printf(
                        Locale.ROOT,
                        "class %d: %d train normals, %d test (%d anomalies), %d features%n",
                        normalClass,
                        n,
                        m,
                        sum(labels),
                        d);

                Run javaIf = run(IsolationForest.builder().seed(seed).build()::fit, train255, test255, labels);
                Run javaOc = run(OneClassSvm.builder().nu(0.1).build()::fit, trainGcn, testGcn, labels);
                JsonObject py = python(dir, n, m, d, seed, threads);
                rows.add(row(normalClass, "IsolationForest (x/255)", javaIf, py.getAsJsonObject("iforest")));
                rows.add(row(normalClass, "OneClassSvm (GCN, nu 0.1)", javaOc, py.getAsJsonObject("ocsvm")));
                System.out.println(rows.get(rows.size() - 2));
                System.out.println(rows.get(rows.size() - 1));
            }
        } finally {
            BenchUtil.deleteTree(dir);
        }
        System.out.printf(
                Locale.ROOT,
                "%nBaselineBench: Java %s (%d cores) vs scikit-learn (/usr/bin/python3), seed %d%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                seed);
        System.out.println(header());
        rows.forEach(System.out::println);
        System.out.println("ratio = (Java fit + score s) / (sklearn fit + score s); dAUROC = Java - sklearn");
    }

    /** Fits on train and scores test once, timing each with the wall clock. */
    private static Run run(
            java.util.function.Function<float[][], FittedDetector> fit, float[][] train, float[][] test, int[] labels) {
        long t0 = System.nanoTime();
        FittedDetector model = fit.apply(train);
        long t1 = System.nanoTime();
        double[] scores = model.score(test);
        long t2 = System.nanoTime();
        return new Run(Metrics.rocAuc(labels, scores), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    private static JsonObject python(Path dir, int n, int m, int d, long seed, int threads)
            throws IOException, InterruptedException {
        return BenchUtil.pythonJson(
                "BaselineBench",
                "baselines.py",
                java.util.Map.of(),
                List.of(
                        "--dir",
                        dir.toString(),
                        "--n",
                        "" + n,
                        "--m",
                        "" + m,
                        "--d",
                        "" + d,
                        "--seed",
                        "" + seed,
                        "--threads",
                        "" + threads));
    }

    private static String header() {
        return String.format(
                Locale.ROOT,
                "%-5s %-26s %8s %8s %8s | %8s %8s | %8s %8s | %6s",
                "class",
                "detector",
                "AUROC-J",
                "AUROC-sk",
                "dAUROC",
                "fit-J s",
                "fit-sk s",
                "score-J",
                "score-sk",
                "ratio");
    }

    private static String row(int cls, String name, Run j, JsonObject sk) {
        double skAuc = sk.get("auroc").getAsDouble();
        double skFit = sk.get("fit_s").getAsDouble();
        double skScore = sk.get("score_s").getAsDouble();
        return String.format(
                Locale.ROOT,
                "%-5d %-26s %8.4f %8.4f %+8.4f | %8.2f %8.2f | %8.2f %8.2f | %6.2f",
                cls,
                name,
                j.auroc(),
                skAuc,
                j.auroc() - skAuc,
                j.fitS(),
                skFit,
                j.scoreS(),
                skScore,
                (j.fitS() + j.scoreS()) / (skFit + skScore));
    }

    /** Row-major float32, as numpy.fromfile(...).reshape(rows, cols) reads it. */
    private static void writeMatrix(Path file, float[][] x) {
        int d = x[0].length;
        float[] flat = new float[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * d, d);
        }
        BenchUtil.writeFloats(file, flat);
    }

    private static int sum(int[] v) {
        int s = 0;
        for (int x : v) {
            s += x;
        }
        return s;
    }
}
