package deepsvddlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepsvddlab.data.IdxWriter;
import deepsvddlab.experiment.RunResult;
import deepsvddlab.experiment.Sweep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help that runs nothing, refused options with the fix, exit codes, runs and sweeps that compose. */
class MainTest {
    @TempDir
    static Path data;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void dataSet() throws Exception {
        Path dir = data.resolve("fashion-mnist");
        Files.createDirectories(dir);
        for (String part : List.of("train", "t10k")) {
            int n = part.equals("train") ? 600 : 200;
            SplittableRandom rng = new SplittableRandom(part.length());
            byte[] px = new byte[n * 784];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 10;
                for (int p = 0; p < 784; p++) {
                    px[i * 784 + p] = (byte)
                            ((p / 28 >= 2 * labels[i] && p / 28 < 2 * labels[i] + 6 ? 180 : 20) + rng.nextInt(40));
                }
            }
            IdxWriter.writeImages(dir.resolve(part + "-images-idx3-ubyte.gz"), px, n, 28, 28);
            IdxWriter.writeLabels(dir.resolve(part + "-labels-idx1-ubyte.gz"), labels);
        }
    }

    @Test
    void helpPrintsUsageAndRunsNothing(@TempDir Path runs) {
        for (String cmd : List.of("run", "sweep", "runs", "summary")) {
            Result r = cli(cmd, "--help", "--out", runs.resolve("x").toString());
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().startsWith("Usage: dsvdd " + cmd), r.out());
            assertFalse(r.out().contains("%n"), "every description formats: " + r.out());
        }
        assertTrue(cli("run", "--help").out().replaceAll("\\s+", " ").contains("20% of each class"));
        assertFalse(Files.exists(runs.resolve("x")), "--help must not start a run");
        Result top = cli();
        assertEquals(Main.USAGE, top.code());
        assertTrue(top.err().contains("Exit codes"), top.err());
    }

    @Test
    void aMistypedOptionIsRefusedWithTheClosestNames() {
        Result r = cli("run", "--mu", "3", "--data", data.toString());
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("Unknown option") && r.err().contains("--mu1"), r.err());
    }

    @Test
    void badValuesNameTheOptionTheRuleAndTheFix() {
        String[][] cases = {
            {"--nu", "1.5", "--nu must be in (0, 1], found 1.5; "},
            {"--mu2", "-1", "--mu1 and --mu2 must be >= 0"},
            {"--mu2", "balance", "--mu2 must be a number >= 0 or 'balanced', found 'balance'; for example --mu2 0.1"},
            {"--epochs", "0", "--epochs must be an integer >= 1, found 0; "},
            {"--device", "gpu", "--device: the device gpu needs a GPU the PyTorch engine reports, found none; "},
            {"--device", "cuda", "--device: the device must be cpu, gpu or gpu:N, found 'cuda'; cpu is the default"},
            {"--pollution", "1", "--pollution must be in [0, 1), found 1.0; "},
            {"--method", "ocsmv", "did you mean 'ocsvm'?"},
            {"--class", "Trousers", "did you mean 'Trouser'?"},
            {
                "--net",
                "cifar-lenet",
                "--dataset fashion-mnist has 1x28x28 images, so the network must take 1x28x28,"
                        + " found CIFAR_LENET (3x32x32); use --net mnist-lenet"
            },
            {
                "--net",
                "resnet",
                "--net must be mnist-lenet, cifar-lenet, resnet18 or mlp, found 'resnet'; pick one; did you mean 'resnet18'?"
            },
            {"--objective", "soft", "--objective must be one-class or soft-boundary"},
            {"--milestones", "x", "--milestones must be a comma-separated list"},
            {"--pretraining", "rcea", "--pretraining must be ae or rcae, found 'rcea'; pick one; did you mean 'rcae'?"},
            {"--rcae-lambda", "0", "--rcae-lambda must be a number > 0, found 0.0; "},
            {"--rcae-every", "0", "--rcae-every must be an integer >= 1, found 0; "},
            {"--regime", "joined", "--regime must be frozen or joint, found 'joined'"},
            {"--regime", "joint", "--regime must be frozen for deep-svdd (joint is an OCNN regime)"},
            {"--encoder-lr", "-1e-5", "--encoder-lr must be a number > 0, found -1.0E-5; "},
            {"--fine-tune-epoch", "200", "--fine-tune-epoch must be at most the last epoch 150 (or 0), found 200"},
        };
        for (String[] c : cases) {
            Result r = cli("run", c[0], c[1], "--data", data.toString());
            assertEquals(Main.USAGE, r.code(), String.join(" ", c));
            assertTrue(r.err().contains(c[2]), c[0] + ": " + r.err());
        }
    }

    @Test
    void missingDataFailsTheRunWithExitCode1(@TempDir Path empty) {
        Result r = cli(
                "run",
                "--quick",
                "--data",
                empty.toString(),
                "--out",
                empty.resolve("runs").toString());
        assertEquals(Main.FAILED, r.code(), r.err());
        assertTrue(r.err().contains("bin/fetch-data"), r.err());
    }

    @Test
    void aSweepOfEveryMethodThenASingleRunComposeInOneSummary(@TempDir Path runs) throws Exception {
        List<String> common = List.of(
                "--data",
                data.toString(),
                "--out",
                runs.toString(),
                "--ae-epochs",
                "2",
                "--epochs",
                "2",
                "--batch",
                "30",
                "--ae-batch",
                "30");
        List<String> sweep = new ArrayList<>(List.of(
                "sweep",
                "--classes",
                "1,2",
                "--seeds",
                "0,1",
                "--methods",
                "deep-svdd,dspsvdd,ocnn,isolation-forest,ocsvm"));
        sweep.addAll(common);
        Result s = cli(sweep.toArray(String[]::new));
        assertEquals(0, s.code(), s.err());
        assertEquals(20, Sweep.finishedRuns(runs).size());
        List<String> run = new ArrayList<>(List.of("run", "--class", "3", "--method", "ae"));
        run.addAll(common);
        Result r = cli(run.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("figures: ") && r.out().contains("(roc, pr, scores, confusion"), r.out());
        List<RunResult> all = Sweep.finishedRuns(runs);
        assertEquals(21, all.size());
        assertTrue(Files.isRegularFile(runs.resolve("summary-auroc.png")), "the sweep's summary chart");
        Result figures = cli("figures", "--run", all.get(0).dir().toString());
        assertEquals(0, figures.code(), figures.err());
        assertTrue(Files.isRegularFile(all.get(0).dir().resolve("figures").resolve("roc.png")));
        Result notARun = cli("figures", "--run", runs.resolve("nope").toString());
        assertEquals(2, notARun.code());
        assertTrue(notARun.err().contains("--run must be a finished run folder"), notARun.err());
        // summary.csv: one row per (class, method) over both seeds, the single run, and per swept method
        // the mean over its two classes
        List<String> rows = Files.readAllLines(runs.resolve("summary.csv"));
        assertEquals(1 + 10 + 1 + 5, rows.size(), String.join("\n", rows));
        assertTrue(
                rows.stream().skip(1).filter(l -> !l.contains(",ae,")).allMatch(l -> l.split(",")[4].equals("2")),
                "each swept group has 2 seeds:\n" + String.join("\n", rows));
        // the same sweep again redoes nothing
        Result again = cli(sweep.toArray(String[]::new));
        assertEquals(0, again.code());
        assertEquals(
                20, again.out().lines().filter(l -> l.contains("done before")).count(), again.out());
        Result listed = cli("runs", "--out", runs.toString());
        assertEquals(0, listed.code());
        assertEquals(
                21,
                listed.out().lines().filter(l -> l.contains("fashion-mnist_c")).count(),
                listed.out());
        // the published form: one markdown row per method, columns 1, 2, 3 and all
        Result md = cli("summary", "--out", runs.toString(), "--markdown");
        assertEquals(0, md.code(), md.err());
        List<String> mdLines = md.out().lines().toList();
        assertEquals("| dataset | method | 1 | 2 | 3 | all |", mdLines.get(0), md.out());
        assertEquals(2 + 6, mdLines.size(), md.out());
        assertTrue(
                mdLines.stream()
                        .anyMatch(l -> l.startsWith("| fashion-mnist | deep-svdd-one-class | ") && l.contains(" ± ")),
                md.out());
        Result badMetric = cli("summary", "--out", runs.toString(), "--markdown", "--metric", "auc");
        assertEquals(2, badMetric.code());
        assertTrue(badMetric.err().contains("--metric must be one of auroc, prAuc"), badMetric.err());
    }

    @Test
    void theAblationGridRunsResumesAndTabulatesAurocOverSeeds(@TempDir Path runs) throws Exception {
        String[] args = {
            "ablation",
            "--classes",
            "1",
            "--seeds",
            "0,1",
            "--objectives",
            "deep-svdd,ocnn",
            "--nus",
            "0.1",
            "--pollutions",
            "0,0.1",
            "--ae-epochs",
            "2",
            "--epochs",
            "2",
            "--batch",
            "30",
            "--data",
            data.toString(),
            "--out",
            runs.toString()
        };
        Result r = cli(args);
        assertEquals(0, r.code(), r.err());
        // per seed and pollution: AE and RCAE x (deep-svdd joint, ocnn frozen, ocnn joint); no frozen Deep SVDD
        assertTrue(r.out().startsWith("ablation: 24 runs into "), r.out());
        assertEquals(24, Sweep.finishedRuns(runs).size());
        List<String> rows = Files.readAllLines(runs.resolve("ablation.csv"));
        assertEquals(1 + 12, rows.size(), String.join("\n", rows));
        assertEquals(
                "dataset,class,pretraining,objective,regime,nu,pollution,seeds,auroc mean,auroc std,reported",
                rows.get(0));
        assertTrue(rows.stream().skip(1).allMatch(l -> l.split(",")[7].equals("2")), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(l -> l.contains(",rcae,ocnn,joint,0.1,0.1,2,")), String.join("\n", rows));
        assertTrue(rows.stream().noneMatch(l -> l.contains("deep-svdd,frozen")), String.join("\n", rows));
        // the runs of one seed, pollution and pretraining share one autoencoder: 2 x 2 x 2 cache entries
        try (var entries = Files.list(runs.resolve("_pretrained"))) {
            List<String> names = entries.map(e -> e.getFileName().toString()).toList();
            assertEquals(8, names.size(), names.toString());
            assertEquals(4, names.stream().filter(n -> n.contains("-rcae-")).count(), names.toString());
        }
        assertTrue(Files.isRegularFile(runs.resolve("ablation-pollution-fashion-mnist-nu0.1.png")));
        assertTrue(Files.readString(runs.resolve("ablation-wide.csv")).contains("rcae + ocnn joint"));
        Result again = cli(args);
        assertEquals(0, again.code(), again.err());
        assertEquals(
                24, again.out().lines().filter(l -> l.contains("done before")).count(), again.out());
        Result bad = cli("ablation", "--pretrainings", "ae,rcea", "--data", data.toString());
        assertEquals(Main.USAGE, bad.code());
        assertTrue(
                bad.err().contains("--pretrainings must be a comma-separated list of ae, rcae, found 'rcea'"),
                bad.err());
        bad = cli("ablation", "--regimes", "frozen", "--objectives", "deep-svdd", "--data", data.toString());
        assertEquals(Main.USAGE, bad.code());
        assertTrue(bad.err().contains("Deep SVDD and soft-boundary run only in the joint regime"), bad.err());
    }

    @Test
    void colourImagesRunOnTheCifarLeNetFromCifarFilesAndTheSyntheticSet(@TempDir Path root) throws Exception {
        Path batches = root.resolve("data").resolve("cifar10").resolve("cifar-10-batches-bin");
        Files.createDirectories(batches);
        SplittableRandom rng = new SplittableRandom(7);
        List<String> files = new ArrayList<>(deepsvddlab.data.Cifar10Reader.TRAIN_FILES);
        files.add(deepsvddlab.data.Cifar10Reader.TEST_FILE);
        for (String f : files) {
            int n = 130; // 65 airplanes in the five training files: one ResNet-18 batch of 64 and more
            byte[] b = new byte[n * deepsvddlab.data.Cifar10Reader.RECORD_BYTES];
            for (int i = 0; i < n; i++) {
                int off = i * deepsvddlab.data.Cifar10Reader.RECORD_BYTES;
                b[off] = (byte) (i % 10);
                for (int p = 1; p < deepsvddlab.data.Cifar10Reader.RECORD_BYTES; p++) {
                    // class k: brighter red channel for k < 5, plus noise
                    b[off + p] = (byte) ((p <= 1024 && i % 10 < 5 ? 150 : 40) + rng.nextInt(60));
                }
            }
            Files.write(batches.resolve(f), b);
        }
        List<String> common = List.of("--ae-epochs", "2", "--epochs", "2", "--batch", "10", "--ae-batch", "10");
        List<String> cifar = new ArrayList<>(List.of(
                "run",
                "--dataset",
                "cifar10",
                "--class",
                "airplane",
                "--data",
                root.resolve("data").toString(),
                "--out",
                root.resolve("runs").toString()));
        cifar.addAll(common);
        Result r = cli(cifar.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        RunResult run = Sweep.finishedRuns(root.resolve("runs")).get(0);
        String cifarConfig = Files.readString(run.dir().resolve("config.json"));
        assertTrue(cifarConfig.contains("CIFAR_LENET"), "the default colour net");
        assertTrue(cifarConfig.contains("gcn-l1-per-channel-minmax"), "the reference's CIFAR-10 preprocessing");
        List<String> synth = new ArrayList<>(List.of(
                "run",
                "--dataset",
                "synthetic-colour",
                "--class",
                "warm disc",
                "--method",
                "dspsvdd",
                "--train-limit",
                "100",
                "--test-limit",
                "200",
                "--out",
                root.resolve("runs2").toString()));
        synth.addAll(common);
        r = cli(synth.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        RunResult s = Sweep.finishedRuns(root.resolve("runs2")).get(0);
        assertTrue(s.name().startsWith("synthetic-colour_c0_dspsvdd"), s.name());
        assertTrue(Files.readString(s.dir().resolve("config.json")).contains("SYNTHETIC"), "labelled synthetic");
        // the ResNet-18 on the same CIFAR-format files, at its own training batch where none is given
        r = cli(
                "run",
                "--dataset",
                "cifar10",
                "--class",
                "airplane",
                "--net",
                "resnet18",
                "--data",
                root.resolve("data").toString(),
                "--out",
                root.resolve("runs3").toString(),
                "--ae-epochs",
                "1",
                "--epochs",
                "1");
        assertEquals(0, r.code(), r.err());
        RunResult res = Sweep.finishedRuns(root.resolve("runs3")).get(0);
        String resConfig = Files.readString(res.dir().resolve("config.json"));
        assertTrue(
                resConfig.contains("\"network\": \"RESNET18\"") && resConfig.contains("\"dataset\": \"cifar10\""),
                resConfig);
        assertEquals(2, resConfig.split("\"batchSize\": 64").length - 1, "both phases at 64: " + resConfig);
        assertTrue(Double.isFinite(res.metric("auroc")));
    }

    /** {@code dsvdd score} of the run on the images in {@code input}, into {@code output}. */
    static Result score(RunResult run, Path input, Path output) {
        return cli("score", "--run", run.dir().toString(), "--input", input.toString(), "--output", output.toString());
    }

    /** {@code dsvdd run} of {@code method} on the synthetic colour set's features from the TorchScript file. */
    static Result onSyntheticColour(Path pt, String method, Path runs, String... more) {
        List<String> args = new ArrayList<>(
                List.of("run", "--dataset", "synthetic-colour", "--method", method, "--features", "torchscript:" + pt));
        args.addAll(List.of(more));
        args.addAll(List.of("--out", runs.toString()));
        return cli(args.toArray(String[]::new));
    }

    @Test
    void aUsersTorchScriptNetworkFeedsTheShallowBaselines(@TempDir Path runs) throws Exception {
        Path pt = deepsvddlab.nn.TorchScriptEncoderTest.fixture("tiny-extractor.pt");
        for (String method : List.of("isolation-forest", "ocsvm")) {
            Result r = onSyntheticColour(pt, method, runs, "--train-limit", "200", "--test-limit", "300");
            assertEquals(0, r.code(), r.err());
        }
        List<RunResult> all = Sweep.finishedRuns(runs);
        assertEquals(2, all.size());
        for (RunResult run : all) {
            assertTrue(run.name().contains("-torchscript"), run.name());
            String cfg = Files.readString(run.dir().resolve("config.json"));
            assertTrue(
                    cfg.contains("extractorSha256") && cfg.contains(deepsvddlab.io.Hashing.sha256(pt)),
                    "the file's hash is part of the run's identity");
            assertTrue(
                    cfg.contains("\"featureDim\": 8")
                            || Files.readString(run.dir().resolve("results.json"))
                                    .contains("\"featureDim\": 8"),
                    "the fixture gives 8 features");
        }
        Result missing = cli(
                "run",
                "--dataset",
                "synthetic-colour",
                "--method",
                "ocsvm",
                "--features",
                "torchscript:" + runs.resolve("x.pt"));
        assertEquals(Main.USAGE, missing.code());
        assertTrue(
                missing.err().contains("--features torchscript:FILE must be an existing TorchScript file"),
                missing.err());
        Result bare = cli("run", "--dataset", "synthetic-colour", "--method", "ocsvm", "--features", "torchscript");
        assertEquals(Main.USAGE, bare.code());
        assertTrue(bare.err().contains("torchscript:FILE"), bare.err());
    }

    @Test
    void deepSvddTrainsAHeadOnAUsersTorchScriptFeaturesAndScoresThroughTheFile(@TempDir Path tmp) throws Exception {
        SplittableRandom rng = new SplittableRandom(4);
        writeImages(tmp.resolve("photos"), List.of("cool", "warm"), 40, 32, 32, (cls, x, y) -> {
            int hi = 150 + rng.nextInt(100);
            int lo = rng.nextInt(80);
            return cls.equals("warm") ? (hi << 16) | (lo << 8) | lo : (lo << 16) | (lo << 8) | hi;
        });
        Path pt = Files.copy(
                deepsvddlab.nn.TorchScriptEncoderTest.fixture("tiny-extractor.pt"), tmp.resolve("extractor.pt"));
        Path runs = tmp.resolve("runs");
        List<String> common = List.of(
                "--dataset",
                "folder-rgb:" + tmp.resolve("photos"),
                "--normal-class",
                "warm",
                "--features",
                "torchscript:" + pt,
                "--ae-epochs",
                "3",
                "--epochs",
                "3",
                "--batch",
                "16",
                "--ae-batch",
                "16",
                "--out",
                runs.toString());
        for (String method : List.of("deep-svdd", "dspsvdd", "deep-svdd")) {
            List<String> args = new ArrayList<>(List.of("run", "--method", method));
            args.addAll(common);
            Result r = cli(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
        }
        List<RunResult> all = Sweep.finishedRuns(runs);
        assertEquals(2, all.size(), "the second deep-svdd run is the first one, done before");
        for (RunResult run : all) {
            assertTrue(run.name().contains("-torchscript"), run.name());
            String cfg = Files.readString(run.dir().resolve("config.json"));
            assertTrue(cfg.contains("mlp-8-64-32"), "the head takes the fixture's 8 features: " + cfg);
            assertTrue(cfg.contains(deepsvddlab.io.Hashing.sha256(pt)), "the file's hash is in the run's identity");
            assertTrue(Files.readString(run.dir().resolve("results.json")).contains("\"featureDim\": 8"));
        }
        // one pretrained head autoencoder, shared by both methods and keyed by the file's hash
        List<Path> cache;
        try (var l = Files.list(runs.resolve("_pretrained"))) {
            cache = l.toList();
        }
        assertEquals(1, cache.size(), cache.toString());
        assertTrue(Files.readString(cache.get(0).resolve("key.json")).contains("extractorSha256"));

        RunResult run = all.stream()
                .filter(x -> x.name().contains("_deep-svdd"))
                .findFirst()
                .orElseThrow();
        Result scored = score(run, tmp.resolve("photos"), tmp.resolve("scored.csv"));
        assertEquals(0, scored.code(), scored.err());
        List<String> rows = Files.readAllLines(tmp.resolve("scored.csv"));
        assertEquals(81, rows.size());
        List<Double> recorded = Files.readAllLines(run.dir().resolve("scores.csv")).stream()
                .skip(1)
                .map(l -> Double.parseDouble(l.split(",")[2]))
                .toList();
        List<Double> mine = rows.stream()
                .skip(1)
                .map(l -> Double.parseDouble(l.split(",")[2]))
                .toList();
        for (double v : recorded) { // the held-out test images are among the folder's, scored as the run scored them
            assertTrue(mine.stream().anyMatch(x -> Math.abs(x - v) < 1e-5 * Math.max(1, Math.abs(v))), "score " + v);
        }

        Files.copy(
                deepsvddlab.nn.TorchScriptEncoderTest.fixture("grey-extractor.pt"),
                pt,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Result changed = score(run, tmp.resolve("photos"), tmp.resolve("scored2.csv"));
        assertEquals(Main.FAILED, changed.code());
        assertTrue(changed.err().contains("must be the one the run in"), changed.err());

        Path good = deepsvddlab.nn.TorchScriptEncoderTest.fixture("tiny-extractor.pt");
        Result net =
                cli("run", "--dataset", "synthetic-colour", "--net", "resnet18", "--features", "torchscript:" + good);
        assertEquals(Main.USAGE, net.code());
        assertTrue(net.err().contains("--net must be left out with --features torchscript:FILE"), net.err());
        Result ocnn =
                cli("run", "--dataset", "synthetic-colour", "--method", "ocnn", "--features", "torchscript:" + good);
        assertEquals(Main.USAGE, ocnn.code());
        assertTrue(ocnn.err().contains("ocnn works on the images"), ocnn.err());
        Result grey = cli(
                "run", "--dataset", "fashion-mnist", "--data", data.toString(), "--features", "torchscript:" + good);
        assertEquals(Main.USAGE, grey.code());
        assertTrue(grey.err().contains("must take images of shape (N, 1, 28, 28)"), grey.err());
    }

    @Test
    void onAFeatureMapWithMeaningTheHeadAndTheBaselinesBeatChance(@TempDir Path runs) throws Exception {
        // each channel's mean and std (colour-stats-extractor.pt): the synthetic classes differ in colour
        Path pt = deepsvddlab.nn.TorchScriptEncoderTest.fixture("colour-stats-extractor.pt");
        for (String method : List.of("deep-svdd", "isolation-forest")) {
            Result r = onSyntheticColour(
                    pt,
                    method,
                    runs,
                    "--train-limit",
                    "300",
                    "--test-limit",
                    "600",
                    "--ae-epochs",
                    "10",
                    "--epochs",
                    "10",
                    "--batch",
                    "50",
                    "--ae-batch",
                    "50");
            assertEquals(0, r.code(), r.err());
        }
        List<RunResult> all = Sweep.finishedRuns(runs);
        assertEquals(2, all.size());
        for (RunResult run : all) { // 0.78 and 0.79 when written; the untrained tiny fixture gives 0.31
            assertTrue(run.metric("auroc") > 0.7, run.name() + ": AUROC " + run.metric("auroc"));
        }
    }

    @Test
    void rcaeAndTheJointOcnnRunFromTheCommandLine(@TempDir Path runs) throws Exception {
        Result r = cli(
                "run",
                "--class",
                "2",
                "--method",
                "ocnn",
                "--regime",
                "joint",
                "--pretraining",
                "rcae",
                "--rcae-lambda",
                "0.2",
                "--rcae-every",
                "1",
                "--fine-tune-epoch",
                "2",
                "--ae-epochs",
                "2",
                "--epochs",
                "2",
                "--batch",
                "30",
                "--ae-batch",
                "30",
                "--data",
                data.toString(),
                "--out",
                runs.toString());
        assertEquals(0, r.code(), r.err());
        RunResult run = Sweep.finishedRuns(runs).get(0);
        assertTrue(run.method().equals("ocnn-sigmoid-joint-rcae"), run.method());
        String config = Files.readString(run.dir().resolve("config.json"));
        assertTrue(config.contains("\"rcae\"") && config.contains("\"joint\""), config);
        try (var entries = Files.list(runs.resolve("_pretrained"))) {
            Path entry = entries.findFirst().orElseThrow();
            assertTrue(entry.getFileName().toString().contains("-rcae-"), entry.toString());
            assertTrue(Files.isRegularFile(entry.resolve("outliers.bin")), "N is cached with the RCAE");
        }
        try (var model = (deepsvddlab.ocnn.OcnnModel) run.loadModel()) {
            assertTrue(
                    model.config().joint() != null && model.config().rcae() != null,
                    model.params().toString());
        }
    }

    @Test
    void scoreLabelsNewImagesExactlyAsTheRunLabelledItsTestSet(@TempDir Path runs) throws Exception {
        Result r = cli(
                "run",
                "--class",
                "2",
                "--data",
                data.toString(),
                "--out",
                runs.toString(),
                "--ae-epochs",
                "2",
                "--epochs",
                "2",
                "--batch",
                "30",
                "--ae-batch",
                "30");
        assertEquals(0, r.code(), r.err());
        RunResult run = Sweep.finishedRuns(runs).get(0);
        Path fm = data.resolve("fashion-mnist");
        Path out = runs.resolve("scored.csv");
        Result s = cli(
                "score",
                "--run",
                run.dir().toString(),
                "--input",
                fm.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--labels",
                fm.resolve("t10k-labels-idx1-ubyte.gz").toString(),
                "--output",
                out.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains(String.format(java.util.Locale.ROOT, "AUROC %.4f", run.metric("auroc"))), s.out());
        List<String> mine = Files.readAllLines(out);
        List<String> recorded = Files.readAllLines(run.dir().resolve("scores.csv"));
        assertEquals(recorded.size(), mine.size());
        for (int i = 1; i < mine.size(); i++) {
            String[] a = mine.get(i).split(",");
            String[] b = recorded.get(i).split(",");
            assertEquals(Double.parseDouble(b[2]), Double.parseDouble(a[2]), 1e-6, "score of image " + i);
            assertEquals(b[3], a[3], "predicted label of image " + i);
        }
        Result bad = cli(
                "score",
                "--run",
                runs.toString(),
                "--input",
                fm.resolve("t10k-images-idx3-ubyte.gz").toString());
        assertEquals(Main.FAILED, bad.code());
        assertTrue(bad.err().contains("run folder must hold a finished run"), bad.err());
    }

    /** The colour of pixel (x, y) of an image of class {@code cls}, as 0xRRGGBB. */
    interface Pixel {
        int rgb(String cls, int x, int y);
    }

    /** Writes {@code perClass} PNGs of w x h per class under {@code root/<class>/}, pixel by pixel. */
    static void writeImages(Path root, List<String> classes, int perClass, int w, int h, Pixel pixel) throws Exception {
        for (String cls : classes) {
            Path dir = Files.createDirectories(root.resolve(cls));
            for (int k = 0; k < perClass; k++) {
                java.awt.image.BufferedImage im =
                        new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        im.setRGB(x, y, pixel.rgb(cls, x, y));
                    }
                }
                javax.imageio.ImageIO.write(im, "png", dir.resolve(k + ".png").toFile());
            }
        }
    }

    @Test
    void aUsersColourFolderRunsOnTheCifarLeNetAndScoresAtItsShape(@TempDir Path tmp) throws Exception {
        // 40x24 photos with vertical stripes in the red channel (warm) or in the blue one (cool), the
        // other channels noise: the stripes' colour tells the classes apart, not their grey pattern
        SplittableRandom rng = new SplittableRandom(9);
        writeImages(tmp.resolve("photos"), List.of("cool", "warm"), 40, 40, 24, (cls, x, y) -> {
            int stripe = (x / 5) % 2 == 0 ? 210 : 50;
            int r = cls.equals("warm") ? stripe + rng.nextInt(30) : 100 + rng.nextInt(60);
            int b = cls.equals("cool") ? stripe + rng.nextInt(30) : 100 + rng.nextInt(60);
            return (r << 16) | ((100 + rng.nextInt(60)) << 8) | b;
        });
        Path photos = tmp.resolve("photos");
        Path runs = tmp.resolve("runs");
        Result r = cli(
                "run",
                "--dataset",
                "folder-rgb:" + photos,
                "--normal-class",
                "warm",
                "--method",
                "deep-svdd",
                "--ae-epochs",
                "10",
                "--epochs",
                "10",
                "--batch",
                "16",
                "--ae-batch",
                "16",
                "--out",
                runs.toString());
        assertEquals(0, r.code(), r.err());
        RunResult run = Sweep.finishedRuns(runs).get(0);
        assertEquals("folder-rgb-photos", run.dataset());
        String cfg = Files.readString(run.dir().resolve("config.json"));
        assertTrue(cfg.contains("CIFAR_LENET") && cfg.contains("gcn-l1-per-channel-minmax"), cfg);
        assertTrue(cfg.contains("RGB, resized to 32x32"), cfg);
        assertTrue(run.metric("auroc") > 0.6, "auroc " + run.metric("auroc"));
        Result scored = cli(
                "score",
                "--run",
                run.dir().toString(),
                "--input",
                photos.toString(),
                "--output",
                tmp.resolve("scored.csv").toString());
        assertEquals(0, scored.code(), scored.err());
        assertEquals(81, Files.readAllLines(tmp.resolve("scored.csv")).size());
        Result grey = cli("run", "--dataset", "folder:" + photos, "--net", "cifar-lenet", "--out", runs.toString());
        assertEquals(Main.USAGE, grey.code());
        assertTrue(
                grey.err().contains("has 1x28x28 images") && grey.err().contains("CIFAR_LENET (3x32x32)"), grey.err());
    }

    @Test
    void aUsersImageFolderAndCsvRunFromTheCommandLine(@TempDir Path tmp) throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        writeImages(tmp.resolve("imgs"), List.of("plain", "striped"), 40, 32, 32, (cls, x, y) -> {
            int v = (cls.equals("striped") && (x / 4) % 2 == 0 ? 200 : 40) + rng.nextInt(30);
            return (v << 16) | (v << 8) | v;
        });
        StringBuilder csv = new StringBuilder("f1,f2,f3,kind\n");
        for (int k = 0; k < 200; k++) {
            double shift = k % 2 == 0 ? 0 : 4;
            csv.append(rng.nextDouble() + shift)
                    .append(',')
                    .append(rng.nextDouble() + shift)
                    .append(',')
                    .append(rng.nextDouble())
                    .append(',')
                    .append(k % 2 == 0 ? "ok" : "bad")
                    .append('\n');
        }
        Path file = Files.writeString(tmp.resolve("features.csv"), csv);
        Path runs = tmp.resolve("runs");
        List<String> small = List.of(
                "--ae-epochs", "2", "--epochs", "2", "--batch", "16", "--ae-batch", "16", "--out", runs.toString());
        List<String> folder = new ArrayList<>(List.of(
                "run",
                "--dataset",
                "folder:" + tmp.resolve("imgs"),
                "--normal-class",
                "plain",
                "--method",
                "deep-svdd"));
        folder.addAll(small);
        Result r = cli(folder.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        List<String> table = new ArrayList<>(List.of(
                "run",
                "--dataset",
                "csv:" + file,
                "--label-column",
                "kind",
                "--normal-class",
                "ok",
                "--method",
                "deep-svdd"));
        table.addAll(small);
        r = cli(table.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        List<RunResult> all = Sweep.finishedRuns(runs);
        assertEquals(2, all.size());
        RunResult img = all.stream()
                .filter(x -> x.dataset().equals("folder-imgs"))
                .findFirst()
                .orElseThrow();
        RunResult vec = all.stream()
                .filter(x -> x.dataset().equals("csv-features"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                img.metric("auroc") > 0.6 && vec.metric("auroc") > 0.6,
                img.metric("auroc") + " " + vec.metric("auroc"));
        String cfg = Files.readString(vec.dir().resolve("config.json"));
        assertTrue(cfg.contains("mlp-3-64-32") && cfg.contains("\"preprocessing\": \"none\""), cfg);
        Result scored = cli(
                "score",
                "--run",
                vec.dir().toString(),
                "--input",
                file.toString(),
                "--label-column",
                "kind",
                "--output",
                tmp.resolve("scored.csv").toString());
        assertEquals(0, scored.code(), scored.err());
        assertTrue(
                scored.out().contains("scored 200 images") && scored.out().contains("(anomaly = not class ok)"),
                scored.out());
        assertEquals(201, Files.readAllLines(tmp.resolve("scored.csv")).size());
        Result noColumn = cli("run", "--dataset", "csv:" + file, "--out", runs.toString());
        assertEquals(Main.USAGE, noColumn.code());
        assertTrue(noColumn.err().contains("--label-column must be given"), noColumn.err());
    }

    @Test
    void slurmTasksRunTheSameSweepWithoutTheSlurmOptions() {
        assertEquals(
                List.of("--quick", "--out", "x", "--classes", "0,1"),
                SlurmScripts.taskArgs(List.of(
                        "sweep",
                        "--quick",
                        "--slurm",
                        "--shards",
                        "4",
                        "--slurm-option=--time=1",
                        "--out",
                        "x",
                        "--submit",
                        "--slurm-cpus",
                        "2",
                        "--classes",
                        "0,1",
                        "--shard",
                        "1/2")));
        Result r = cli("sweep", "--shard", "4/4", "--data", data.toString());
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("--shard must be I/N with 0 <= I < N, found 4/4"), r.err());
    }

    @Test
    void aSweepWithJobsRunsItsShardsAsProcessesAndSummarisesOnce(@TempDir Path runs) throws Exception {
        List<String> sweep = List.of(
                "sweep",
                "--classes",
                "1,2",
                "--methods",
                "deep-svdd,ae",
                "--data",
                data.toString(),
                "--out",
                runs.toString(),
                "--ae-epochs",
                "2",
                "--epochs",
                "2",
                "--batch",
                "30",
                "--ae-batch",
                "30");
        List<String> jobs = new ArrayList<>(sweep);
        jobs.addAll(List.of("--jobs", "2"));
        Result r = cli(jobs.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("jobs: 2 processes"), r.out());
        assertTrue(r.out().contains("[0/2] shard 0/2: 2 of the sweep's 4 runs"), r.out());
        assertTrue(r.out().contains("[1/2] shard 1/2: 2 of the sweep's 4 runs"), r.out());
        // one summary, the parent's, after both shards; the children print none of their own
        assertEquals(
                1,
                r.out()
                        .lines()
                        .filter(l -> l.contains("summary of every run in"))
                        .count(),
                r.out());
        assertFalse(r.out().lines().anyMatch(l -> l.startsWith("[") && l.contains("summary of every run")), r.out());
        assertEquals(4, Sweep.finishedRuns(runs).size());
        List<String> rows = Files.readAllLines(runs.resolve("summary.csv"));
        assertEquals(1 + 4 + 2, rows.size(), String.join("\n", rows));
        // the same sweep again, in one process, redoes nothing
        Result again = cli(sweep.toArray(String[]::new));
        assertEquals(
                4, again.out().lines().filter(l -> l.contains("done before")).count(), again.out());
        for (String[] bad : new String[][] {{"--jobs", "0"}, {"--jobs", "2", "--shard", "0/2"}}) {
            List<String> args = new ArrayList<>(List.of("sweep", "--data", data.toString(), "--out", runs.toString()));
            args.addAll(List.of(bad));
            Result e = cli(args.toArray(String[]::new));
            assertEquals(2, e.code(), e.err());
            assertTrue(e.err().contains("--jobs must be at least 1, and 1 with --slurm or --shard"), e.err());
        }
    }
}
