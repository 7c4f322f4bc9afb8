package deepsvddlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import deepsvddlab.data.DatasetId;
import deepsvddlab.data.Datasets;
import deepsvddlab.data.OneClassProtocol;
import deepsvddlab.data.OneClassTask;
import deepsvddlab.data.Preprocessing;
import deepsvddlab.eval.Metrics;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.DeepSvddModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * DSPSVDD's two test scores from trained checkpoints, without retraining: for every DSPSVDD run
 * folder under {@code --runs} (an AccuracyBench output, Fashion-MNIST, standard protocol) it loads
 * the checkpoint, computes d = ||phi(x) - c||^2 and the reconstruction error e (sum of squared
 * pixel errors) on the whole test set, and prints the AUROC of d, of e, and of d + w e for a grid
 * of w, with the test normals' mean d and mean e (w * mean e / mean d is the reconstruction term's
 * share of a normal's score).
 *
 * <pre>bench/run DspScoreBench [--runs runs/accuracy-v2] [--weights 0.001,0.01,0.1,1]</pre>
 */
public final class DspScoreBench {
    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchUtil.options(args, "runs", "weights");
        Path runs = Path.of(a.getOrDefault("runs", "runs/accuracy-v2"));
        double[] weights = Stream.of(
                        a.getOrDefault("weights", "0.0001,0.001,0.01,0.1,1").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(runs)) {
            s.filter(p -> p.getFileName().toString().contains("dspsvdd") && Files.isDirectory(p.resolve("checkpoint")))
                    .sorted()
                    .forEach(dirs::add);
        }
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("--runs must hold DSPSVDD run folders with a checkpoint/, found none in "
                    + runs.toAbsolutePath() + "; run bench/run AccuracyBench first");
        }
        StringBuilder head = new StringBuilder("| run | mu2 | AUROC d | AUROC e |");
        for (double w : weights) {
            head.append(String.format(Locale.ROOT, " d + %s e |", w));
        }
        System.out.println(head);
        System.out.println("|---|---|---|---|" + "---|".repeat(weights.length));
        // the dataset is read once; each class's preprocessed test set once, shared by its runs
        var data = Datasets.load(DatasetId.FASHION_MNIST, Datasets.defaultDataDir());
        Map<String, NDArray> tests = new HashMap<>();
        Map<String, int[]> labels = new HashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Path dir : dirs) {
                try (DeepSvddModel model = DeepSvddModel.load(dir.resolve("checkpoint"))) {
                    DeepSvddConfig cfg = model.config();
                    int cls = Integer.parseInt(dir.getFileName().toString().replaceAll("^.*_c(\\d+)_.*$", "$1"));
                    String key = cls + "/" + cfg.seed();
                    if (!tests.containsKey(key)) {
                        OneClassTask task = OneClassProtocol.split(data, cls, 0.0, cfg.seed(), 0, 0);
                        var pre = Preprocessing.gcnL1MinMax().fit(task.train());
                        tests.put(key, pre.apply(task.test()).toNDArray(manager));
                        labels.put(key, task.testIsAnomaly());
                    }
                    NDArray xt = tests.get(key);
                    int[] y = labels.get(key);
                    System.out.println(row(dir.getFileName().toString(), cfg.mu2(), model, xt, y, weights));
                }
            }
        }
    }

    /** One table row: AUROC of d, of e and of d + w e for each w, and the test normals' mean d and e. */
    private static String row(String run, double mu2, DeepSvddModel model, NDArray xt, int[] y, double[] weights) {
        double[] d = model.distances(xt);
        double[] e = model.reconstructionErrors(xt);
        StringBuilder row = new StringBuilder(String.format(
                Locale.ROOT, "| %s | %s | %.4f | %.4f |", run, mu2, Metrics.rocAuc(y, d), Metrics.rocAuc(y, e)));
        for (double w : weights) {
            double[] s = new double[d.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = d[i] + w * e[i];
            }
            row.append(String.format(Locale.ROOT, " %.4f |", Metrics.rocAuc(y, s)));
        }
        double md = 0, me = 0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 0) {
                md += d[i];
                me += e[i];
                n++;
            }
        }
        return row + String.format(Locale.ROOT, " (test normals: mean d %.4g, mean e %.4g)", md / n, me / n);
    }
}
