package deepsvddlab.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import deepsvddlab.data.FittedPreprocessor;
import deepsvddlab.data.ImageSet;
import deepsvddlab.data.OneClassProtocol;
import deepsvddlab.data.OneClassTask;
import deepsvddlab.data.Preprocessing;
import deepsvddlab.data.Preprocessor;
import deepsvddlab.data.TrainTest;
import deepsvddlab.detect.FittedDetector;
import deepsvddlab.detect.IsolationForest;
import deepsvddlab.detect.OneClassSvm;
import deepsvddlab.eval.ConfusionMatrix;
import deepsvddlab.eval.Metrics;
import deepsvddlab.eval.Threshold;
import deepsvddlab.eval.Thresholds;
import deepsvddlab.experiment.DetectorSpec.FeatureSource;
import deepsvddlab.io.AtomicFiles;
import deepsvddlab.io.Hashing;
import deepsvddlab.io.Json;
import deepsvddlab.io.Provenance;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.nn.TorchScriptEncoder;
import deepsvddlab.ocnn.Ocnn;
import deepsvddlab.ocnn.OcnnModel;
import deepsvddlab.svdd.Autoencoder;
import deepsvddlab.svdd.DeepSvdd;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.DeepSvddModel;
import deepsvddlab.svdd.Objective;
import deepsvddlab.svdd.RcaeConfig;
import deepsvddlab.train.History;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs one one-class experiment of any method end to end and writes its folder (one folder per run,
 * as the reference implementation does), named by {@link ExperimentConfig#runName(String)}:
 *
 * <ul>
 *   <li>{@code config.json}: the full configuration, the data hashes, the preprocessing's fitted
 *       values and the provenance (versions, Java, OS, commit);
 *   <li>{@code history.csv}: the per-epoch losses, learning rate, R and seconds (deep methods);
 *   <li>{@code scores.csv}: index, label (1 = anomaly), score and predicted label of every test image;
 *   <li>{@code checkpoint/}: the fitted model (deep methods);
 *   <li>{@code results.json}: the test metrics, the threshold and its metrics, written last and
 *       atomically: a folder with a readable one is a finished run, which {@link #run} returns
 *       without redoing it. A results.json that cannot be read (cut short) is not trusted: the run
 *       is redone.
 * </ul>
 *
 * <p>Conventions of every results.json: label 1 = anomaly is the positive class of precision,
 * recall, F1 and MCC; {@code f1NormalPositive} is F1 with normal as the positive class (with 90%
 * anomalies in the test set, "everything is an anomaly" already has F1 0.947 the other way round).
 */
public final class Experiment {
    /** The file whose presence marks a finished run. */
    public static final String RESULTS = "results.json";

    private Experiment() {}

    /** The data set's content hash (train and test parts), as the run's identity uses it. */
    public static String dataHash(TrainTest data) {
        return Hashing.sha256(data.train().sha256() + ":" + data.test().sha256());
    }

    /** The folder {@code config} runs in under {@code runsDir} (loads the data to hash it). */
    public static Path runDir(ExperimentConfig config, Path dataDir, Path runsDir) {
        return runsDir.resolve(config.runName(dataHash(config.data().load(dataDir))));
    }

    /** Runs {@code config} (or returns its earlier result) under {@code runsDir}. */
    public static RunResult run(
            ExperimentConfig config, Path dataDir, Path runsDir, ProgressListener listener, BooleanSupplier stop) {
        checkArgs(config, dataDir, runsDir);
        ProgressListener progress = listener == null ? ProgressListener.none() : listener;
        BooleanSupplier stopped = stop == null ? () -> false : stop;
        Prepared p = prepare(config, dataDir, runsDir);
        if (p.done != null) {
            return p.done;
        }
        long t0 = System.nanoTime();
        Outcome o;
        try (NDManager manager = NDManager.newBaseManager(deepsvddlab.nn.Devices.current())) {
            NDArray x = p.train.toNDArray(manager);
            NDArray xt = p.test.toNDArray(manager);
            o = fitAndScore(
                    config.detector(), x, xt, p.train, p.test, p.dataRecord, config, runsDir, p.dir, progress, stopped);
        }
        return finish(p, config, o, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Writes the run folder of a model a notebook has already fitted, exactly as {@link #run} would
     * have written it: the same folder name, config.json, history.csv, scores.csv (the model scored
     * on the experiment's test set), checkpoint/ and results.json. The model must have been fitted
     * with the experiment's detector configuration on its training set (same data set, class,
     * pollution, preprocessing, limits and seed); the model is not closed.
     *
     * @param model a {@link DeepSvddModel} (deep-svdd, dspsvdd), {@link OcnnModel} (ocnn) or
     *     {@link Autoencoder} (ae)
     * @return the finished run; an existing finished run of the same configuration is returned as it is
     */
    public static RunResult record(ExperimentConfig config, Path dataDir, Path runsDir, FittedDetector model) {
        checkArgs(config, dataDir, runsDir);
        DetectorSpec spec = config.detector();
        Object fittedWith = model instanceof DeepSvddModel m
                ? new DetectorSpec.Svdd(m.config())
                : model instanceof OcnnModel m ? new DetectorSpec.Ocnn(m.config()) : null;
        boolean matches = fittedWith != null
                ? fittedWith.equals(spec)
                : model instanceof Autoencoder ae
                        && spec instanceof DetectorSpec.Ae a
                        && ae.network().equals(a.network());
        if (!matches) {
            throw new IllegalArgumentException(
                    "model must be fitted with the experiment's detector configuration, found "
                            + (model == null ? "null" : model.name() + " " + model.params()) + " for " + spec.toMap()
                            + "; build the ExperimentConfig from the config the model was fitted with (and its seed)");
        }
        Prepared p = prepare(config, dataDir, runsDir);
        if (p.done != null) {
            return p.done;
        }
        Outcome o;
        try (NDManager manager = NDManager.newBaseManager(deepsvddlab.nn.Devices.current())) {
            o = scoreFitted(
                    spec,
                    model,
                    p.train.toNDArray(manager),
                    p.test.toNDArray(manager),
                    p.train.size(),
                    p.dir.resolve("checkpoint"),
                    new LinkedHashMap<>());
        }
        return finish(p, config, o, o.history == null ? 0 : o.history.totalSeconds());
    }

    private static void checkArgs(ExperimentConfig config, Path dataDir, Path runsDir) {
        if (config == null || dataDir == null || runsDir == null) {
            throw new IllegalArgumentException(
                    "config, dataDir and runsDir must be set, found " + config + ", " + dataDir + ", " + runsDir);
        }
    }

    /** The split and preprocessed data of a run, its folder and record; {@code done} when it has finished before. */
    private record Prepared(
            RunResult done,
            String name,
            String dataSha,
            Path dir,
            OneClassTask task,
            ImageSet train,
            ImageSet test,
            Map<String, Object> dataRecord) {}

    /** A configuration's data: split, preprocessed, and described for the run record. */
    private record Loaded(
            String dataSha,
            OneClassTask task,
            FittedPreprocessor fitted,
            ImageSet train,
            ImageSet test,
            Map<String, Object> dataRecord) {}

    private static Loaded load(ExperimentConfig config, TrainTest data, String dataSha) {
        if (config.normalClass() >= data.train().classNames().size()) {
            throw new IllegalArgumentException("normal class must be in 0.."
                    + (data.train().classNames().size() - 1) + " for "
                    + config.data().name() + " (" + data.train().classNames() + "), found " + config.normalClass());
        }
        OneClassTask task = OneClassProtocol.split(
                data, config.normalClass(), config.pollution(), config.seed(), config.trainLimit(), config.testLimit());
        Preprocessor pre = switch (config.preprocessing()) {
            case "scale255" -> Preprocessing.scale255();
            case "none" -> Preprocessing.none();
            case "gcn-l1-per-channel-minmax" -> Preprocessing.gcnL1MinMaxPerChannel();
            default -> Preprocessing.gcnL1MinMax();
        };
        FittedPreprocessor fitted = pre.fit(task.train());
        ImageSet train = fitted.apply(task.train());
        ImageSet test = fitted.apply(task.test());
        checkBatchSizes(config.detector(), train.size());

        Map<String, Object> dataRecord = new LinkedHashMap<>();
        dataRecord.put("sha256", dataSha);
        dataRecord.put("trainSize", train.size());
        dataRecord.put("testSize", test.size());
        dataRecord.put("trainSha256", task.train().sha256());
        dataRecord.put("testSha256", task.test().sha256());
        dataRecord.put("trainAnomalies", Arrays.stream(task.trainIsAnomaly()).sum());
        dataRecord.put("testAnomalies", Arrays.stream(task.testIsAnomaly()).sum());
        dataRecord.put("normalClassName", task.normalClassName());
        dataRecord.put("source", data.source());
        return new Loaded(dataSha, task, fitted, train, test, dataRecord);
    }

    private static Prepared prepare(ExperimentConfig config, Path dataDir, Path runsDir) {
        TrainTest data = config.data().load(dataDir);
        String dataSha = dataHash(data);
        String name = config.runName(dataSha);
        Path dir = runsDir.resolve(name);
        RunResult done = RunResult.loadIfFinished(dir);
        if (done != null) {
            return new Prepared(done, name, dataSha, dir, null, null, null, null);
        }
        checkWritable(runsDir);
        Loaded l = load(config, data, dataSha);
        FittedPreprocessor fitted = l.fitted();
        Map<String, Object> dataRecord = l.dataRecord();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("name", name);
        record.put("experiment", config.toMap());
        record.put("resultVersion", ExperimentConfig.RESULT_VERSION);
        record.put("data", dataRecord);
        record.put("preprocessing", fitted.describe());
        record.put("provenance", Provenance.environment());
        Json.write(dir.resolve("config.json"), record);
        return new Prepared(null, name, dataSha, dir, l.task(), l.train(), l.test(), dataRecord);
    }

    private static RunResult finish(Prepared p, ExperimentConfig config, Outcome o, double seconds) {
        Path dir = p.dir;
        if (o.history != null) {
            o.history.writeCsv(dir.resolve("history.csv"));
        }
        int[] labels = p.task.testIsAnomaly();
        int[] predicted = o.threshold.predict(o.testScores);
        writeScores(dir.resolve("scores.csv"), o.testScores, labels, predicted);
        Map<String, Double> metrics = new LinkedHashMap<>(Metrics.summary(labels, o.testScores));
        metrics.putAll(thresholdMetrics(labels, predicted));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("name", p.name);
        results.put("group", config.groupKey(p.dataSha));
        results.put("family", config.familyKey(p.dataSha));
        results.put("dataset", config.data().name());
        results.put("normalClass", config.normalClass());
        results.put("normalClassName", p.task.normalClassName());
        results.put("method", config.detector().label());
        results.put("seed", config.seed());
        results.put("positiveClass", "anomaly (label 1); f1NormalPositive takes normal as positive");
        results.put("metrics", metrics);
        Map<String, Object> th = new LinkedHashMap<>();
        th.put("rule", o.threshold.rule().name());
        th.put("value", o.threshold.value());
        th.put("params", o.threshold.params());
        th.put("fittedOn", o.threshold.fittedOn());
        results.put("threshold", th);
        results.put("fit", o.extra);
        results.put("seconds", seconds);
        Json.write(dir.resolve(RESULTS), results);
        return RunResult.loadIfFinished(dir).fresh();
    }

    /**
     * Accuracy, precision, recall, F1 and MCC with anomaly (1) as the positive class, and F1 with
     * normal as the positive class.
     */
    public static Map<String, Double> thresholdMetrics(int[] labels, int[] predicted) {
        ConfusionMatrix cm = ConfusionMatrix.of(labels, predicted);
        ConfusionMatrix normalPositive = new ConfusionMatrix(cm.tp(), cm.fn(), cm.fp(), cm.tn());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", cm.accuracy());
        m.put("precision", cm.precision());
        m.put("recall", cm.recall());
        m.put("f1", cm.f1());
        m.put("mcc", cm.mcc());
        m.put("f1NormalPositive", normalPositive.f1());
        return m;
    }

    /** What fitting one method gives: test and training scores, the threshold, history and extras. */
    private record Outcome(double[] testScores, Threshold threshold, History history, Map<String, Object> extra) {}

    private static Outcome fitAndScore(
            DetectorSpec spec,
            NDArray x,
            NDArray xt,
            ImageSet train,
            ImageSet test,
            Map<String, Object> dataRecord,
            ExperimentConfig config,
            Path runsDir,
            Path dir,
            ProgressListener listener,
            BooleanSupplier stop) {
        Path checkpoint = dir.resolve("checkpoint");
        Map<String, Object> extra = new LinkedHashMap<>();
        if (spec instanceof DetectorSpec.Svdd s && s.extractor() != null) {
            // the MLP head phi_w on the frozen network's features phi_0(x): pretrained, trained and scored on them
            float[][][] f = torchScriptFeatures(s.extractor(), x, xt);
            NDArray fx = Networks.toInput(x.getManager(), s.network(), "TorchScript features", f[0]);
            NDArray fxt = Networks.toInput(x.getManager(), s.network(), "TorchScript features", f[1]);
            extra.put("featureDim", f[0][0].length);
            extra.put(
                    "imageShape",
                    Arrays.stream(x.getShape().getShape()).skip(1).boxed().toList());
            try (DeepSvddModel model = fitSvdd(s, fx, dataRecord, config, runsDir, listener, stop)) {
                checkFinished(model.history());
                return scoreFitted(spec, model, fx, fxt, train.size(), checkpoint, extra);
            }
        }
        if (spec instanceof DetectorSpec.Svdd s) {
            try (DeepSvddModel model = fitSvdd(s, x, dataRecord, config, runsDir, listener, stop)) {
                checkFinished(model.history());
                return scoreFitted(spec, model, x, xt, train.size(), checkpoint, extra);
            }
        }
        if (spec instanceof DetectorSpec.Ocnn s) {
            try (Autoencoder ae =
                            s.pretrain() == null ? null : pretrained(dataRecord, config, runsDir, x, listener, stop);
                    OcnnModel model = new Ocnn(s.config()).fit(x, ae, listener, stop)) {
                checkFinished(model.history()); // it holds the autoencoder's epochs too
                return scoreFitted(spec, model, x, xt, train.size(), checkpoint, extra);
            }
        }
        if (spec instanceof DetectorSpec.Ae s) {
            try (Autoencoder ae = pretrained(dataRecord, config, runsDir, x, listener, stop)) {
                return scoreFitted(spec, ae, x, xt, train.size(), checkpoint, extra);
            }
        }
        DetectorSpec.Shallow s = (DetectorSpec.Shallow) spec;
        float[][][] features = features(s, x, xt, train, test, dataRecord, config, runsDir, listener, stop);
        FittedDetector fittedDet = s.method() == Method.ISOLATION_FOREST
                ? IsolationForest.builder()
                        .nTrees(s.nTrees())
                        .maxSamples(s.maxSamples())
                        .seed(s.seed())
                        .build()
                        .fit(features[0])
                : (Double.isNaN(s.gamma())
                                ? OneClassSvm.builder().nu(s.nu()).gammaScale()
                                : OneClassSvm.builder().nu(s.nu()).gamma(s.gamma()))
                        .build()
                        .fit(features[0]);
        double[] trainScores = fittedDet.score(features[0]);
        double[] scores = fittedDet.score(features[1]);
        extra.put("featureDim", features[0][0].length);
        extra.put("fitted", fittedDet.params());
        Json.write(checkpoint.resolve("detector.json"), Map.of("name", fittedDet.name(), "params", fittedDet.params()));
        return new Outcome(scores, Thresholds.trainQuantile(trainScores, spec.thresholdNu()), null, extra);
    }

    /** Scores a fitted deep model on the training and test arrays, saves its checkpoint and picks the threshold. */
    private static Outcome scoreFitted(
            DetectorSpec spec,
            FittedDetector fitted,
            NDArray x,
            NDArray xt,
            int nTrain,
            Path checkpoint,
            Map<String, Object> extra) {
        if (fitted instanceof DeepSvddModel model) {
            double[] trainScores = model.score(x);
            double[] scores = model.score(xt);
            model.save(checkpoint);
            extra.put("radius", model.radius());
            DeepSvddConfig c = model.config();
            Threshold t = c.objective() == Objective.SOFT_BOUNDARY && c.dspScore() == DeepSvddConfig.DspScore.DISTANCE
                    ? Thresholds.radius(model.radius(), Thresholds.RadiusScore.DISTANCE_MINUS_R2, nTrain)
                    : Thresholds.trainQuantile(trainScores, spec.thresholdNu());
            return new Outcome(scores, t, model.history(), extra);
        }
        if (fitted instanceof OcnnModel model) {
            double[] trainScores = model.score(x);
            double[] scores = model.score(xt);
            model.save(checkpoint);
            extra.put("r", model.r());
            return new Outcome(
                    scores, Thresholds.trainQuantile(trainScores, spec.thresholdNu()), model.history(), extra);
        }
        Autoencoder ae = (Autoencoder) fitted;
        double[] trainScores = ae.reconstructionErrors(x);
        double[] scores = ae.reconstructionErrors(xt);
        ae.save(checkpoint);
        return new Outcome(scores, Thresholds.trainQuantile(trainScores, spec.thresholdNu()), ae.history(), extra);
    }

    /** A training stopped before its last epoch (the stop flag or an interrupt) finishes nothing. */
    private static void checkFinished(History h) {
        if (h.stoppedEarly()) {
            throw new IllegalStateException("the run was stopped before its last epoch;"
                    + " nothing was recorded as finished, run it again to redo it");
        }
    }

    /** Training and test feature rows of a shallow baseline. */
    private static float[][][] features(
            DetectorSpec.Shallow s,
            NDArray x,
            NDArray xt,
            ImageSet train,
            ImageSet test,
            Map<String, Object> dataRecord,
            ExperimentConfig config,
            Path runsDir,
            ProgressListener listener,
            BooleanSupplier stop) {
        switch (s.features()) {
            case PIXELS -> {
                return new float[][][] {train.toMatrix(), test.toMatrix()};
            }
            case AE_CODES -> {
                try (Autoencoder ae = pretrained(dataRecord, config, runsDir, x, listener, stop)) {
                    return new float[][][] {ae.encode(x), ae.encode(xt)};
                }
            }
            case TORCHSCRIPT -> {
                return torchScriptFeatures(s.extractor(), x, xt);
            }
            default -> {
                try (DeepSvddModel m = fitSvdd(
                        new DetectorSpec.Svdd(s.featureModel()), x, dataRecord, config, runsDir, listener, stop)) {
                    checkFinished(m.history());
                    return new float[][][] {m.embed(x), m.embed(xt)};
                }
            }
        }
    }

    /** The frozen TorchScript network's features of the training and test images (both at the images' shape). */
    private static float[][][] torchScriptFeatures(Path extractor, NDArray x, NDArray xt) {
        long[] shape = x.getShape().getShape();
        try (TorchScriptEncoder e =
                TorchScriptEncoder.load(extractor, (int) shape[1], (int) shape[2], (int) shape[3])) {
            return new float[][][] {e.features(x), e.features(xt)};
        }
    }

    /** Fits Deep SVDD or DSPSVDD on {@code x} (images, or a head's TorchScript features) from the shared pretraining. */
    private static DeepSvddModel fitSvdd(
            DetectorSpec.Svdd s,
            NDArray x,
            Map<String, Object> dataRecord,
            ExperimentConfig config,
            Path runsDir,
            ProgressListener listener,
            BooleanSupplier stop) {
        DeepSvddConfig c = s.config();
        Autoencoder ae = c.pretrain() == null
                ? null
                : pretrained(
                        c.network(),
                        c.pretrain(),
                        c.rcae(),
                        c.seed(),
                        s.extractor(),
                        dataRecord,
                        config,
                        runsDir,
                        x,
                        listener,
                        stop);
        return new DeepSvdd(c).fit(x, ae, listener, stop);
    }

    /**
     * The pretrained autoencoder a configuration's method starts from, out of the cache that the
     * command line, the sweeps and the lessons share ({@code runsDir/_pretrained/<key>/}): loaded,
     * with its training history, when a finished entry is there, else pretrained on the
     * configuration's training set and saved. The key holds everything that determines the
     * autoencoder (the data's content, the class, pollution, preprocessing and limits through the
     * training set's hash, the network and its layer layout, the pretraining schedule, the seed), so a
     * lesson gets the very autoencoder that {@code bin/dsvdd run} with the same options trains. The
     * caller owns it ({@code DeepSvdd.fit(x, ae, ...)} takes it over, one autoencoder per fit).
     *
     * @throws IllegalArgumentException when the configuration's method does not start from a
     *     pretrained autoencoder
     */
    public static Autoencoder pretrained(
            ExperimentConfig config, Path dataDir, Path runsDir, ProgressListener listener, BooleanSupplier stop) {
        checkArgs(config, dataDir, runsDir);
        DetectorSpec spec = config.detector();
        if (spec.pretrain() == null || spec.network() == null) {
            throw new IllegalArgumentException("the configuration's detector must start from a pretrained autoencoder, "
                    + "found " + spec.toMap() + "; use a Deep SVDD, OCNN or autoencoder config with pretraining");
        }
        if (spec.extractor() != null) {
            throw new IllegalArgumentException("the configuration's detector must work on the images, found a head on"
                    + " the TorchScript features of " + spec.extractor() + "; Experiment.run pretrains that head's"
                    + " autoencoder on the features itself");
        }
        TrainTest data = config.data().load(dataDir);
        Loaded l = load(config, data, dataHash(data));
        checkWritable(runsDir);
        try (NDManager manager = NDManager.newBaseManager(deepsvddlab.nn.Devices.current())) {
            return pretrained(
                    l.dataRecord(),
                    config,
                    runsDir,
                    l.train().toNDArray(manager),
                    ProgressListener.orNone(listener),
                    stop == null ? () -> false : stop);
        }
    }

    /** The shared pretrained autoencoder of the configuration's own detector (its network, schedule and seed). */
    private static Autoencoder pretrained(
            Map<String, Object> dataRecord,
            ExperimentConfig config,
            Path runsDir,
            NDArray x,
            ProgressListener listener,
            BooleanSupplier stop) {
        DetectorSpec spec = config.detector();
        return pretrained(
                spec.network(),
                spec.pretrain(),
                spec.rcae(),
                spec.seed(),
                spec.extractor(),
                dataRecord,
                config,
                runsDir,
                x,
                listener,
                stop);
    }

    /**
     * The pretrained autoencoder shared by every run with the same data, network, pretraining schedule
     * and seed (Deep SVDD, DSPSVDD, OCNN and the baselines on AE codes of one class): loaded from
     * {@code runsDir/_pretrained/<key>/} when a finished one is there, else pretrained and saved.
     * The caller owns (closes) it.
     */
    private static Autoencoder pretrained(
            NetworkSpec net,
            OptimConfig schedule,
            RcaeConfig rcae,
            long seed,
            Path extractor,
            Map<String, Object> dataRecord,
            ExperimentConfig config,
            Path runsDir,
            NDArray x,
            ProgressListener listener,
            BooleanSupplier stop) {
        Map<String, Object> key = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>(dataRecord);
        data.remove("source");
        key.put("data", data);
        key.put("preprocessing", config.preprocessing());
        key.put("network", net.name());
        if (net.refreshesBatchNorm()) { // absent for the LeNets, so their cache entries stay valid
            key.put("batchNormRefresh", Networks.BATCH_NORM_REFRESH_UPDATES);
        }
        // the layer layout too, so a cache written by a version with other blocks is not picked up
        try (ai.djl.Model probe = Networks.newModel("probe", net.autoencoder(), net, 0)) {
            key.put("parameters", Networks.parameterSignature(probe.getBlock()));
        }
        key.put("pretrain", schedule.toMap());
        if (rcae != null) { // absent for the plain autoencoder, so older cache entries stay valid
            key.put("rcae", rcae.toMap());
        }
        key.put("seed", seed);
        if (extractor != null) { // a head's autoencoder learns the file's features: another file, another entry
            try {
                key.put("extractorSha256", Hashing.sha256(extractor));
            } catch (IOException e) {
                throw new UncheckedIOException("TorchScript file " + extractor + " must be readable, found " + e, e);
            }
        }
        String hash = Hashing.sha256(Json.GSON.toJson(key)).substring(0, 16);
        Path dir = runsDir.resolve("_pretrained").resolve(net.name() + (rcae == null ? "-" : "-rcae-") + hash);
        Autoencoder ae;
        try {
            ae = Autoencoder.loadIfPresent(dir);
        } catch (IllegalArgumentException corrupt) {
            ae = null; // a damaged cache entry is rebuilt, never trusted
        }
        if (ae != null && (ae.outliers() != null) == (rcae != null)) {
            return ae;
        }
        if (ae != null) {
            ae.close(); // an entry of the other kind under this key is damaged: rebuild it
        }
        ae = Autoencoder.pretrain(net, x, schedule, rcae, seed, listener, stop);
        if (ae.history().stoppedEarly()) {
            ae.close();
            checkFinished(ae.history());
        }
        ae.save(dir);
        Json.write(dir.resolve("key.json"), key);
        return ae;
    }

    /** Batch sizes larger than the training set are refused (the last batch would be the whole set, silently). */
    private static void checkBatchSizes(DetectorSpec spec, int n) {
        OptimConfig pre = spec.pretrain();
        OptimConfig tr = null;
        if (spec instanceof DetectorSpec.Svdd s) {
            tr = s.config().train();
        } else if (spec instanceof DetectorSpec.Ocnn s) {
            tr = s.config().train();
        } else if (spec instanceof DetectorSpec.Shallow s && s.features() == FeatureSource.DEEP_SVDD) {
            tr = s.featureModel().train();
        }
        for (OptimConfig o : new OptimConfig[] {pre, tr}) {
            if (o != null && o.batchSize() > n) {
                throw new IllegalArgumentException("batch size must be at most the training set's size " + n
                        + ", found " + o.batchSize() + "; lower --batch / --ae-batch or raise --train-limit");
            }
        }
    }

    private static void checkWritable(Path runsDir) {
        try {
            Files.createDirectories(runsDir);
            Path probe = Files.createTempFile(runsDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "runs folder " + runsDir + " must be writable, found: " + e
                            + "; pass another --out folder or free space",
                    e);
        }
    }

    private static void writeScores(Path file, double[] scores, int[] labels, int[] predicted) {
        StringBuilder sb = new StringBuilder("index,label,score,predicted\n");
        for (int i = 0; i < scores.length; i++) {
            sb.append(i)
                    .append(',')
                    .append(labels[i])
                    .append(',')
                    .append(scores[i])
                    .append(',')
                    .append(predicted[i])
                    .append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Reads a run's results.json, or null if it is missing or cannot be parsed (an interrupted write). */
    static JsonObject readResults(Path dir) {
        Path f = dir.resolve(RESULTS);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonObject o = Json.read(f);
            return o != null && o.has("metrics") && o.has("name") ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
