package deepsvddlab.experiment;

import deepsvddlab.data.DataSource;
import deepsvddlab.data.DatasetId;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.ocnn.OcnnConfig;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.RcaeConfig;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The ablation grid of how the representation and the one-class objective interact: pretraining
 * {AE, RCAE} x objective {Deep SVDD, soft-boundary, OCNN} x regime {frozen, joint} x nu x
 * pollution, for chosen data sets, normal classes and seeds. One description gives every
 * {@link ExperimentConfig} ({@link #configs()}); {@link #run} runs them as a sweep (resumable:
 * finished runs are not redone, and runs of one data set, class, pollution, seed and pretraining
 * share one pretrained autoencoder through the cache), and {@link #table} aggregates AUROC over the
 * seeds, one row per cell.
 *
 * <p>The regime: <em>frozen</em> trains the one-class head on the pretrained encoder's features,
 * <em>joint</em> trains the encoder with it. Deep SVDD and soft-boundary have only the joint regime,
 * since their objective is what trains the encoder (a frozen Deep SVDD would be an untrained one);
 * the grid skips their frozen cells. For one-class Deep SVDD nu only sets the threshold (the
 * training-quantile outlier fraction), so its AUROC is the same for every nu.
 */
public record Ablation(
        List<DataSource> datasets,
        List<Integer> classes,
        List<Long> seeds,
        List<Pretraining> pretrainings,
        List<Objective> objectives,
        List<Regime> regimes,
        List<Double> nus,
        List<Double> pollutions,
        OptimConfig pretrain,
        OptimConfig svddTrain,
        OptimConfig ocnnTrain,
        RcaeConfig rcae,
        OcnnConfig.Joint joint,
        int trainLimit,
        int testLimit) {

    /** The autoencoder the method starts from. */
    public enum Pretraining {
        AE("ae"),
        RCAE("rcae");

        private final String id;

        Pretraining(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** The one-class objective. */
    public enum Objective {
        DEEP_SVDD("deep-svdd"),
        SOFT_BOUNDARY("soft-boundary"),
        OCNN("ocnn");

        private final String id;

        Objective(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** Whether the encoder stays as pretrained (frozen) or trains with the objective (joint). */
    public enum Regime {
        FROZEN("frozen"),
        JOINT("joint");

        private final String id;

        Regime(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * The source project's AUROCs (Chalapathy et al.'s robust and one-class networks, MNIST, nu = 0.01,
     * pollution 0.01): "digit|pretraining|objective|regime" to AUROC.
     */
    public static final Map<String, Double> REPORTED = reported();

    private static Map<String, Double> reported() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("0|ae|ocnn|frozen", 0.940);
        m.put("0|rcae|ocnn|frozen", 0.941);
        m.put("0|rcae|ocnn|joint", 0.963);
        m.put("0|rcae|deep-svdd|joint", 0.9905);
        m.put("0|rcae|soft-boundary|joint", 0.979);
        m.put("1|rcae|ocnn|joint", 0.968);
        m.put("1|rcae|deep-svdd|joint", 0.995);
        return Map.copyOf(m);
    }

    public Ablation {
        datasets = nonEmpty("datasets", datasets);
        classes = nonEmpty("classes", classes);
        seeds = nonEmpty("seeds", seeds);
        pretrainings = nonEmpty("pretrainings", pretrainings);
        objectives = nonEmpty("objectives", objectives);
        regimes = nonEmpty("regimes", regimes);
        nus = nonEmpty("nus", nus);
        pollutions = nonEmpty("pollutions", pollutions);
        for (double nu : nus) {
            if (!(nu > 0 && nu <= 1)) {
                throw new IllegalArgumentException(
                        "nu must be in (0, 1], found " + nu + "; the grid's default is" + " 0.01, 0.1");
            }
        }
        for (double p : pollutions) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException(
                        "pollution must be in [0, 1), found " + p + "; the grid's default is 0, 0.01, 0.05, 0.1");
            }
        }
        if (pretrain == null || svddTrain == null || ocnnTrain == null || rcae == null || joint == null) {
            throw new IllegalArgumentException(
                    "pretrain, svddTrain, ocnnTrain, rcae and joint must be set; start from" + " Ablation.builder()");
        }
        if (joint.fineTuneEpoch() > ocnnTrain.epochs()) {
            throw new IllegalArgumentException("joint.fineTuneEpoch must be at most the last epoch "
                    + ocnnTrain.epochs() + " (or 0), found " + joint.fineTuneEpoch());
        }
        if (!regimes.contains(Regime.JOINT) && !objectives.contains(Objective.OCNN)) {
            throw new IllegalArgumentException("the grid must hold a cell: Deep SVDD and soft-boundary run only in"
                    + " the joint regime, found regimes " + regimes + " and objectives " + objectives);
        }
    }

    private static <T> List<T> nonEmpty(String name, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(name + " must hold at least one value, found " + values);
        }
        return List.copyOf(values);
    }

    /** A builder with the grid on Fashion-MNIST class 0, seed 0, and the reference schedules. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of runs of the grid. */
    public int size() {
        return configs().size();
    }

    /**
     * Every run of the grid, ordered so that the runs sharing a pretrained autoencoder (data set,
     * class, seed, pollution, pretraining) come one after the other.
     */
    public List<ExperimentConfig> configs() {
        List<ExperimentConfig> out = new ArrayList<>();
        for (DataSource d : datasets) {
            for (int c : classes) {
                for (long seed : seeds) {
                    for (double p : pollutions) {
                        for (Pretraining pre : pretrainings) {
                            for (Objective o : objectives) {
                                for (Regime r : regimes) {
                                    if (o != Objective.OCNN && r == Regime.FROZEN) {
                                        continue;
                                    }
                                    for (double nu : nus) {
                                        out.add(new ExperimentConfig(
                                                d,
                                                c,
                                                p,
                                                d.colour() ? "gcn-l1-per-channel-minmax" : "gcn-l1-minmax",
                                                trainLimit,
                                                testLimit,
                                                seed,
                                                spec(network(d), pre, o, r, nu)));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The LeNet of the data: the CIFAR one for colour images, else the MNIST one. */
    static NetworkSpec network(DataSource d) {
        return d.colour() ? NetworkSpec.CIFAR_LENET : NetworkSpec.MNIST_LENET;
    }

    /** The detector of one cell. */
    DetectorSpec spec(NetworkSpec net, Pretraining pre, Objective o, Regime r, double nu) {
        RcaeConfig robust = pre == Pretraining.RCAE ? rcae : null;
        if (o == Objective.OCNN) {
            return new DetectorSpec.Ocnn(OcnnConfig.builder()
                    .network(net)
                    .pretrain(pretrain)
                    .rcae(robust)
                    .train(ocnnTrain)
                    .joint(r == Regime.JOINT ? joint : null)
                    .nu(nu)
                    .build());
        }
        return new DetectorSpec.Svdd(DeepSvddConfig.builder(net)
                .objective(
                        o == Objective.SOFT_BOUNDARY
                                ? deepsvddlab.svdd.Objective.SOFT_BOUNDARY
                                : deepsvddlab.svdd.Objective.ONE_CLASS)
                .nu(nu)
                .pretrain(pretrain)
                .rcae(robust)
                .train(svddTrain)
                .build());
    }

    /** The cell a run belongs to: everything but the seed. */
    public record Cell(
            String dataset,
            int normalClass,
            Pretraining pretraining,
            Objective objective,
            Regime regime,
            double nu,
            double pollution) {
        /** The cell of an experiment of this grid. */
        static Cell of(ExperimentConfig c) {
            DetectorSpec d = c.detector();
            Pretraining pre = d.rcae() == null ? Pretraining.AE : Pretraining.RCAE;
            Objective o;
            Regime r;
            double nu;
            if (d instanceof DetectorSpec.Ocnn s) {
                o = Objective.OCNN;
                r = s.config().joint() == null ? Regime.FROZEN : Regime.JOINT;
                nu = s.config().nu();
            } else if (d instanceof DetectorSpec.Svdd s) {
                o = s.config().objective() == deepsvddlab.svdd.Objective.SOFT_BOUNDARY
                        ? Objective.SOFT_BOUNDARY
                        : Objective.DEEP_SVDD;
                r = Regime.JOINT;
                nu = s.config().nu();
            } else {
                throw new IllegalArgumentException("an ablation run must be Deep SVDD or OCNN, found "
                        + d.method().id());
            }
            return new Cell(c.data().name(), c.normalClass(), pre, o, r, nu, c.pollution());
        }

        /** The key of {@link #REPORTED}. */
        String reportedKey() {
            return normalClass + "|" + pretraining.id() + "|" + objective.id() + "|" + regime.id();
        }
    }

    /** The grid's runs and their results, in the order of {@link #configs()}. */
    public record Result(List<ExperimentConfig> configs, List<RunResult> runs) {
        /** The aggregated table ({@link Ablation#table}). */
        public Table table() {
            return Ablation.table(configs, runs);
        }
    }

    /**
     * Runs the grid into {@code runsDir} as one sweep ({@link Sweep#run}: finished runs are read
     * back, not redone; {@code log} gets one progress line per run).
     */
    public Result run(
            Path dataDir, Path runsDir, ProgressListener listener, BooleanSupplier stop, Consumer<String> log) {
        List<ExperimentConfig> configs = configs();
        List<RunResult> runs = Sweep.run(configs, dataDir, runsDir, listener, stop, log);
        return new Result(configs.subList(0, runs.size()), runs);
    }

    /**
     * AUROC per cell: dataset, class, pretraining, objective, regime, nu, pollution, the number of
     * seeds, the mean and the sample standard deviation over the seeds (NaN for one), and the source
     * project's AUROC where it reports that cell (MNIST, nu = 0.01, pollution 0.01; our MNIST is the
     * 10,000-digit subset, so comparable in kind, not exactly). Cells in the order of the grid.
     */
    public static Table table(List<ExperimentConfig> configs, List<RunResult> runs) {
        if (configs.size() != runs.size()) {
            throw new IllegalArgumentException(
                    "configs and runs must be paired, found " + configs.size() + " and " + runs.size());
        }
        Map<Cell, List<Double>> cells = new LinkedHashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            cells.computeIfAbsent(Cell.of(configs.get(i)), k -> new ArrayList<>())
                    .add(runs.get(i).metric("auroc"));
        }
        Table t = Table.create("ablation")
                .addColumns(
                        StringColumn.create("dataset"),
                        IntColumn.create("class"),
                        StringColumn.create("pretraining"),
                        StringColumn.create("objective"),
                        StringColumn.create("regime"),
                        DoubleColumn.create("nu"),
                        DoubleColumn.create("pollution"),
                        IntColumn.create("seeds"),
                        DoubleColumn.create("auroc mean"),
                        DoubleColumn.create("auroc std"),
                        DoubleColumn.create("reported"));
        for (Map.Entry<Cell, List<Double>> e : cells.entrySet()) {
            Cell c = e.getKey();
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double ss =
                    java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            boolean mnist =
                    c.dataset().equals(DatasetId.MNIST.id()) || c.dataset().equals(DatasetId.MNIST_10K.id());
            Double reported = mnist && c.nu() == 0.01 && c.pollution() == 0.01 ? REPORTED.get(c.reportedKey()) : null;
            t.stringColumn("dataset").append(c.dataset());
            t.intColumn("class").append(c.normalClass());
            t.stringColumn("pretraining").append(c.pretraining().id());
            t.stringColumn("objective").append(c.objective().id());
            t.stringColumn("regime").append(c.regime().id());
            t.doubleColumn("nu").append(c.nu());
            t.doubleColumn("pollution").append(c.pollution());
            t.intColumn("seeds").append(v.length);
            t.doubleColumn("auroc mean").append(mean);
            t.doubleColumn("auroc std").append(v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN);
            t.doubleColumn("reported").append(reported == null ? Double.NaN : reported);
        }
        return t;
    }

    /**
     * The table with one column per pollution rate, each cell "mean ± std" of AUROC (for reading;
     * {@link #table} keeps the numbers).
     */
    public static Table wide(Table ablation) {
        List<Double> pollutions = new ArrayList<>();
        for (double p : ablation.doubleColumn("pollution")) {
            if (!pollutions.contains(p)) {
                pollutions.add(p);
            }
        }
        Table t = Table.create("ablation (AUROC mean ± std over seeds, by pollution)")
                .addColumns(
                        StringColumn.create("dataset"),
                        IntColumn.create("class"),
                        StringColumn.create("method"),
                        DoubleColumn.create("nu"));
        for (double p : pollutions) {
            t.addColumns(StringColumn.create(String.format(Locale.ROOT, "p=%.2f", p)));
        }
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (int i = 0; i < ablation.rowCount(); i++) {
            String method = ablation.stringColumn("pretraining").get(i) + " + "
                    + ablation.stringColumn("objective").get(i)
                    + (ablation.stringColumn("objective").get(i).equals("ocnn")
                            ? " " + ablation.stringColumn("regime").get(i)
                            : "");
            String key = ablation.stringColumn("dataset").get(i) + "|"
                    + ablation.intColumn("class").get(i) + "|" + method + "|"
                    + ablation.doubleColumn("nu").getDouble(i);
            Integer row = rows.get(key);
            if (row == null) {
                row = t.rowCount();
                rows.put(key, row);
                t.stringColumn("dataset")
                        .append(ablation.stringColumn("dataset").get(i));
                t.intColumn("class").append(ablation.intColumn("class").get(i));
                t.stringColumn("method").append(method);
                t.doubleColumn("nu").append(ablation.doubleColumn("nu").getDouble(i));
                for (double p : pollutions) {
                    t.stringColumn(String.format(Locale.ROOT, "p=%.2f", p)).append("");
                }
            }
            double mean = ablation.doubleColumn("auroc mean").getDouble(i);
            double std = ablation.doubleColumn("auroc std").getDouble(i);
            String cell = Double.isNaN(std)
                    ? String.format(Locale.ROOT, "%.3f", mean)
                    : String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
            t.stringColumn(String.format(
                            Locale.ROOT,
                            "p=%.2f",
                            ablation.doubleColumn("pollution").getDouble(i)))
                    .set(row, cell);
        }
        return t;
    }

    /** Builder; see {@link #builder()} for the defaults. */
    public static final class Builder {
        private List<DataSource> datasets = List.of(DataSource.of(DatasetId.FASHION_MNIST));
        private List<Integer> classes = List.of(0);
        private List<Long> seeds = List.of(0L);
        private List<Pretraining> pretrainings = List.of(Pretraining.values());
        private List<Objective> objectives = List.of(Objective.values());
        private List<Regime> regimes = List.of(Regime.values());
        private List<Double> nus = List.of(0.01, 0.1);
        private List<Double> pollutions = List.of(0.0, 0.01, 0.05, 0.1);
        private OptimConfig pretrain = OptimConfig.referencePretraining();
        private OptimConfig svddTrain = OptimConfig.referenceSvdd();
        private OptimConfig ocnnTrain = OcnnConfig.defaultTrain();
        private RcaeConfig rcae = new RcaeConfig(RcaeConfig.DEFAULT_LAMBDA, RcaeConfig.DEFAULT_EVERY);
        private OcnnConfig.Joint joint = OcnnConfig.Joint.defaults();
        private int trainLimit;
        private int testLimit;

        private Builder() {}

        public Builder datasets(List<DataSource> v) {
            datasets = v;
            return this;
        }

        public Builder classes(List<Integer> v) {
            classes = v;
            return this;
        }

        public Builder seeds(List<Long> v) {
            seeds = v;
            return this;
        }

        public Builder pretrainings(List<Pretraining> v) {
            pretrainings = v;
            return this;
        }

        public Builder objectives(List<Objective> v) {
            objectives = v;
            return this;
        }

        public Builder regimes(List<Regime> v) {
            regimes = v;
            return this;
        }

        public Builder nus(List<Double> v) {
            nus = v;
            return this;
        }

        public Builder pollutions(List<Double> v) {
            pollutions = v;
            return this;
        }

        /** The autoencoder's schedule (plain and RCAE alike). */
        public Builder pretrain(OptimConfig v) {
            pretrain = v;
            return this;
        }

        /** The Deep SVDD and soft-boundary schedule. */
        public Builder svddTrain(OptimConfig v) {
            svddTrain = v;
            return this;
        }

        /** The OCNN head's schedule (both regimes). */
        public Builder ocnnTrain(OptimConfig v) {
            ocnnTrain = v;
            return this;
        }

        public Builder rcae(RcaeConfig v) {
            rcae = v;
            return this;
        }

        public Builder joint(OcnnConfig.Joint v) {
            joint = v;
            return this;
        }

        /** The epochs of every phase: pretraining, and the training of each objective. */
        public Builder epochs(int pretrainEpochs, int trainEpochs) {
            pretrain = pretrain.withEpochs(pretrainEpochs);
            svddTrain = svddTrain.withEpochs(trainEpochs);
            ocnnTrain = ocnnTrain.withEpochs(trainEpochs);
            return this;
        }

        /** At most this many training / test images (stratified; 0 = all). */
        public Builder limits(int train, int test) {
            trainLimit = train;
            testLimit = test;
            return this;
        }

        public Ablation build() {
            return new Ablation(
                    datasets,
                    classes,
                    seeds,
                    pretrainings,
                    objectives,
                    regimes,
                    nus,
                    pollutions,
                    pretrain,
                    svddTrain,
                    ocnnTrain,
                    rcae,
                    joint,
                    trainLimit,
                    testLimit);
        }
    }
}
