package deepsvddlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import deepsvddlab.data.DatasetId;
import deepsvddlab.experiment.DetectorSpec.FeatureSource;
import deepsvddlab.io.Json;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.ocnn.OcnnConfig;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.Objective;
import deepsvddlab.svdd.RadiusUpdate;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run identity, every method through one experiment layer, thresholded metrics, summaries from run folders. */
class ExperimentTest {
    @TempDir
    static Path data;

    static final OptimConfig O = new OptimConfig(2, 1e-3, 1e-6, List.of(), 0.1, 30);

    @BeforeAll
    static void dataSet() throws Exception {
        TinyData.fashion(data);
    }

    static DeepSvddConfig.Builder svdd() {
        return DeepSvddConfig.builder(NetworkSpec.MNIST_LENET).pretrain(O).train(O);
    }

    static ExperimentConfig exp(DetectorSpec spec) {
        return new ExperimentConfig(DatasetId.FASHION_MNIST, 1, 0.0, "gcn-l1-minmax", 0, 0, 3, spec);
    }

    @Test
    void changingAnyFieldGivesANewRunFolder() {
        DeepSvddConfig base = svdd().method(DeepSvddConfig.Method.DSPSVDD)
                .objective(Objective.SOFT_BOUNDARY)
                .build();
        ExperimentConfig e = exp(new DetectorSpec.Svdd(base));
        List<ExperimentConfig> variants = new ArrayList<>();
        variants.add(new ExperimentConfig(DatasetId.MNIST_10K, 1, 0.0, "gcn-l1-minmax", 0, 0, 3, e.detector()));
        variants.add(new ExperimentConfig(DatasetId.FASHION_MNIST, 2, 0.0, "gcn-l1-minmax", 0, 0, 3, e.detector()));
        variants.add(new ExperimentConfig(DatasetId.FASHION_MNIST, 1, 0.05, "gcn-l1-minmax", 0, 0, 3, e.detector()));
        variants.add(new ExperimentConfig(DatasetId.FASHION_MNIST, 1, 0.0, "scale255", 0, 0, 3, e.detector()));
        variants.add(new ExperimentConfig(DatasetId.FASHION_MNIST, 1, 0.0, "gcn-l1-minmax", 100, 0, 3, e.detector()));
        variants.add(new ExperimentConfig(DatasetId.FASHION_MNIST, 1, 0.0, "gcn-l1-minmax", 0, 100, 3, e.detector()));
        variants.add(e.withSeed(4));
        List<DeepSvddConfig> models = new ArrayList<>();
        models.add(base.toBuilder().method(DeepSvddConfig.Method.DEEP_SVDD).build());
        models.add(base.toBuilder().objective(Objective.ONE_CLASS).build());
        models.add(base.toBuilder().nu(0.05).build());
        models.add(base.toBuilder().centerEps(0.2).build());
        models.add(base.toBuilder().warmUpEpochs(3).build());
        models.add(base.toBuilder().radiusUpdate(RadiusUpdate.PER_BATCH).build());
        models.add(base.toBuilder().mu(2, 0.1).build());
        models.add(base.toBuilder().mu(1, 0.2).build());
        models.add(base.toBuilder()
                .dspScore(DeepSvddConfig.DspScore.DISTANCE_PLUS_RECONSTRUCTION, 1.0)
                .build());
        models.add(
                base.toBuilder().dspScore(DeepSvddConfig.DspScore.DISTANCE, 0.5).build());
        for (boolean pre : new boolean[] {true, false}) {
            List<OptimConfig> os = List.of(
                    O.withEpochs(3),
                    O.withLearningRate(2e-3),
                    new OptimConfig(2, 1e-3, 2e-6, List.of(), 0.1, 30),
                    O.withMilestones(List.of(1)),
                    new OptimConfig(2, 1e-3, 1e-6, List.of(), 0.5, 30),
                    O.withBatchSize(31));
            for (OptimConfig o : os) {
                models.add(
                        pre
                                ? base.toBuilder().pretrain(o).build()
                                : base.toBuilder().train(o).build());
            }
        }
        for (DeepSvddConfig m : models) {
            variants.add(exp(new DetectorSpec.Svdd(m)));
        }
        variants.add(exp(new DetectorSpec.Ae(NetworkSpec.MNIST_LENET, O, 0, 0.1)));
        Set<String> names = new HashSet<>();
        String sha = "abc";
        names.add(e.runName(sha));
        for (ExperimentConfig v : variants) {
            assertTrue(names.add(v.runName(sha)), "no new folder for " + v.toMap());
        }
        assertNotEquals(e.runName(sha), e.runName("abd"), "the data's content hash must enter the name");
        assertEquals(e.runName(sha), exp(new DetectorSpec.Svdd(base)).runName(sha), "the same config, the same folder");
        assertTrue(e.runName(sha).startsWith("fashion-mnist_c1_dspsvdd-soft-boundary"), e.runName(sha));
        assertEquals(e.groupKey(sha), e.withSeed(9).groupKey(sha), "seeds share a summary group");
        assertNotEquals(e.groupKey(sha), variants.get(1).groupKey(sha));
    }

    @Test
    void aSoftBoundaryRunWithAnotherNuIsNotAnsweredFromTheCache(@TempDir Path runs) {
        DeepSvddConfig m = svdd().objective(Objective.SOFT_BOUNDARY).nu(0.1).build();
        RunResult a = Experiment.run(exp(new DetectorSpec.Svdd(m)), data, runs, null, null);
        RunResult b =
                Experiment.run(exp(new DetectorSpec.Svdd(m.toBuilder().nu(0.05).build())), data, runs, null, null);
        assertFalse(b.cached(), "nu 0.05 after nu 0.1 must run, not report the old result");
        assertNotEquals(a.dir(), b.dir());
        JsonObject cfg = Json.read(b.dir().resolve("config.json"));
        assertEquals(
                0.05,
                cfg.getAsJsonObject("experiment")
                        .getAsJsonObject("detector")
                        .get("nu")
                        .getAsDouble());
        assertEquals("cpu", cfg.getAsJsonObject("provenance").get("device").getAsString());
        assertTrue(Experiment.run(exp(new DetectorSpec.Svdd(m)), data, runs, null, null)
                .cached());
    }

    @Test
    void everyMethodRunsThroughTheOneLayerWithThresholdedMetrics(@TempDir Path runs) throws Exception {
        DeepSvddConfig sv = svdd().build();
        OcnnConfig oc = OcnnConfig.builder()
                .network(NetworkSpec.MNIST_LENET)
                .pretrain(O)
                .train(O)
                .build();
        List<DetectorSpec> specs = List.of(
                new DetectorSpec.Svdd(sv),
                new DetectorSpec.Svdd(
                        sv.toBuilder().method(DeepSvddConfig.Method.DSPSVDD).build()),
                new DetectorSpec.Svdd(
                        sv.toBuilder().objective(Objective.SOFT_BOUNDARY).build()),
                new DetectorSpec.Ocnn(oc),
                new DetectorSpec.Ae(NetworkSpec.MNIST_LENET, O, 0, 0.1),
                new DetectorSpec.Shallow(
                        Method.ISOLATION_FOREST, FeatureSource.PIXELS, null, 50, 64, 0.1, Double.NaN, 0),
                new DetectorSpec.Shallow(Method.OCSVM, FeatureSource.AE_CODES, sv, 100, 256, 0.1, Double.NaN, 0),
                new DetectorSpec.Shallow(
                        Method.ISOLATION_FOREST, FeatureSource.DEEP_SVDD, sv, 50, 64, 0.1, Double.NaN, 0));
        List<ExperimentConfig> configs = specs.stream().map(ExperimentTest::exp).toList();
        List<RunResult> results = Sweep.run(configs, data, runs, ProgressListener.none(), () -> false, s -> {});
        assertEquals(specs.size(), results.size());
        for (RunResult r : results) {
            // OCNN's 2-epoch head has not learned yet (OcnnTest checks its ranking); the others have
            assertTrue(
                    r.method().startsWith("ocnn") ? Double.isFinite(r.metric("auroc")) : r.metric("auroc") > 0.6,
                    r.name() + " AUROC " + r.metric("auroc"));
            for (String k : List.of(
                    "prAuc", "fprAt95Tpr", "accuracy", "precision", "recall", "f1", "mcc", "f1NormalPositive")) {
                assertTrue(Double.isFinite(r.metric(k)), r.name() + " lacks " + k);
            }
            JsonObject res = Json.read(r.dir().resolve(Experiment.RESULTS));
            String rule = res.getAsJsonObject("threshold").get("rule").getAsString();
            assertEquals(r.name().contains("soft-boundary") ? "RADIUS" : "TRAIN_QUANTILE", rule, r.name());
            assertTrue(Files.isRegularFile(r.dir().resolve("scores.csv")));
        }
        // one pretrained autoencoder for the whole sweep: every method above shares it
        try (var dirs = Files.list(runs.resolve("_pretrained"))) {
            assertEquals(1, dirs.count());
        }
    }

    @Test
    void thresholdMetricsNameThePositiveClass() {
        // 2 normals (0), 3 anomalies (1); predictions: tn 1, fp 1, fn 1, tp 2
        int[] labels = {0, 0, 1, 1, 1};
        int[] pred = {0, 1, 0, 1, 1};
        var m = Experiment.thresholdMetrics(labels, pred);
        assertEquals(2.0 / 3, m.get("precision"), 1e-12);
        assertEquals(2.0 / 3, m.get("recall"), 1e-12);
        assertEquals(2.0 / 3, m.get("f1"), 1e-12);
        // normal positive: tp 1, fp 1 (an anomaly called normal), fn 1 -> F1 0.5
        assertEquals(0.5, m.get("f1NormalPositive"), 1e-12);
        assertEquals(3.0 / 5, m.get("accuracy"), 1e-12);
    }

    @Test
    void summariesAreRebuiltFromEveryFinishedRunFolder(@TempDir Path runs) throws Exception {
        DetectorSpec forest = new DetectorSpec.Shallow(
                Method.ISOLATION_FOREST, FeatureSource.PIXELS, null, 20, 64, 0.1, Double.NaN, 0);
        Sweep.run(List.of(exp(forest), exp(forest).withSeed(4)), data, runs, null, () -> false, s -> {});
        // a single run afterwards must not wipe the sweep's rows
        Sweep.run(
                List.of(new ExperimentConfig(DatasetId.FASHION_MNIST, 2, 0.0, "gcn-l1-minmax", 0, 0, 3, forest)),
                data,
                runs,
                null,
                () -> false,
                s -> {});
        List<String> summary = Files.readAllLines(runs.resolve("summary.csv"));
        assertEquals(
                1 + 2 + 1, summary.size(), "two groups and their mean over classes:\n" + String.join("\n", summary));
        List<RunResult> all = Sweep.finishedRuns(runs);
        assertEquals(3, all.size());
        assertEquals(1 + 3, Files.readAllLines(runs.resolve("runs.csv")).size());
        var table = Sweep.summary(all);
        int row = table.stringColumn("group")
                .indexOf(all.stream()
                        .filter(r -> r.normalClass() == 1)
                        .findFirst()
                        .orElseThrow()
                        .group());
        assertEquals(2, table.intColumn("seeds").get(row));
        double mean = all.stream()
                .filter(r -> r.normalClass() == 1)
                .mapToDouble(r -> r.metric("auroc"))
                .average()
                .orElseThrow();
        assertEquals(mean, table.doubleColumn("auroc mean").get(row), 1e-12);
        int overClasses = table.intColumn("class").indexOf(-1);
        double class2 = all.stream()
                .filter(r -> r.normalClass() == 2)
                .findFirst()
                .orElseThrow()
                .metric("auroc");
        assertEquals((mean + class2) / 2, table.doubleColumn("auroc mean").get(overClasses), 1e-12);
        assertEquals(1, table.intColumn("seeds").get(overClasses), "the fewest seeds of a class");
    }

    @Test
    void aResultsFileCutInHalfIsNotTrustedButRedone(@TempDir Path runs) throws Exception {
        DetectorSpec forest = new DetectorSpec.Shallow(
                Method.ISOLATION_FOREST, FeatureSource.PIXELS, null, 20, 64, 0.1, Double.NaN, 0);
        RunResult r = Experiment.run(exp(forest), data, runs, null, null);
        Path f = r.dir().resolve(Experiment.RESULTS);
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() / 2));
        assertTrue(Sweep.finishedRuns(runs).isEmpty(), "a damaged record is not a finished run");
        RunResult again = Experiment.run(exp(forest), data, runs, null, null);
        assertFalse(again.cached());
        assertEquals(r.metric("auroc"), again.metric("auroc"), "the same seed gives the same scores");
    }

    @Test
    void aNetworkThatDoesNotFitTheDataIsRefusedUpFrontNamingBothShapes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ExperimentConfig(
                        DatasetId.CIFAR10, 0, 0, "gcn-l1-minmax", 0, 0, 0, new DetectorSpec.Svdd(svdd().build())));
        assertTrue(
                e.getMessage()
                        .contains("dataset cifar10 has 3x32x32 images, so the network must take 3x32x32, found"
                                + " MNIST_LENET (1x28x28); use --net cifar-lenet"),
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new ExperimentConfig(
                        DatasetId.FASHION_MNIST,
                        0,
                        0,
                        "gcn-l1-minmax",
                        0,
                        0,
                        0,
                        new DetectorSpec.Svdd(
                                DeepSvddConfig.builder(NetworkSpec.CIFAR_LENET).build())));
        assertTrue(e.getMessage().contains("found CIFAR_LENET (3x32x32); use --net mnist-lenet"), e.getMessage());
        new ExperimentConfig(
                DatasetId.SYNTHETIC_COLOUR,
                0,
                0,
                "gcn-l1-minmax",
                0,
                0,
                0,
                new DetectorSpec.Svdd(
                        DeepSvddConfig.builder(NetworkSpec.CIFAR_LENET).build()));
        // pixel baselines need no network and stay allowed
        new ExperimentConfig(
                DatasetId.CIFAR10,
                0,
                0,
                "gcn-l1-minmax",
                0,
                0,
                0,
                new DetectorSpec.Shallow(Method.OCSVM, FeatureSource.PIXELS, null, 100, 256, 0.1, Double.NaN, 0));
    }

    @Test
    void aBatchLargerThanTheTrainingSetIsRefused(@TempDir Path runs) {
        DeepSvddConfig m = svdd().train(O.withBatchSize(10_000)).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Experiment.run(exp(new DetectorSpec.Svdd(m)), data, runs, null, null));
        assertTrue(e.getMessage().startsWith("batch size must be at most"), e.getMessage());
    }

    @Test
    void aNotebookWritesTheSameRunRecordAsTheCommandLineWithOneCall(@TempDir Path tmp) throws Exception {
        DeepSvddConfig cfg = svdd().seed(3).build();
        ExperimentConfig e = exp(new DetectorSpec.Svdd(cfg));
        // the notebook's own steps: load, split, preprocess, fit
        var task = deepsvddlab.data.OneClassProtocol.split(
                deepsvddlab.data.Datasets.load(DatasetId.FASHION_MNIST, data), 1, 0.0, 3, 0, 0);
        var pre = deepsvddlab.data.Preprocessing.gcnL1MinMax().fit(task.train());
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
                var model = new deepsvddlab.svdd.DeepSvdd(cfg)
                        .fit(pre.apply(task.train()).toNDArray(m), null, null)) {
            RunResult recorded = Experiment.record(e, data, tmp.resolve("notebook"), model);
            RunResult ran = Experiment.run(e, data, tmp.resolve("cli"), null, null);
            assertEquals(ran.dir().getFileName(), recorded.dir().getFileName(), "the same folder name");
            assertEquals(ran.metrics(), recorded.metrics(), "the same scores, so the same metrics");
            assertEquals(
                    Files.readString(ran.dir().resolve("scores.csv")),
                    Files.readString(recorded.dir().resolve("scores.csv")));
            assertEquals(1, recorded.table().rowCount());
            try (var back = (deepsvddlab.svdd.DeepSvddModel)
                    RunResult.loadIfFinished(recorded.dir()).loadModel()) {
                assertEquals(model.radius(), back.radius());
            }
            IllegalArgumentException bad = assertThrows(
                    IllegalArgumentException.class,
                    () -> Experiment.record(e.withSeed(4), data, tmp.resolve("other"), model));
            assertTrue(
                    bad.getMessage().startsWith("model must be fitted with the experiment's detector configuration"),
                    bad.getMessage());
        }
    }

    @Test
    void anOcnnRunThatPretrainsRecordsEachPretrainingEpochOnce(@TempDir Path runs) throws Exception {
        OcnnConfig oc = OcnnConfig.builder()
                .network(NetworkSpec.MNIST_LENET)
                .pretrain(O)
                .train(O)
                .build();
        RunResult r = Experiment.run(exp(new DetectorSpec.Ocnn(oc)), data, runs, null, null);
        List<String> lines = Files.readAllLines(r.dir().resolve("history.csv"));
        assertEquals(
                O.epochs(),
                lines.stream().filter(l -> l.startsWith("pretrain,")).count(),
                String.join("\n", lines));
        assertEquals(
                O.epochs(), lines.stream().filter(l -> l.startsWith("ocnn,")).count());
    }

    @Test
    void aLessonGetsTheCommandLinesPretrainedAutoencoderWithItsHistoryAndTheSameScores(@TempDir Path tmp)
            throws Exception {
        DeepSvddConfig cfg = svdd().seed(3).build();
        ExperimentConfig e = exp(new DetectorSpec.Svdd(cfg));
        Path runs = tmp.resolve("runs");
        var task = deepsvddlab.data.OneClassProtocol.split(
                deepsvddlab.data.Datasets.load(DatasetId.FASHION_MNIST, data), 1, 0.0, 3, 0, 0);
        var pre = deepsvddlab.data.Preprocessing.gcnL1MinMax().fit(task.train());
        double[] inProcess;
        double[] fromCache;
        String[] pretrainLoss = new String[2];
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            var x = pre.apply(task.train()).toNDArray(m);
            var xt = pre.apply(task.test()).toNDArray(m);
            try (var model = new deepsvddlab.svdd.DeepSvdd(cfg).fit(x, null, null)) {
                inProcess = model.score(xt);
            }
            // the first call pretrains and fills the cache, the second loads it; both give the same model
            List<String> phases = new ArrayList<>();
            var first = Experiment.pretrained(e, data, runs, r -> phases.add(r.phase()), null);
            assertEquals(O.epochs(), phases.size(), "the first call pretrains");
            pretrainLoss[0] = java.util.Arrays.toString(first.history().series("pretrain", "loss"));
            first.close();
            phases.clear();
            var cached = Experiment.pretrained(e, data, runs, r -> phases.add(r.phase()), null);
            assertEquals(List.of(), phases, "the second call trains nothing");
            pretrainLoss[1] = java.util.Arrays.toString(cached.history().series("pretrain", "loss"));
            try (var model = new deepsvddlab.svdd.DeepSvdd(cfg).fit(x, cached, null, null)) {
                fromCache = model.score(xt);
                assertEquals(O.epochs(), model.history().phase("pretrain").size(), "the cached history is shown");
            }
        }
        assertEquals(pretrainLoss[0], pretrainLoss[1], "the cached history is the pretraining's own");
        assertTrue(java.util.Arrays.equals(inProcess, fromCache), "identical Deep SVDD scores");
        // the command line's run finds the lesson's cache entry: it pretrains nothing
        List<String> phases = new ArrayList<>();
        Experiment.run(e, data, runs, r -> phases.add(r.phase()), null);
        assertFalse(phases.contains("pretrain"), phases.toString());
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class,
                () -> Experiment.pretrained(
                        exp(new DetectorSpec.Shallow(
                                Method.ISOLATION_FOREST, FeatureSource.PIXELS, null, 10, 32, 0.1, Double.NaN, 0)),
                        data,
                        runs,
                        null,
                        null));
        assertTrue(bad.getMessage().contains("must start from a pretrained autoencoder"), bad.getMessage());
    }

    @Test
    void aRunsFigureSetIsDrawnFromItsFolderWithOneCall(@TempDir Path runs) throws Exception {
        DeepSvddConfig cfg = svdd().method(DeepSvddConfig.Method.DSPSVDD).build();
        RunResult r = Experiment.run(exp(new DetectorSpec.Svdd(cfg)), data, runs, null, null);
        var charts = deepsvddlab.report.RunFigures.charts(r);
        assertEquals(
                List.of("roc", "pr", "scores", "confusion", "loss-pretrain", "loss-dspsvdd"),
                List.copyOf(charts.keySet()));
        JsonObject results = Json.read(r.dir().resolve("results.json"));
        double threshold = results.getAsJsonObject("threshold").get("value").getAsDouble();
        assertEquals(threshold, charts.get("scores").verticalLines()[0], "the run's own threshold is drawn");
        // the confusion matrix counts the run's predictions: its accuracy is the recorded one
        double[][] cm = ((deepsvddlab.display.Chart.Heatmap)
                        charts.get("confusion").series().get(0))
                .z();
        double n = cm[0][0] + cm[0][1] + cm[1][0] + cm[1][1];
        assertEquals(r.metric("accuracy"), (cm[0][0] + cm[1][1]) / n, 1e-12);
        assertTrue(
                charts.get("roc")
                        .series()
                        .get(0)
                        .name()
                        .contains(String.format(java.util.Locale.ROOT, "%.3f", r.metric("auroc"))),
                charts.get("roc").series().get(0).name());
        List<String> terms = charts.get("loss-dspsvdd").series().stream()
                .map(deepsvddlab.display.Chart.Series::name)
                .toList();
        assertTrue(terms.contains("svdd") && terms.contains("recon"), "each DSPSVDD term: " + terms);
        List<Path> pngs = deepsvddlab.report.RunFigures.write(r);
        for (Path png : pngs) {
            assertTrue(Files.size(png) > 1000, png + " is written");
            assertTrue(Files.isRegularFile(Path.of(png.toString().replace(".png", ".html"))));
        }
        assertEquals(r.dir().resolve("figures"), pngs.get(0).getParent());
    }
}
