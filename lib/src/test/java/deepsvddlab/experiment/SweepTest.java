package deepsvddlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepsvddlab.data.DatasetId;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folders, resuming, the shared pretrained autoencoder, on a tiny Fashion-MNIST-shaped data set. */
class SweepTest {
    @TempDir
    static Path data;

    @BeforeAll
    static void dataSet() throws Exception {
        TinyData.fashion(data);
    }

    static ExperimentConfig config(DeepSvddConfig.Method method, int normalClass) {
        OptimConfig o = new OptimConfig(2, 1e-3, 1e-6, List.of(), 0.1, 30);
        DeepSvddConfig m = DeepSvddConfig.builder(NetworkSpec.MNIST_LENET)
                .method(method)
                .mu(1, 0.1)
                .pretrain(o)
                .train(o)
                .seed(3)
                .build();
        return new ExperimentConfig(DatasetId.FASHION_MNIST, normalClass, 0.0, "gcn-l1-minmax", 0, 0, m);
    }

    @Test
    void sweepWritesRunFoldersResumesAndSharesThePretrainedAutoencoder(@TempDir Path runs) throws Exception {
        List<ExperimentConfig> configs =
                List.of(config(DeepSvddConfig.Method.DEEP_SVDD, 1), config(DeepSvddConfig.Method.DSPSVDD, 1));
        AtomicInteger epochs = new AtomicInteger();
        ProgressListener count = r -> epochs.incrementAndGet();
        List<RunResult> first = Sweep.run(configs, data, runs, count, () -> false, s -> {});
        // one pretraining (2 epochs) shared by both runs, then 2 epochs each
        assertEquals(2 + 2 + 2, epochs.get());
        for (RunResult r : first) {
            assertFalse(r.cached());
            for (String f : List.of(
                    "config.json",
                    "history.csv",
                    "scores.csv",
                    "results.json",
                    "checkpoint/model.json",
                    "checkpoint/model.params")) {
                assertTrue(Files.isRegularFile(r.dir().resolve(f)), r.dir() + " lacks " + f);
            }
            assertTrue(r.metric("auroc") > 0.5, "AUROC " + r.metric("auroc"));
        }
        try (var dirs = Files.list(runs.resolve("_pretrained"))) {
            Path cache = dirs.findFirst().orElseThrow();
            // the cache key names the layer layout, so a cache of another layout is never reused
            var key = deepsvddlab.io.Json.read(cache.resolve("key.json"));
            NetworkSpec net = configs.get(0).detector().network();
            try (ai.djl.Model probe = deepsvddlab.nn.Networks.newModel("probe", net.autoencoder(), net, 0)) {
                assertEquals(
                        deepsvddlab.nn.Networks.parameterSignature(probe.getBlock()),
                        deepsvddlab.io.Json.GSON.fromJson(key.get("parameters"), List.class));
            }
        }
        try (var dirs = Files.list(runs.resolve("_pretrained"))) {
            assertEquals(1, dirs.count());
        }
        assertTrue(Files.isRegularFile(runs.resolve("summary.csv")));

        epochs.set(0);
        List<RunResult> again = Sweep.run(configs, data, runs, count, () -> false, s -> {});
        assertEquals(0, epochs.get(), "finished runs must not be redone");
        for (int i = 0; i < 2; i++) {
            assertTrue(again.get(i).cached());
            assertEquals(first.get(i).metric("auroc"), again.get(i).metric("auroc"));
        }
    }

    @Test
    void anInterruptedRunRecordsNothingAsFinished(@TempDir Path runs) {
        ExperimentConfig c = config(DeepSvddConfig.Method.DEEP_SVDD, 2);
        AtomicInteger epochs = new AtomicInteger();
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Experiment.run(c, data, runs, r -> epochs.incrementAndGet(), () -> epochs.get() >= 3));
        assertTrue(e.getMessage().contains("stopped"), e.getMessage());
        assertFalse(Files.exists(Experiment.runDir(c, data, runs).resolve(Experiment.RESULTS)));
        RunResult r = Experiment.run(c, data, runs, ProgressListener.none(), () -> false);
        assertFalse(r.cached());
        assertTrue(Files.exists(r.dir().resolve(Experiment.RESULTS)));
    }

    @Test
    void badConfigurationsAreExplained() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ExperimentConfig(
                        DatasetId.FASHION_MNIST,
                        0,
                        1.0,
                        "gcn-l1-minmax",
                        0,
                        0,
                        0,
                        config(DeepSvddConfig.Method.DEEP_SVDD, 0).detector()));
        assertTrue(e.getMessage().startsWith("pollution must be"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new ExperimentConfig(
                        DatasetId.FASHION_MNIST,
                        0,
                        0.0,
                        "zca",
                        0,
                        0,
                        0,
                        config(DeepSvddConfig.Method.DEEP_SVDD, 0).detector()));
        assertTrue(e.getMessage().contains("preprocessing must be"), e.getMessage());
    }

    @Test
    void shardsAreDisjointCoverTheSweepAndKeepAClassAndSeedTogether() {
        List<ExperimentConfig> all = new java.util.ArrayList<>();
        for (long seed : new long[] {0, 1}) {
            for (int c = 0; c < 5; c++) {
                for (DeepSvddConfig.Method m : DeepSvddConfig.Method.values()) {
                    all.add(config(m, c).withSeed(seed));
                }
            }
        }
        java.util.Set<ExperimentConfig> seen = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            List<ExperimentConfig> part = Sweep.shard(all, i, 3);
            for (ExperimentConfig c : part) {
                assertTrue(seen.add(c), "in two shards: " + c.prefix());
                // the other method of the same class and seed is in the same shard
                assertEquals(
                        2,
                        part.stream()
                                .filter(o -> o.normalClass() == c.normalClass() && o.seed() == c.seed())
                                .count());
            }
        }
        assertEquals(all.size(), seen.size());
        for (int[] bad : new int[][] {{3, 3}, {-1, 3}, {0, 0}}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Sweep.shard(all, bad[0], bad[1]));
            assertTrue(e.getMessage().startsWith("shard must be I/N with 0 <= I < N"), e.getMessage());
        }
    }
}
