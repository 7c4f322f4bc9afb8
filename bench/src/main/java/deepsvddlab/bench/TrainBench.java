package deepsvddlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import deepsvddlab.data.DatasetId;
import deepsvddlab.data.Datasets;
import deepsvddlab.data.FittedPreprocessor;
import deepsvddlab.data.ImageSet;
import deepsvddlab.data.OneClassProtocol;
import deepsvddlab.data.OneClassTask;
import deepsvddlab.data.Preprocessing;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.DeepSvdd;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.DeepSvddModel;
import deepsvddlab.train.History;
import deepsvddlab.train.OptimConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Training speed: the MNIST LeNet Deep SVDD network on Fashion-MNIST class 0 (about 6,000 training
 * normals, 10,000 test images), in DJL (this library, under each memory allocator) and in eager
 * PyTorch from Python (Debian's python3-torch, same thread count, OPENBLAS_NUM_THREADS=1), run as
 * child processes alternating round by round on the same arrays. Prints medians of the per-epoch
 * seconds for AE pretraining and Deep SVDD, the scoring time for the test set, peak RSS, the RSS
 * growth per epoch, and the Java/Python ratios.
 *
 * <p>{@code --net cifar-lenet} (5,000 training and 2,000 test arrays) or {@code --net resnet18} (1,000
 * and 2,000) runs the colour networks instead, on the same seeded uniform 3x32x32 arrays on both sides.
 *
 * <pre>java -cp ... deepsvddlab.bench.TrainBench [--rounds 3] [--ae-epochs 4] [--svdd-epochs 6] [--threads 2] [--net NET]
 * [--batch 200] [--variants tcmalloc,pytorch]</pre>
 */
public final class TrainBench {
    private static final Gson GSON = new Gson();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = BenchUtil.options(
                args,
                "rounds",
                "ae-epochs",
                "svdd-epochs",
                "threads",
                "class",
                "worker",
                "train",
                "n",
                "test",
                "m",
                "net",
                "batch",
                "variants");
        if (a.containsKey("worker")) {
            worker(a);
            return;
        }
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        int aeEpochs = Integer.parseInt(a.getOrDefault("ae-epochs", "4"));
        int svddEpochs = Integer.parseInt(a.getOrDefault("svdd-epochs", "6"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        int normalClass = Integer.parseInt(a.getOrDefault("class", "0"));
        String netName = a.getOrDefault("net", "mnist-lenet");
        NetworkSpec net = network(netName);
        String batch = a.getOrDefault("batch", "200");
        List<String> only = List.of(a.getOrDefault("variants", "").split(","));

        Path dir = Files.createTempDirectory("trainbench");
        Path trainFile = dir.resolve("train.f32");
        Path testFile = dir.resolve("test.f32");
        int nTrain;
        int nTest;
        if (net == NetworkSpec.MNIST_LENET) {
            OneClassTask task = OneClassProtocol.split(
                    Datasets.load(DatasetId.FASHION_MNIST, Datasets.defaultDataDir()), normalClass, 0.0, 0);
            FittedPreprocessor pre = Preprocessing.gcnL1MinMax().fit(task.train());
            ImageSet train = pre.apply(task.train());
            ImageSet test = pre.apply(task.test());
            BenchUtil.writeFloats(trainFile, train.pixels());
            BenchUtil.writeFloats(testFile, test.pixels());
            nTrain = train.size();
            nTest = test.size();
        } else {
            // the same seeded uniform [0, 1) 3x32x32 arrays for both sides (the "same random arrays")
            nTrain = Integer.parseInt(a.getOrDefault("n", net == NetworkSpec.RESNET18 ? "1000" : "5000"));
            nTest = Integer.parseInt(a.getOrDefault("m", "2000"));
            java.util.SplittableRandom rng = new java.util.SplittableRandom(0);
            float[] tr = new float[nTrain * 3 * 32 * 32];
            float[] te = new float[nTest * 3 * 32 * 32];
            for (int i = 0; i < tr.length; i++) {
                tr[i] = (float) rng.nextDouble();
            }
            for (int i = 0; i < te.length; i++) {
                te[i] = (float) rng.nextDouble();
            }
            BenchUtil.writeFloats(trainFile, tr);
            BenchUtil.writeFloats(testFile, te);
        }
        List<String> java = BenchUtil.javaCommand();
        System.out.printf(
                Locale.ROOT,
                "TrainBench: %s on %s, %d train, %d test, %d AE + %d SVDD epochs per run,"
                        + " %d rounds, %d threads, JVM options %s%n",
                net.name(),
                net == NetworkSpec.MNIST_LENET ? "Fashion-MNIST class " + normalClass : "seeded uniform 3x32x32 arrays",
                nTrain,
                nTest,
                aeEpochs,
                svddEpochs,
                rounds,
                threads,
                String.join(" ", java.subList(1, java.size())));

        Map<String, List<String>> variants = new LinkedHashMap<>();
        List<String> javaCmd = new ArrayList<>(java);
        javaCmd.addAll(List.of(
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + threads,
                "-cp",
                System.getProperty("java.class.path"),
                TrainBench.class.getName(),
                "--worker",
                "1",
                "--train",
                trainFile.toString(),
                "--n",
                "" + nTrain,
                "--test",
                testFile.toString(),
                "--m",
                "" + nTest,
                "--ae-epochs",
                "" + aeEpochs,
                "--svdd-epochs",
                "" + svddEpochs,
                "--net",
                netName,
                "--batch",
                batch));
        variants.put("djl (glibc malloc)", javaCmd);
        Map<String, String> preloads = new LinkedHashMap<>();
        preloads.put("djl (jemalloc)", "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2");
        preloads.put("djl (tcmalloc)", "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");
        List<String> pyCmd = List.of(
                BenchUtil.python(),
                Path.of("bench", "python", "train_bench.py").toString(),
                "--train",
                trainFile.toString(),
                "--n",
                "" + nTrain,
                "--test",
                testFile.toString(),
                "--m",
                "" + nTest,
                "--ae-epochs",
                "" + aeEpochs,
                "--svdd-epochs",
                "" + svddEpochs,
                "--threads",
                "" + threads,
                "--net",
                netName,
                "--batch",
                batch);
        variants.put("pytorch eager (python)", pyCmd);
        if (!only.equals(List.of(""))) {
            // --variants glibc,tcmalloc,pytorch: only the variants whose name holds one of these words
            variants.keySet().removeIf(v -> only.stream().noneMatch(v::contains));
            preloads.keySet().removeIf(v -> only.stream().noneMatch(v::contains));
        }

        Map<String, List<JsonObject>> results = new LinkedHashMap<>();
        try {
            for (int r = 1; r <= rounds; r++) {
                for (Map.Entry<String, List<String>> v : variants.entrySet()) {
                    runVariant(v.getKey(), v.getValue(), Map.of(), results, r);
                }
                for (Map.Entry<String, String> p : preloads.entrySet()) {
                    if (Files.exists(Path.of(p.getValue()))) {
                        runVariant(p.getKey(), javaCmd, Map.of("LD_PRELOAD", p.getValue()), results, r);
                    }
                }
            }
        } finally {
            BenchUtil.deleteTree(dir); // the two float32 files (50 MB) the workers read
        }
        report(results, aeEpochs, svddEpochs);
    }

    private static void runVariant(
            String name, List<String> cmd, Map<String, String> env, Map<String, List<JsonObject>> results, int round)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("{")) {
                    last = line;
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || last == null) {
            System.out.printf("  round %d %-24s failed (exit %d)%n", round, name, rc);
            return;
        }
        JsonObject o = GSON.fromJson(last, JsonObject.class);
        results.computeIfAbsent(name, k -> new ArrayList<>()).add(o);
        System.out.printf(
                Locale.ROOT,
                "  round %d %-24s AE %.2f s/epoch, SVDD %.2f s/epoch, score %.2f s%n",
                round,
                name,
                BenchUtil.median(doubles(o, "ae")),
                BenchUtil.median(doubles(o, "svdd")),
                BenchUtil.median(doubles(o, "score")));
    }

    private static double[] doubles(JsonObject o, String key) {
        var arr = o.getAsJsonArray(key);
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).getAsDouble();
        }
        return out;
    }

    /** Median over all epochs of all rounds, skipping each run's first epoch (warm-up). */
    private static double pooled(List<JsonObject> runs, String key) {
        List<Double> all = new ArrayList<>();
        for (JsonObject o : runs) {
            double[] v = doubles(o, key);
            for (int i = v.length > 1 ? 1 : 0; i < v.length; i++) {
                all.add(v[i]);
            }
        }
        return BenchUtil.median(all);
    }

    private static void report(Map<String, List<JsonObject>> results, int aeEpochs, int svddEpochs) {
        List<JsonObject> py = results.get("pytorch eager (python)");
        double pyAe = py == null ? Double.NaN : pooled(py, "ae");
        double pySvdd = py == null ? Double.NaN : pooled(py, "svdd");
        double pyScore = py == null ? Double.NaN : pooled(py, "score");
        System.out.println();
        System.out.println(
                "| variant | AE s/epoch | SVDD s/epoch | score 10k s | peak RSS MB | RSS growth MB/epoch | AE ratio | SVDD ratio | score ratio | est. 150+150 schedule |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<JsonObject>> e : results.entrySet()) {
            double ae = pooled(e.getValue(), "ae");
            double svdd = pooled(e.getValue(), "svdd");
            double score = pooled(e.getValue(), "score");
            double rss = e.getValue().stream()
                    .mapToDouble(o -> o.get("peak_rss_mb").getAsDouble())
                    .max()
                    .orElse(Double.NaN);
            double growth = e.getValue().stream()
                    .filter(o -> o.has("rss_growth_mb_per_epoch"))
                    .mapToDouble(o -> o.get("rss_growth_mb_per_epoch").getAsDouble())
                    .average()
                    .orElse(Double.NaN);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.3f | %.3f | %.3f | %.0f | %s | %.2f | %.2f | %.2f | %.1f min |%n",
                    e.getKey(),
                    ae,
                    svdd,
                    score,
                    rss,
                    Double.isNaN(growth) ? "-" : String.format(Locale.ROOT, "%.2f", growth),
                    ae / pyAe,
                    svdd / pySvdd,
                    score / pyScore,
                    (150 * ae + 150 * svdd + score) / 60);
        }
        System.out.println(
                "(ratios: variant / eager PyTorch; medians over epochs 2.. of every round; lower is better)");
    }

    /** One measured run in this process; prints one JSON line. */
    private static NetworkSpec network(String name) {
        return switch (name) {
            case "mnist-lenet" -> NetworkSpec.MNIST_LENET;
            case "cifar-lenet" -> NetworkSpec.CIFAR_LENET;
            case "resnet18" -> NetworkSpec.RESNET18;
            default ->
                throw new IllegalArgumentException(
                        "--net must be mnist-lenet, cifar-lenet or resnet18, found '" + name + "'");
        };
    }

    private static void worker(Map<String, String> a) {
        int n = Integer.parseInt(a.get("n"));
        int m = Integer.parseInt(a.get("m"));
        NetworkSpec net = network(a.getOrDefault("net", "mnist-lenet"));
        int aeEpochs = Integer.parseInt(a.get("ae-epochs"));
        int svddEpochs = Integer.parseInt(a.get("svdd-epochs"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "200"));
        DeepSvddConfig cfg = DeepSvddConfig.builder(net)
                .pretrain(
                        OptimConfig.referencePretraining().withEpochs(aeEpochs).withBatchSize(batch))
                .train(OptimConfig.referenceSvdd().withEpochs(svddEpochs).withBatchSize(batch))
                .seed(0)
                .build();
        List<Double> rss = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray train = manager.create(BenchUtil.readFloats(Path.of(a.get("train"))), net.inputShape(n));
            NDArray test = manager.create(BenchUtil.readFloats(Path.of(a.get("test"))), net.inputShape(m));
            try (DeepSvddModel model =
                    new DeepSvdd(cfg).fit(train, r -> rss.add(BenchUtil.procStatusMb("VmRSS")), () -> false)) {
                History h = model.history();
                double[] score = new double[3];
                for (int i = 0; i < score.length; i++) {
                    long t0 = System.nanoTime();
                    model.score(test);
                    score[i] = (System.nanoTime() - t0) / 1e9;
                }
                JsonObject o = new JsonObject();
                o.add(
                        "ae",
                        GSON.toJsonTree(h.phase("pretrain").stream()
                                .mapToDouble(r -> r.seconds())
                                .toArray()));
                o.add(
                        "svdd",
                        GSON.toJsonTree(h.phase("svdd").stream()
                                .mapToDouble(r -> r.seconds())
                                .toArray()));
                o.add("score", GSON.toJsonTree(score));
                o.addProperty("peak_rss_mb", BenchUtil.procStatusMb("VmHWM"));
                // growth over the SVDD epochs (after the first), where memory must stay flat
                int k = rss.size();
                if (svddEpochs >= 3) {
                    int from = k - svddEpochs + 1;
                    o.addProperty("rss_growth_mb_per_epoch", (rss.get(k - 1) - rss.get(from)) / (k - 1 - from));
                }
                System.out.println(GSON.toJson(o));
            }
        }
    }
}
