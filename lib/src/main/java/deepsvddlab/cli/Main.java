package deepsvddlab.cli;

import deepsvddlab.data.Cifar10Reader;
import deepsvddlab.data.DataSource;
import deepsvddlab.data.DatasetId;
import deepsvddlab.data.Datasets;
import deepsvddlab.experiment.Ablation;
import deepsvddlab.experiment.DetectorSpec;
import deepsvddlab.experiment.DetectorSpec.FeatureSource;
import deepsvddlab.experiment.ExperimentConfig;
import deepsvddlab.experiment.Method;
import deepsvddlab.experiment.RunResult;
import deepsvddlab.experiment.Sweep;
import deepsvddlab.io.Names;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.ocnn.OcnnConfig;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.Objective;
import deepsvddlab.svdd.RcaeConfig;
import deepsvddlab.train.OptimConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code bin/dsvdd}: every method of the lab without Jupyter, through the one experiment layer
 * ({@link deepsvddlab.experiment.Experiment}). Subcommands: {@code run}, {@code sweep},
 * {@code score}, {@code runs}, {@code summary}. Exit codes: 0 ok, 1 a run failed, 2 a usage error (unknown
 * option, bad value: the message names the option, the rule and the fix).
 */
@Command(
        name = "dsvdd",
        mixinStandardHelpOptions = true,
        version = "deepsvdd-lab 0.1",
        description = "Deep one-class anomaly detection without Jupyter: each run writes one folder under --out"
                + " (config.json, history.csv, scores.csv, checkpoint/, results.json).",
        subcommands = {
            Main.Run.class,
            Main.FiguresCommand.class,
            Main.SweepCommand.class,
            Main.AblationCommand.class,
            Main.Score.class,
            Main.Runs.class,
            Main.Summary.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  a run failed (the message says why)",
            "  2  usage error: unknown option or bad value (the message names the option and the fix)"
        })
public final class Main implements Callable<Integer> {
    /** Exit code of a usage error. */
    public static final int USAGE = 2;

    /** Exit code of a failed run. */
    public static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ParameterException e, String[] a) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("dsvdd: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr())) {
                c.getErr()
                        .println("see: dsvdd " + (c.getCommandName().equals("dsvdd") ? "" : c.getCommandName() + " ")
                                + "--help");
            }
            return USAGE;
        });
        cl.setExecutionExceptionHandler((Exception e, CommandLine c, CommandLine.ParseResult r) -> {
            c.getErr().println("dsvdd " + c.getCommandName() + ": " + e.getMessage());
            return FAILED;
        });
        return cl.execute(args);
    }

    /** The data and protocol options every experiment command shares. */
    static final class DataOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(
                names = "--dataset",
                paramLabel = "ID",
                defaultValue = "fashion-mnist",
                description = "fashion-mnist, mnist, mnist-10k, cifar10, synthetic-colour, folder:PATH (your images,"
                        + " one sub-folder per class; grey, resized to 28x28), folder-rgb:PATH (the same in colour,"
                        + " resized to 32x32) or csv:PATH (feature vectors, MLP network; needs"
                        + " --label-column). A folder or CSV holds out a stratified 20%% of each class for testing"
                        + " (default: ${DEFAULT-VALUE})")
        String dataset;

        @Option(
                names = "--label-column",
                paramLabel = "NAME",
                description = "csv:PATH: the column that holds each row's class")
        String labelColumn;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "data folder (default: env DSVDD_DATA_DIR, else ./data)")
        Path data;

        @Option(
                names = "--out",
                paramLabel = "DIR",
                defaultValue = "runs",
                description = "runs folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(
                names = "--pollution",
                paramLabel = "F",
                defaultValue = "0",
                description =
                        "fraction of anomalies mixed into the training set, in [0, 1) (default: ${DEFAULT-VALUE})")
        double pollution;

        @Option(
                names = "--preprocessing",
                paramLabel = "P",
                description =
                        "gcn-l1-minmax (Ruff et al.), gcn-l1-per-channel-minmax (their CIFAR-10 variant),"
                                + " scale255 or none (default: gcn-l1-minmax; colour data: gcn-l1-per-channel-minmax; csv: none)")
        String preprocessing;

        @Option(
                names = "--train-limit",
                paramLabel = "N",
                description = "at most N training images (0 = all; --quick: 2000)")
        Integer trainLimit;

        @Option(
                names = "--test-limit",
                paramLabel = "N",
                description = "at most N test images, stratified (0 = all; --quick: 2000)")
        Integer testLimit;

        @Option(names = "--quick", description = "quick mode: 3 AE + 3 training epochs, 2000 train / 2000 test images")
        boolean quick;

        @Option(
                names = "--net",
                paramLabel = "NET",
                description =
                        "mnist-lenet (1x28x28), cifar-lenet or resnet18 (3x32x32), or mlp (csv:PATH); default: the"
                                + " data's (cifar-lenet for cifar10 and synthetic-colour)")
        String net;

        private DataSource source;
        private List<String> classNames;
        private NetworkSpec network;

        DataSource source() {
            if (source == null) {
                try {
                    source = DataSource.parse(dataset, labelColumn);
                } catch (IllegalArgumentException e) {
                    if (dataset.startsWith("folder:")
                            || dataset.startsWith("folder-rgb:")
                            || dataset.startsWith("csv:")) {
                        throw new ParameterException(
                                spec.commandLine(),
                                (e.getMessage().startsWith("--") ? "" : "--dataset ") + e.getMessage());
                    }
                    throw usage(
                            "--dataset",
                            "one of " + DatasetId.validIds() + ", folder:PATH, folder-rgb:PATH or csv:PATH",
                            dataset,
                            "pick one of them"
                                    + Names.didYouMean(
                                            dataset,
                                            List.of(DatasetId.validIds().split(", "))));
                }
            }
            return source;
        }

        /** The class names: the standard lists, or those of the user's folder or CSV (read once). */
        List<String> classNames() {
            if (classNames == null) {
                DataSource s = source();
                classNames = s.id() == null
                        ? s.load(dataDir()).train().classNames()
                        : switch (s.id()) {
                            case FASHION_MNIST -> Datasets.FASHION_MNIST_CLASSES;
                            case CIFAR10 -> Cifar10Reader.DEFAULT_CLASS_NAMES;
                            case SYNTHETIC_COLOUR -> deepsvddlab.data.SyntheticColour.CLASS_NAMES;
                            default -> Datasets.DIGIT_CLASSES;
                        };
            }
            return classNames;
        }

        /** The network the data needs: the MNIST LeNet for images, an MLP D-64-32 for a CSV of D features. */
        /**
         * The network: {@code --net}, else the data's default (the CIFAR LeNet for colour images, an MLP
         * D-64-32 for a CSV of D features, the MNIST LeNet for grey images).
         */
        NetworkSpec network() {
            if (network == null) {
                DataSource s = source();
                String name = net != null ? net.trim() : s.isCsv() ? "mlp" : s.colour() ? "cifar-lenet" : "mnist-lenet";
                network = switch (name) {
                    case "mnist-lenet" -> NetworkSpec.MNIST_LENET;
                    case "cifar-lenet" -> NetworkSpec.CIFAR_LENET;
                    case "resnet18" -> NetworkSpec.RESNET18;
                    case "mlp" -> {
                        if (!s.isCsv()) {
                            throw usage(
                                    "--net",
                                    "mnist-lenet, cifar-lenet or resnet18 for images",
                                    "'mlp'",
                                    "the MLP is for csv:PATH feature vectors");
                        }
                        yield NetworkSpec.mlp(s.csvFeatureCount(), 64, 32);
                    }
                    default ->
                        throw usage(
                                "--net",
                                "mnist-lenet, cifar-lenet, resnet18 or mlp",
                                "'" + name + "'",
                                "pick one"
                                        + Names.didYouMean(
                                                name, List.of("mnist-lenet", "cifar-lenet", "resnet18", "mlp")));
                };
            }
            return network;
        }

        Path dataDir() {
            return data != null ? data : Datasets.defaultDataDir();
        }

        /** The normal class from an index or a class name. */
        int classIndex(String option, String value) {
            try {
                return deepsvddlab.data.OneClassProtocol.classIndex(classNames(), value, option);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        spec.commandLine(), e.getMessage().replace(" of [", " of " + source().name() + " ["));
            }
        }

        ParameterException usage(String option, String rule, Object found, String fix) {
            return new ParameterException(
                    spec.commandLine(), option + " must be " + rule + ", found " + found + "; " + fix);
        }
    }

    /** The method options: which detector, and every constant that changes its result. */
    static final class MethodOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(
                names = "--objective",
                paramLabel = "O",
                defaultValue = "one-class",
                description = "deep-svdd / dspsvdd: one-class or soft-boundary (default: ${DEFAULT-VALUE})")
        String objective;

        @Option(
                names = "--nu",
                paramLabel = "NU",
                defaultValue = "0.1",
                description = "in (0, 1]: soft-boundary's and OCNN's nu, One-Class SVM's nu; for every method the"
                        + " fraction of training scores above the threshold (default: ${DEFAULT-VALUE})")
        double nu;

        @Option(
                names = "--mu1",
                paramLabel = "W",
                defaultValue = "1",
                description = "dspsvdd: weight of the SVDD term (default: ${DEFAULT-VALUE})")
        double mu1;

        @Option(
                names = "--mu2",
                paramLabel = "W",
                defaultValue = "0.1",
                description =
                        "dspsvdd: weight of the reconstruction term, or 'balanced': set when joint training"
                                + " starts so that both terms start equal, from the training normals (default: ${DEFAULT-VALUE})")
        String mu2;

        @Option(
                names = "--features",
                paramLabel = "F",
                defaultValue = "pixels",
                description = "isolation-forest / ocsvm: pixels, ae-codes, deep-svdd or torchscript:FILE (your frozen"
                        + " TorchScript network, e.g. an ImageNet ResNet-18; README); deep-svdd / dspsvdd with"
                        + " torchscript:FILE train an MLP head D-64-32 on its D features (default: ${DEFAULT-VALUE})")
        String features;

        /** The feature source of --features (torchscript:FILE is the TORCHSCRIPT source). */
        FeatureSource featureSource() {
            return features.startsWith("torchscript:") ? FeatureSource.TORCHSCRIPT : FeatureSource.parse(features);
        }

        /** The TorchScript file of --features torchscript:FILE, else null. */
        java.nio.file.Path extractor() {
            return features.startsWith("torchscript:") ? java.nio.file.Path.of(features.substring(12)) : null;
        }

        private final java.util.Map<java.nio.file.Path, Integer> featureDims = new java.util.HashMap<>();

        /**
         * The network {@code method} trains: the data's ({@code --net}), or for deep-svdd and dspsvdd on
         * {@code --features torchscript:FILE} the head on the file's features, an MLP D-64-32 (D read off
         * the file once, on a probe image of the data's shape).
         */
        NetworkSpec network(DataOptions d, Method method) {
            if (featureSource() != FeatureSource.TORCHSCRIPT) {
                return d.network();
            }
            if (method == Method.OCNN || method == Method.AE) {
                throw usage(
                        "--features torchscript:FILE",
                        "used with deep-svdd, dspsvdd, isolation-forest or ocsvm",
                        method.id(),
                        method.id() + " works on the images; run it without --features, or drop it from --methods");
            }
            if (method != Method.DEEP_SVDD && method != Method.DSPSVDD) {
                return d.network();
            }
            if (d.net != null) {
                throw usage(
                        "--net",
                        "left out with --features torchscript:FILE",
                        "'" + d.net + "'",
                        "Deep SVDD's network is then an MLP head D-64-32 on the file's D features; drop --net");
            }
            if (d.source().isCsv()) {
                throw usage(
                        "--features torchscript:FILE",
                        "used with image data",
                        d.source().name(),
                        "csv:PATH rows are feature vectors already; drop --features");
            }
            int dim = featureDims.computeIfAbsent(extractor(), f -> {
                boolean colour = d.source().colour();
                try (deepsvddlab.nn.TorchScriptEncoder e =
                        deepsvddlab.nn.TorchScriptEncoder.load(f, colour ? 3 : 1, colour ? 32 : 28, colour ? 32 : 28)) {
                    return e.featureDim();
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--features " + e.getMessage());
                }
            });
            return NetworkSpec.mlp(dim, 64, 32);
        }

        @Option(
                names = "--n-trees",
                paramLabel = "N",
                defaultValue = "100",
                description = "isolation-forest: trees (default: ${DEFAULT-VALUE})")
        int nTrees;

        @Option(
                names = "--max-samples",
                paramLabel = "N",
                defaultValue = "256",
                description = "isolation-forest: rows per tree (default: ${DEFAULT-VALUE})")
        int maxSamples;

        @Option(
                names = "--gamma",
                paramLabel = "G",
                defaultValue = "scale",
                description =
                        "ocsvm: RBF gamma > 0, or scale = 1 / (d * var(X)) as scikit-learn (default: ${DEFAULT-VALUE})")
        String gamma;

        @Option(
                names = "--hidden",
                paramLabel = "N",
                defaultValue = "32",
                description = "ocnn: hidden units (default: ${DEFAULT-VALUE})")
        int hidden;

        @Option(
                names = "--activation",
                paramLabel = "A",
                defaultValue = "sigmoid",
                description = "ocnn: sigmoid or linear (default: ${DEFAULT-VALUE})")
        String activation;

        @Option(
                names = "--regime",
                paramLabel = "R",
                defaultValue = "frozen",
                description = "ocnn: frozen (the head on the pretrained encoder's features) or joint (the encoder"
                        + " trains with the head at --encoder-lr) (default: ${DEFAULT-VALUE})")
        String regime;

        @Option(
                names = "--encoder-lr",
                paramLabel = "LR",
                defaultValue = "1e-5",
                description = "ocnn --regime joint: the encoder's learning rate (default: ${DEFAULT-VALUE})")
        double encoderLr;

        @Option(
                names = "--fine-tune-epoch",
                paramLabel = "E",
                defaultValue = "0",
                description = "ocnn --regime joint: from this 1-based epoch on, head and encoder train at"
                        + " --fine-tune-lr (0 = never) (default: ${DEFAULT-VALUE})")
        int fineTuneEpoch;

        @Option(
                names = "--fine-tune-lr",
                paramLabel = "LR",
                defaultValue = "1e-6",
                description =
                        "ocnn --regime joint: the learning rate of the fine-tuning stage (default: ${DEFAULT-VALUE})")
        double fineTuneLr;

        @Option(
                names = "--pretraining",
                paramLabel = "P",
                defaultValue = "ae",
                description = "ae (the plain autoencoder) or rcae (the robust one, whose sparse N absorbs outliers"
                        + " of the training set) (default: ${DEFAULT-VALUE})")
        String pretraining;

        @Option(
                names = "--rcae-lambda",
                paramLabel = "L",
                defaultValue = "0.1",
                description = "--pretraining rcae: the sparsity weight lambda of ||N||_1 (default: ${DEFAULT-VALUE})")
        double rcaeLambda;

        @Option(
                names = "--rcae-every",
                paramLabel = "N",
                defaultValue = "5",
                description = "--pretraining rcae: autoencoder epochs between updates of N (default: ${DEFAULT-VALUE})")
        int rcaeEvery;

        @Option(
                names = "--ae-epochs",
                paramLabel = "N",
                description = "pretraining epochs (default 150; --quick: 3; 0 = no pretraining, deep-svdd only)")
        Integer aeEpochs;

        @Option(names = "--epochs", paramLabel = "N", description = "training epochs (default 150; --quick: 3)")
        Integer epochs;

        @Option(
                names = "--ae-lr",
                paramLabel = "LR",
                defaultValue = "1e-4",
                description = "pretraining learning rate (default: ${DEFAULT-VALUE})")
        double aeLr;

        @Option(
                names = "--lr",
                paramLabel = "LR",
                defaultValue = "1e-4",
                description = "training learning rate (default: ${DEFAULT-VALUE})")
        double lr;

        @Option(
                names = "--ae-weight-decay",
                paramLabel = "W",
                defaultValue = "0.5e-3",
                description = "pretraining weight decay (default: ${DEFAULT-VALUE})")
        double aeWeightDecay;

        @Option(
                names = "--weight-decay",
                paramLabel = "W",
                description = "training weight decay (default 0.5e-6; ocnn: 0, its objective holds the norms)")
        Double weightDecay;

        @Option(
                names = "--ae-milestones",
                paramLabel = "E",
                split = ",",
                defaultValue = "50",
                description = "pretraining epochs at which lr x 0.1 (default: ${DEFAULT-VALUE}; 'none' for none)")
        List<String> aeMilestones;

        @Option(
                names = "--milestones",
                paramLabel = "E",
                split = ",",
                description = "training epochs at which lr x 0.1 (default 50; ocnn: none; 'none' for none)")
        List<String> milestones;

        @Option(
                names = "--ae-batch",
                paramLabel = "N",
                description = "pretraining batch size (default: the network's: 200 as the reference, 64 for resnet18)")
        Integer aeBatch;

        @Option(
                names = "--batch",
                paramLabel = "N",
                description = "training batch size (default: the network's: 200 as the reference, 64 for resnet18)")
        Integer batch;

        @Option(
                names = "--device",
                paramLabel = "D",
                defaultValue = "cpu",
                description = "cpu, gpu or gpu:N: where the networks run; a GPU needs libtorch's CUDA build on the"
                        + " classpath (README, \"GPU\"); recorded in each run's provenance (default: ${DEFAULT-VALUE})")
        String device;

        ParameterException usage(String option, String rule, Object found, String fix) {
            return new ParameterException(
                    spec.commandLine(), option + " must be " + rule + ", found " + found + "; " + fix);
        }

        private void checkPositive(String option, double v, String fix) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw usage(option, "a number > 0", v, fix);
            }
        }

        /** A batch option's value (--batch, --ae-batch), else the network's ({@link NetworkSpec#trainingBatch()}). */
        private static int batchOr(Integer given, NetworkSpec net) {
            return given != null ? given : net.trainingBatch();
        }

        private void checkAtLeast(String option, long v, long min, String fix) {
            if (v < min) {
                throw usage(option, "an integer >= " + min, v, fix);
            }
        }

        private List<Integer> milestoneList(String option, List<String> values) {
            List<Integer> out = new ArrayList<>();
            if (values.size() == 1 && values.get(0).equals("none")) {
                return out;
            }
            for (String s : values) {
                try {
                    int m = Integer.parseInt(s.trim());
                    checkAtLeast(option, m, 1, "give 1-based epoch numbers, e.g. 50, or none");
                    out.add(m);
                } catch (NumberFormatException e) {
                    throw usage(
                            option,
                            "a comma-separated list of epoch numbers or none",
                            "'" + s + "'",
                            "e.g. 50 or 50,100");
                }
            }
            return out;
        }

        /** Checks every value before anything runs (and picks the device). */
        void validate(boolean quick) {
            try {
                deepsvddlab.nn.Devices.use(device);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--device: " + e.getMessage());
            }
            if (!objective.equals("one-class") && !objective.equals("soft-boundary")) {
                throw usage(
                        "--objective",
                        "one-class or soft-boundary",
                        "'" + objective + "'",
                        "pick one" + Names.didYouMean(objective, List.of("one-class", "soft-boundary")));
            }
            if (!(nu > 0 && nu <= 1)) {
                throw usage("--nu", "in (0, 1]", nu, "nu is the fraction of training points outside, try 0.1");
            }
            if (DeepSvddConfig.BALANCED.equals(mu2)) {
                if (!(mu1 > 0)) {
                    throw usage("--mu1", "> 0 with --mu2 balanced", mu1, "mu2 is set to mu1 * L_svdd / L_rec");
                }
            } else {
                double w = mu2Value();
                if (!(mu1 >= 0) || !(w >= 0) || mu1 + w == 0) {
                    throw usage(
                            "--mu1 and --mu2", ">= 0 and not both 0", mu1 + " and " + mu2, "the default is 1 and 0.1");
                }
            }
            try {
                featureSource();
            } catch (IllegalArgumentException e) {
                throw usage(
                        "--features",
                        "pixels, ae-codes, deep-svdd or torchscript:FILE",
                        "'" + features + "'",
                        "pick one" + Names.didYouMean(features, List.of("pixels", "ae-codes", "deep-svdd")));
            }
            if (featureSource() == FeatureSource.TORCHSCRIPT && extractor() == null) {
                throw usage(
                        "--features",
                        "torchscript:FILE for TorchScript features",
                        "'" + features + "'",
                        "name the file: --features torchscript:resnet18.pt");
            }
            if (extractor() != null && !java.nio.file.Files.isRegularFile(extractor())) {
                throw usage(
                        "--features torchscript:FILE",
                        "an existing TorchScript file",
                        "nothing at " + extractor(),
                        "export one with torch.jit.trace(model, example).save(path) (README)");
            }
            checkAtLeast("--n-trees", nTrees, 1, "100 is the usual choice");
            checkAtLeast("--max-samples", maxSamples, 2, "256 is the usual choice");
            if (!gamma.equals("scale")) {
                try {
                    checkPositive("--gamma", Double.parseDouble(gamma), "or use scale");
                } catch (NumberFormatException e) {
                    throw usage("--gamma", "a number > 0 or scale", "'" + gamma + "'", "e.g. 0.01 or scale");
                }
            }
            checkAtLeast("--hidden", hidden, 1, "try 32");
            if (!activation.equals("sigmoid") && !activation.equals("linear")) {
                throw usage("--activation", "sigmoid or linear", "'" + activation + "'", "the paper uses sigmoid");
            }
            if (!regime.equals("frozen") && !regime.equals("joint")) {
                throw usage(
                        "--regime",
                        "frozen or joint",
                        "'" + regime + "'",
                        "pick one" + Names.didYouMean(regime, List.of("frozen", "joint")));
            }
            checkPositive("--encoder-lr", encoderLr, "try 1e-5, a tenth of the head's --lr");
            checkAtLeast("--fine-tune-epoch", fineTuneEpoch, 0, "give a 1-based epoch, or 0 for no fine-tuning stage");
            if (fineTuneEpoch > epochs(quick)) {
                throw usage(
                        "--fine-tune-epoch",
                        "at most the last epoch " + epochs(quick) + " (or 0)",
                        fineTuneEpoch,
                        "pick an epoch within --epochs");
            }
            checkPositive("--fine-tune-lr", fineTuneLr, "try 1e-6");
            if (!pretraining.equals("ae") && !pretraining.equals("rcae")) {
                throw usage(
                        "--pretraining",
                        "ae or rcae",
                        "'" + pretraining + "'",
                        "pick one" + Names.didYouMean(pretraining, List.of("ae", "rcae")));
            }
            checkPositive("--rcae-lambda", rcaeLambda, "try 0.1 to 1 for images in [0, 1]");
            checkAtLeast("--rcae-every", rcaeEvery, 1, "e.g. 5");
            checkAtLeast("--ae-epochs", aeEpochs(quick), 0, "use 150 (the reference) or 0 for no pretraining");
            checkAtLeast("--epochs", epochs(quick), 1, "use at least 1 epoch (the reference uses 150)");
            checkPositive("--ae-lr", aeLr, "the reference uses 1e-4");
            checkPositive("--lr", lr, "the reference uses 1e-4");
            if (!(aeWeightDecay >= 0)) {
                throw usage("--ae-weight-decay", ">= 0", aeWeightDecay, "the reference uses 0.5e-3");
            }
            if (weightDecay != null && !(weightDecay >= 0)) {
                throw usage("--weight-decay", ">= 0", weightDecay, "the reference uses 0.5e-6");
            }
            milestoneList("--ae-milestones", aeMilestones);
            if (milestones != null) {
                milestoneList("--milestones", milestones);
            }
            if (aeBatch != null) {
                checkAtLeast("--ae-batch", aeBatch, 1, "the reference uses 200");
            }
            if (batch != null) {
                checkAtLeast("--batch", batch, 1, "the reference uses 200");
            }
        }

        int aeEpochs(boolean quick) {
            return aeEpochs != null ? aeEpochs : quick ? 3 : 150;
        }

        int epochs(boolean quick) {
            return epochs != null ? epochs : quick ? 3 : 150;
        }

        /** The detector specification of {@code method} from these options. */
        DetectorSpec spec(Method method, boolean quick, NetworkSpec net) {
            int aeE = aeEpochs(quick);
            OptimConfig pretrain = aeE == 0
                    ? null
                    : new OptimConfig(
                            aeE,
                            aeLr,
                            aeWeightDecay,
                            milestoneList("--ae-milestones", aeMilestones),
                            0.1,
                            batchOr(aeBatch, net));
            List<Integer> ms = milestones == null ? null : milestoneList("--milestones", milestones);
            if (pretrain == null
                    && method != Method.DEEP_SVDD
                    && !(method == Method.ISOLATION_FOREST || method == Method.OCSVM)) {
                throw usage(
                        "--ae-epochs", ">= 1 for " + method, 0, "only deep-svdd can start from an untrained network");
            }
            RcaeConfig rcae = pretraining.equals("rcae") ? new RcaeConfig(rcaeLambda, rcaeEvery) : null;
            if (rcae != null && pretrain == null) {
                throw usage("--ae-epochs", ">= 1 with --pretraining rcae", 0, "RCAE is a pretraining");
            }
            if (regime.equals("joint") && method != Method.OCNN) {
                throw usage(
                        "--regime",
                        "frozen for " + method.id() + " (joint is an OCNN regime)",
                        "'joint'",
                        "Deep SVDD always trains its encoder; use --method ocnn for the joint regime");
            }
            switch (method) {
                case DEEP_SVDD, DSPSVDD -> {
                    return new DetectorSpec.Svdd(
                            svdd(method, net, pretrain, rcae, ms, quick),
                            featureSource() == FeatureSource.TORCHSCRIPT ? extractor() : null);
                }
                case OCNN -> {
                    OptimConfig head = new OptimConfig(
                            epochs(quick),
                            lr,
                            weightDecay == null ? 0 : weightDecay,
                            ms == null ? List.of() : ms,
                            0.1,
                            batchOr(batch, net));
                    return new DetectorSpec.Ocnn(OcnnConfig.builder()
                            .network(net)
                            .pretrain(pretrain)
                            .rcae(rcae)
                            .train(head)
                            .joint(
                                    regime.equals("joint")
                                            ? new OcnnConfig.Joint(encoderLr, fineTuneEpoch, fineTuneLr)
                                            : null)
                            .hiddenUnits(hidden)
                            .nu(nu)
                            .activation(
                                    activation.equals("linear")
                                            ? OcnnConfig.Activation.LINEAR
                                            : OcnnConfig.Activation.SIGMOID)
                            .build());
                }
                case AE -> {
                    return new DetectorSpec.Ae(net, pretrain, rcae, 0, nu);
                }
                default -> {
                    FeatureSource f = featureSource();
                    if (f == FeatureSource.AE_CODES && pretrain == null) {
                        throw usage(
                                "--ae-epochs",
                                ">= 1 for ae-codes features",
                                0,
                                "the codes come from the pretrained autoencoder");
                    }
                    if ((f == FeatureSource.PIXELS || f == FeatureSource.TORCHSCRIPT) && rcae != null) {
                        throw usage(
                                "--pretraining",
                                "ae for pixel features",
                                "'rcae'",
                                "pixels need no autoencoder; use --features ae-codes or deep-svdd with rcae");
                    }
                    DeepSvddConfig fm = f == FeatureSource.PIXELS || f == FeatureSource.TORCHSCRIPT
                            ? null
                            : svdd(Method.DEEP_SVDD, net, pretrain, rcae, ms, quick);
                    double g = gamma.equals("scale") ? Double.NaN : Double.parseDouble(gamma);
                    return new DetectorSpec.Shallow(method, f, fm, extractor(), nTrees, maxSamples, nu, g, 0);
                }
            }
        }

        private DeepSvddConfig svdd(
                Method method,
                NetworkSpec net,
                OptimConfig pretrain,
                RcaeConfig rcae,
                List<Integer> ms,
                boolean quick) {
            OptimConfig train = new OptimConfig(
                    epochs(quick),
                    lr,
                    weightDecay == null ? 0.5e-6 : weightDecay,
                    ms == null ? List.of(50) : ms,
                    0.1,
                    batchOr(batch, net));
            DeepSvddConfig.Builder b = DeepSvddConfig.builder(net)
                    .method(method == Method.DSPSVDD ? DeepSvddConfig.Method.DSPSVDD : DeepSvddConfig.Method.DEEP_SVDD)
                    .objective(objective.equals("soft-boundary") ? Objective.SOFT_BOUNDARY : Objective.ONE_CLASS)
                    .nu(nu)
                    .pretrain(pretrain)
                    .rcae(rcae)
                    .train(train);
            return (DeepSvddConfig.BALANCED.equals(mu2) ? b.muBalanced(mu1) : b.mu(mu1, mu2Value())).build();
        }

        /** --mu2 as a number (validate() has refused anything else but "balanced"). */
        private double mu2Value() {
            try {
                return Double.parseDouble(mu2);
            } catch (NumberFormatException e) {
                throw usage("--mu2", "a number >= 0 or 'balanced'", "'" + mu2 + "'", "for example --mu2 0.1");
            }
        }
    }

    /** Builds the experiment configs, turning a config's own refusal into a usage error. */
    static ExperimentConfig experiment(DataOptions d, MethodOptions m, Method method, int normalClass, long seed) {
        DataSource source = d.source();
        String preprocessing = d.preprocessing != null
                ? d.preprocessing
                : source.isCsv() ? "none" : source.colour() ? "gcn-l1-per-channel-minmax" : "gcn-l1-minmax";
        if (!(d.pollution >= 0 && d.pollution < 1)) {
            throw d.usage("--pollution", "in [0, 1)", d.pollution, "0 means clean training data, try 0.05");
        }
        if (!ExperimentConfig.PREPROCESSINGS.contains(preprocessing)) {
            throw d.usage(
                    "--preprocessing",
                    String.join(", ", ExperimentConfig.PREPROCESSINGS),
                    "'" + preprocessing + "'",
                    "gcn-l1-minmax is Ruff et al.'s");
        }
        int trainLimit = d.trainLimit != null ? d.trainLimit : d.quick ? 2000 : 0;
        int testLimit = d.testLimit != null ? d.testLimit : d.quick ? 2000 : 0;
        if (trainLimit < 0) {
            throw d.usage("--train-limit", ">= 0 (0 = all)", trainLimit, "give a number of images");
        }
        if (testLimit < 0) {
            throw d.usage("--test-limit", ">= 0 (0 = all)", testLimit, "give a number of images");
        }
        m.validate(d.quick);
        try {
            return new ExperimentConfig(
                    source,
                    normalClass,
                    d.pollution,
                    preprocessing,
                    trainLimit,
                    testLimit,
                    seed,
                    m.spec(method, d.quick, m.network(d, method)));
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage().startsWith("dataset ") ? "--" + e.getMessage() : e.getMessage();
            throw new ParameterException(d.spec.commandLine(), msg);
        }
    }

    static Method method(DataOptions d, String value) {
        try {
            return Method.parse(value);
        } catch (IllegalArgumentException e) {
            throw d.usage(
                    "--method",
                    "one of " + Method.ids(),
                    "'" + value + "'",
                    "pick one" + Names.didYouMean(value, List.of(Method.ids().split(", "))));
        }
    }

    /** A sweep's closing lines: the summary table, where summary.csv is, and the summary chart. */
    static void printSweepSummary(PrintWriter out, Path dir, List<RunResult> runs) {
        Table summary = Sweep.summary(runs);
        out.println(rounded(summary));
        out.println("summary of every run in " + dir + ": " + dir.resolve("summary.csv") + ", chart "
                + summaryChart(summary, dir).getFileName());
    }

    /** The run's figure set in its folder, as "DIR/figures (roc, pr, ...)". */
    static String figures(RunResult run) {
        List<Path> pngs = deepsvddlab.report.RunFigures.write(run);
        return run.dir().resolve("figures") + " ("
                + String.join(
                        ", ",
                        pngs.stream()
                                .map(p -> p.getFileName().toString().replace(".png", ""))
                                .toList()) + ")";
    }

    /**
     * summary-auroc.png and .html in the runs folder: AUROC per class (and "all", the mean over
     * classes), one bar per method, error bars the std over seeds.
     */
    static Path summaryChart(Table summary, Path out) {
        return deepsvddlab.display.Figures.save(
                out, "summary-auroc", deepsvddlab.report.SummaryReport.chart(summary, "auroc"));
    }

    /** The table with every number shown to 4 decimals (the CSV files keep full precision). */
    static String rounded(tech.tablesaw.api.Table t) {
        for (tech.tablesaw.columns.Column<?> c : t.columns()) {
            if (c instanceof tech.tablesaw.api.DoubleColumn d) {
                d.setPrintFormatter(tech.tablesaw.columns.numbers.NumberColumnFormatter.fixedWithGrouping(4));
            }
        }
        return t.printAll();
    }

    static void printResult(PrintWriter out, RunResult r) {
        out.printf(
                Locale.ROOT,
                "%s: AUROC %.4f, PR-AUC %.4f, FPR@95%%TPR %.4f, F1 %.4f, MCC %.4f (%s)%n",
                r.name(),
                r.metric("auroc"),
                r.metric("prAuc"),
                r.metric("fprAt95Tpr"),
                r.metric("f1"),
                r.metric("mcc"),
                r.cached() ? "finished before, not redone" : String.format(Locale.ROOT, "%.1f s", r.seconds()));
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Run one experiment (or report it, if the same configuration has finished before).")
    static final class Run implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Mixin
        MethodOptions options;

        @Option(
                names = "--method",
                paramLabel = "M",
                defaultValue = "deep-svdd",
                description = "deep-svdd, dspsvdd, ocnn, ae, isolation-forest or ocsvm (default: ${DEFAULT-VALUE})")
        String method;

        @Option(
                names = {"--class", "--normal-class"},
                paramLabel = "C",
                defaultValue = "0",
                description = "normal class: index or name (default: ${DEFAULT-VALUE})")
        String normalClass;

        @Option(
                names = "--seed",
                paramLabel = "S",
                defaultValue = "0",
                description = "seed of split, initialisation and shuffling (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            ExperimentConfig c =
                    experiment(data, options, method(data, method), data.classIndex("--class", normalClass), seed);
            PrintWriter out = data.spec.commandLine().getOut();
            List<RunResult> r = Sweep.run(
                    List.of(c), data.dataDir(), data.out, deepsvddlab.display.Progress.console(), () -> false, s -> {});
            printResult(out, r.get(0));
            out.println("run folder: " + r.get(0).dir());
            out.println("figures: " + figures(r.get(0)));
            out.println("summary of every run in " + data.out + ": " + data.out.resolve("summary.csv"));
            return 0;
        }
    }

    @Command(
            name = "sweep",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Run classes x methods x seeds; resumable (finished runs are not redone).")
    static final class SweepCommand implements Callable<Integer> {
        @Mixin
        DataOptions data;

        @Mixin
        MethodOptions options;

        @Option(
                names = "--methods",
                paramLabel = "M",
                split = ",",
                defaultValue = "deep-svdd",
                description = "comma-separated methods (default: ${DEFAULT-VALUE})")
        List<String> methods;

        @Option(
                names = "--classes",
                paramLabel = "C",
                split = ",",
                defaultValue = "all",
                description = "all, or comma-separated indices or names (default: ${DEFAULT-VALUE})")
        List<String> classes;

        @Option(
                names = "--seeds",
                paramLabel = "S",
                split = ",",
                defaultValue = "0",
                description = "comma-separated seeds (default: ${DEFAULT-VALUE})")
        List<Long> seeds;

        @Option(
                names = "--shard",
                paramLabel = "I/N",
                description = "run only the I-th of N disjoint parts (0 <= I < N; the runs of one class and seed"
                        + " stay together), for a scheduler to spread the sweep")
        String shard;

        @Option(
                names = "--jobs",
                paramLabel = "P",
                defaultValue = "1",
                description = "run the sweep as P processes on this machine (sweep --shard i/P each, the PyTorch"
                        + " threads split between them); on 2 cores 1 and 2 give the same throughput"
                        + " (bench/README) (default: ${DEFAULT-VALUE})")
        int jobs;

        @Option(
                names = "--slurm",
                description = "write a Slurm job array over --shards parts plus a dependent summary job"
                        + " (into <out>/slurm/) instead of running")
        boolean slurm;

        @Option(names = "--submit", description = "with --slurm: submit both jobs with sbatch")
        boolean submit;

        /** Set by {@code --jobs} for its child processes: the parent prints the one summary at the end. */
        @Option(names = "--no-summary-table", hidden = true)
        boolean noSummaryTable;

        @Option(
                names = "--shards",
                paramLabel = "N",
                defaultValue = "4",
                description = "with --slurm: array size (default: ${DEFAULT-VALUE})")
        int shards;

        @Option(
                names = "--slurm-cpus",
                paramLabel = "C",
                defaultValue = "1",
                description = "with --slurm: CPUs (and PyTorch threads) per shard (default: ${DEFAULT-VALUE})")
        int slurmCpus;

        @Option(
                names = "--slurm-option",
                paramLabel = "OPT",
                description = "with --slurm: an extra #SBATCH line, e.g. --slurm-option=--time=04:00:00 (repeatable)")
        List<String> slurmOptions = new ArrayList<>();

        @Override
        public Integer call() {
            List<Integer> cls = new ArrayList<>();
            if (classes.size() == 1 && classes.get(0).equals("all")) {
                for (int i = 0; i < data.classNames().size(); i++) {
                    cls.add(i);
                }
            } else {
                for (String s : classes) {
                    cls.add(data.classIndex("--classes", s));
                }
            }
            List<ExperimentConfig> configs = new ArrayList<>();
            for (long seed : seeds) {
                for (int c : cls) {
                    for (String m : methods) {
                        configs.add(experiment(data, options, method(data, m.trim()), c, seed));
                    }
                }
            }
            PrintWriter out = data.spec.commandLine().getOut();
            if (jobs < 1 || (jobs > 1 && (slurm || shard != null))) {
                throw data.usage(
                        "--jobs",
                        "at least 1, and 1 with --slurm or --shard",
                        String.valueOf(jobs),
                        "use --jobs for this machine, --shard or --slurm for a scheduler");
            }
            if (jobs > 1) {
                int code = LocalJobs.run(data.spec.commandLine(), out, jobs);
                if (code != 0) {
                    return code;
                }
                printSweepSummary(out, data.out, Sweep.summarize(data.out));
                return 0;
            }
            if (slurm) {
                return SlurmScripts.write(
                        data.spec.commandLine(),
                        out,
                        data.out,
                        shards,
                        slurmCpus,
                        slurmOptions,
                        submit,
                        configs.size());
            }
            if (shard != null) {
                java.util.regex.Matcher sm =
                        java.util.regex.Pattern.compile("(\\d+)/(\\d+)").matcher(shard.trim());
                if (!sm.matches()) {
                    throw data.usage("--shard", "I/N with 0 <= I < N", shard, "e.g. --shard 0/4");
                }
                int i = Integer.parseInt(sm.group(1));
                int n = Integer.parseInt(sm.group(2));
                if (n < 1 || i >= n) {
                    throw data.usage(
                            "--shard",
                            "I/N with 0 <= I < N",
                            shard,
                            "the parts are 0/" + Math.max(n, 1) + " .. " + (Math.max(n, 1) - 1) + "/" + Math.max(n, 1));
                }
                int all = configs.size();
                configs = Sweep.shard(configs, i, n);
                out.printf(Locale.ROOT, "shard %d/%d: %d of the sweep's %d runs%n", i, n, configs.size(), all);
            }
            Sweep.run(
                    configs,
                    data.dataDir(),
                    data.out,
                    deepsvddlab.display.Progress.console(),
                    () -> false,
                    out::println);
            if (!noSummaryTable) {
                printSweepSummary(out, data.out, Sweep.finishedRuns(data.out));
            }
            return 0;
        }
    }

    @Command(
            name = "runs",
            mixinStandardHelpOptions = true,
            description = "List the finished runs of a runs folder as a table.")
    static final class Runs implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--out",
                paramLabel = "DIR",
                defaultValue = "runs",
                description = "runs folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() {
            List<RunResult> runs = Sweep.finishedRuns(out);
            PrintWriter w = spec.commandLine().getOut();
            w.println(runs.isEmpty() ? "no finished runs in " + out : rounded(Sweep.runsTable(runs)));
            return 0;
        }
    }

    @Command(
            name = "figures",
            mixinStandardHelpOptions = true,
            description = "Draw a finished run's figure set (ROC, PR, scores with the threshold, confusion matrix, "
                    + "one loss chart per phase) into <run>/figures/, as PNG and HTML.")
    static final class FiguresCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--run",
                paramLabel = "DIR",
                required = true,
                description = "a finished run folder (one of bin/dsvdd runs)")
        Path run;

        @Override
        public Integer call() {
            RunResult r = RunResult.loadIfFinished(run);
            if (r == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--run must be a finished run folder (with results.json), found " + run
                                + "; list them with bin/dsvdd runs");
            }
            spec.commandLine().getOut().println("figures: " + figures(r));
            return 0;
        }
    }

    @Command(
            name = "ablation",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Run the ablation grid: pretraining x objective x regime x nu x pollution, for data sets x classes x"
                        + " seeds; resumable. Writes ablation.csv (AUROC mean and std over seeds per cell),"
                        + " ablation-wide.csv and one ablation-pollution chart per data set and nu into --out.",
                "Deep SVDD and soft-boundary run only in the joint regime (their objective trains the encoder)."
            })
    static final class AblationCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--datasets",
                paramLabel = "D",
                split = ",",
                defaultValue = "fashion-mnist",
                description = "comma-separated data sets (default: ${DEFAULT-VALUE})")
        List<String> datasets;

        @Option(
                names = "--classes",
                paramLabel = "C",
                split = ",",
                defaultValue = "0",
                description = "comma-separated normal classes, by index (default: ${DEFAULT-VALUE})")
        List<Integer> classes;

        @Option(
                names = "--seeds",
                paramLabel = "S",
                split = ",",
                defaultValue = "0",
                description = "comma-separated seeds (default: ${DEFAULT-VALUE})")
        List<Long> seeds;

        @Option(
                names = "--pretrainings",
                paramLabel = "P",
                split = ",",
                defaultValue = "ae,rcae",
                description = "ae, rcae (default: ${DEFAULT-VALUE})")
        List<String> pretrainings;

        @Option(
                names = "--objectives",
                paramLabel = "O",
                split = ",",
                defaultValue = "deep-svdd,soft-boundary,ocnn",
                description = "deep-svdd, soft-boundary, ocnn (default: ${DEFAULT-VALUE})")
        List<String> objectives;

        @Option(
                names = "--regimes",
                paramLabel = "R",
                split = ",",
                defaultValue = "frozen,joint",
                description = "frozen, joint (default: ${DEFAULT-VALUE})")
        List<String> regimes;

        @Option(
                names = "--nus",
                paramLabel = "NU",
                split = ",",
                defaultValue = "0.01,0.1",
                description = "comma-separated nu in (0, 1] (default: ${DEFAULT-VALUE})")
        List<Double> nus;

        @Option(
                names = "--pollutions",
                paramLabel = "P",
                split = ",",
                defaultValue = "0,0.01,0.05,0.1",
                description = "comma-separated shares of anomalies in the training set, in [0, 1)"
                        + " (default: ${DEFAULT-VALUE})")
        List<Double> pollutions;

        @Option(
                names = "--ae-epochs",
                paramLabel = "N",
                description = "pretraining epochs, AE and RCAE (default 150; --quick: 3)")
        Integer aeEpochs;

        @Option(
                names = "--epochs",
                paramLabel = "N",
                description = "training epochs of every objective (default 150; --quick: 3)")
        Integer epochs;

        @Option(
                names = "--rcae-lambda",
                paramLabel = "L",
                defaultValue = "0.1",
                description = "RCAE's sparsity weight lambda (default: ${DEFAULT-VALUE})")
        double rcaeLambda;

        @Option(
                names = "--encoder-lr",
                paramLabel = "LR",
                defaultValue = "1e-5",
                description = "the joint OCNN's encoder learning rate (default: ${DEFAULT-VALUE})")
        double encoderLr;

        @Option(
                names = "--train-limit",
                paramLabel = "N",
                description = "at most N training images, stratified (0 = all; --quick: 2000)")
        Integer trainLimit;

        @Option(
                names = "--test-limit",
                paramLabel = "N",
                description = "at most N test images, stratified (0 = all; --quick: 2000)")
        Integer testLimit;

        @Option(
                names = "--batch",
                paramLabel = "N",
                defaultValue = "200",
                description = "batch size of every phase (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--quick", description = "quick mode: 3 + 3 epochs, 2000 train / 2000 test images")
        boolean quick;

        @Option(
                names = "--data",
                paramLabel = "DIR",
                description = "data folder (default: env DSVDD_DATA_DIR, else ./data)")
        Path data;

        @Option(
                names = "--out",
                paramLabel = "DIR",
                defaultValue = "runs/ablation",
                description = "runs folder (default: ${DEFAULT-VALUE})")
        Path out;

        private ParameterException usage(String option, String rule, Object found, String fix) {
            return new ParameterException(
                    spec.commandLine(), option + " must be " + rule + ", found " + found + "; " + fix);
        }

        private <E extends Enum<E>> List<E> ids(
                String option, List<String> values, E[] all, java.util.function.Function<E, String> id) {
            List<String> valid = java.util.Arrays.stream(all).map(id).toList();
            List<E> out = new ArrayList<>();
            for (String v : values) {
                int k = valid.indexOf(v.trim());
                if (k < 0) {
                    throw usage(
                            option,
                            "a comma-separated list of " + String.join(", ", valid),
                            "'" + v + "'",
                            "pick from them" + Names.didYouMean(v.trim(), valid));
                }
                out.add(all[k]);
            }
            return out;
        }

        Ablation grid() {
            List<DataSource> sources = new ArrayList<>();
            for (String d : datasets) {
                try {
                    sources.add(DataSource.of(DatasetId.parse(d.trim())));
                } catch (IllegalArgumentException e) {
                    throw usage(
                            "--datasets",
                            "a comma-separated list of " + DatasetId.validIds(),
                            "'" + d + "'",
                            "pick from them"
                                    + Names.didYouMean(
                                            d.trim(),
                                            List.of(DatasetId.validIds().split(", "))));
                }
            }
            for (int c : classes) {
                if (c < 0 || c > 9) {
                    throw usage("--classes", "class indices 0 .. 9", c, "e.g. --classes 0,1");
                }
            }
            for (double nu : nus) {
                if (!(nu > 0 && nu <= 1)) {
                    throw usage("--nus", "values in (0, 1]", nu, "e.g. --nus 0.01,0.1");
                }
            }
            for (double p : pollutions) {
                if (!(p >= 0 && p < 1)) {
                    throw usage("--pollutions", "values in [0, 1)", p, "e.g. --pollutions 0,0.05,0.1");
                }
            }
            int aeE = aeEpochs != null ? aeEpochs : quick ? 3 : 150;
            int e = epochs != null ? epochs : quick ? 3 : 150;
            if (aeE < 1) {
                throw usage("--ae-epochs", "an integer >= 1", aeE, "every cell starts from a pretrained autoencoder");
            }
            if (e < 1) {
                throw usage("--epochs", "an integer >= 1", e, "use at least 1 epoch (the reference uses 150)");
            }
            if (!(rcaeLambda > 0) || !Double.isFinite(rcaeLambda)) {
                throw usage("--rcae-lambda", "a number > 0", rcaeLambda, "try 0.1 to 1 for images in [0, 1]");
            }
            if (!(encoderLr > 0) || !Double.isFinite(encoderLr)) {
                throw usage("--encoder-lr", "a number > 0", encoderLr, "try 1e-5, a tenth of the head's");
            }
            if (batch < 1) {
                throw usage("--batch", "an integer >= 1", batch, "the reference uses 200");
            }
            int tl = trainLimit != null ? trainLimit : quick ? 2000 : 0;
            int sl = testLimit != null ? testLimit : quick ? 2000 : 0;
            if (tl < 0 || sl < 0) {
                throw usage("--train-limit and --test-limit", ">= 0 (0 = all)", tl + " and " + sl, "give a number");
            }
            try {
                return Ablation.builder()
                        .datasets(sources)
                        .classes(classes)
                        .seeds(seeds)
                        .pretrainings(ids(
                                "--pretrainings",
                                pretrainings,
                                Ablation.Pretraining.values(),
                                Ablation.Pretraining::id))
                        .objectives(
                                ids("--objectives", objectives, Ablation.Objective.values(), Ablation.Objective::id))
                        .regimes(ids("--regimes", regimes, Ablation.Regime.values(), Ablation.Regime::id))
                        .nus(nus)
                        .pollutions(pollutions)
                        .pretrain(OptimConfig.referencePretraining().withBatchSize(batch))
                        .svddTrain(OptimConfig.referenceSvdd().withBatchSize(batch))
                        .ocnnTrain(OcnnConfig.defaultTrain().withBatchSize(batch))
                        .epochs(aeE, e)
                        .rcae(RcaeConfig.of(rcaeLambda))
                        .joint(OcnnConfig.Joint.of(encoderLr))
                        .limits(tl, sl)
                        .build();
            } catch (IllegalArgumentException ex) {
                throw new ParameterException(spec.commandLine(), ex.getMessage());
            }
        }

        @Override
        public Integer call() {
            Ablation grid = grid();
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf(Locale.ROOT, "ablation: %d runs into %s%n", grid.size(), out);
            long t0 = System.nanoTime();
            Ablation.Result result = grid.run(
                    data != null ? data : Datasets.defaultDataDir(),
                    out,
                    deepsvddlab.display.Progress.console(),
                    () -> false,
                    pw::println);
            Table table = result.table();
            writeCsv(out.resolve("ablation.csv"), table);
            Table wide = Ablation.wide(table);
            writeCsv(out.resolve("ablation-wide.csv"), wide);
            pw.println(wide.printAll());
            for (DataSource d : grid.datasets()) {
                for (double nu : grid.nus()) {
                    String name = String.format(Locale.ROOT, "ablation-pollution-%s-nu%s", d.name(), nu);
                    deepsvddlab.display.Figures.save(
                            out, name, deepsvddlab.report.AblationFigures.pollution(table, d.name(), nu));
                }
            }
            pw.printf(
                    Locale.ROOT,
                    "ablation table: %s (wide: %s), charts ablation-pollution-*.png; %.0f s%n",
                    out.resolve("ablation.csv"),
                    out.resolve("ablation-wide.csv"),
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        }

        private static void writeCsv(Path file, Table t) {
            java.io.StringWriter w = new java.io.StringWriter();
            t.write().csv(w);
            deepsvddlab.io.AtomicFiles.writeString(file, w.toString());
        }
    }

    @Command(
            name = "summary",
            mixinStandardHelpOptions = true,
            description = "Rebuild runs.csv and summary.csv from every finished run folder and print the summary.")
    static final class Summary implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--out",
                paramLabel = "DIR",
                defaultValue = "runs",
                description = "runs folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(
                names = "--markdown",
                description = "print the --metric table as GitHub markdown instead: one row per method, one column"
                        + " per class and \"all\", cells mean ± std over seeds")
        boolean markdown;

        @Option(
                names = "--metric",
                paramLabel = "M",
                defaultValue = "auroc",
                description = "with --markdown: auroc, prAuc, fprAt95Tpr, f1 or mcc (default: ${DEFAULT-VALUE})")
        String metric;

        @Override
        public Integer call() {
            if (!Sweep.SUMMARY_METRICS.contains(metric)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--metric must be one of " + String.join(", ", Sweep.SUMMARY_METRICS) + ", found '" + metric
                                + "'; pick one" + Names.didYouMean(metric, Sweep.SUMMARY_METRICS));
            }
            List<RunResult> runs = Sweep.summarize(out);
            PrintWriter w = spec.commandLine().getOut();
            if (runs.isEmpty()) {
                w.println("no finished runs in " + out);
                return 0;
            }
            Table summary = Sweep.summary(runs);
            if (markdown) {
                w.print(deepsvddlab.report.SummaryReport.markdown(
                        deepsvddlab.report.SummaryReport.wide(summary, metric)));
                w.flush(); // print does not flush the console writer; println does
                return 0;
            }
            w.println(rounded(summary));
            w.println("chart: " + summaryChart(summary, out));
            return 0;
        }
    }

    @Command(
            name = "score",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Score new images with a finished run's model, preprocessing and threshold.")
    static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--run",
                paramLabel = "DIR",
                required = true,
                description = "a finished run folder (see dsvdd runs)")
        Path run;

        @Option(
                names = "--input",
                paramLabel = "PATH",
                required = true,
                description = "an IDX images file (.gz or plain), an image folder with one sub-folder per class"
                        + " (each image converted to grey and resized to the network's 28x28 input, bilinear), or a CSV"
                        + " of feature vectors (with --label-column)")
        Path input;

        @Option(
                names = "--labels",
                paramLabel = "FILE",
                description =
                        "IDX labels of an IDX input: then the AUROC is printed (anomaly = not the run's normal class)")
        Path labels;

        @Option(
                names = "--label-column",
                paramLabel = "NAME",
                description =
                        "a CSV input (feature vectors, for a run on csv:PATH data): the column that holds each row's class")
        String labelColumn;

        @Option(
                names = "--output",
                paramLabel = "FILE",
                description = "scores CSV (default: <run>/scored-<input name>.csv)")
        Path output;

        @Override
        public Integer call() {
            if (!java.nio.file.Files.exists(input)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--input must be an IDX images file or an image folder," + " found nothing at " + input
                                + "; check the path");
            }
            deepsvddlab.data.ImageSet images;
            boolean csvInput =
                    input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
            if (csvInput && labelColumn == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--label-column must be given with a CSV --input, found"
                                + " none; name the column that holds each row's class (as for the run's csv:PATH data)");
            }
            if (csvInput) {
                images = deepsvddlab.data.CsvFeatureReader.read(input, labelColumn);
            } else if (java.nio.file.Files.isDirectory(input)) {
                // read at the run's input shape: grey 28x28 for the MNIST LeNet, RGB 32x32 for the colour nets
                int[] shape = deepsvddlab.experiment.RunScorer.imageShape(run);
                images = deepsvddlab.data.ImageFolderReader.readAll(
                        input,
                        shape[1],
                        shape[2],
                        shape[0] == 3
                                ? deepsvddlab.data.ImageFolderReader.ColorMode.RGB
                                : deepsvddlab.data.ImageFolderReader.ColorMode.GRAYSCALE);
            } else {
                deepsvddlab.data.IdxReader.Images im = deepsvddlab.data.IdxReader.readImages(input);
                int[] lab = labels == null ? new int[im.count()] : deepsvddlab.data.IdxReader.readLabels(labels);
                if (lab.length != im.count()) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--labels must hold one label per image (" + im.count() + "), found " + lab.length + " in "
                                    + labels + "; pass the labels file of the same set");
                }
                images = new deepsvddlab.data.ImageSet(
                        input.getFileName().toString(),
                        im.pixels(),
                        lab,
                        1,
                        im.rows(),
                        im.cols(),
                        Datasets.DIGIT_CLASSES);
            }
            deepsvddlab.experiment.RunScorer r = deepsvddlab.experiment.RunScorer.score(run, images);
            RunResult result = RunResult.loadIfFinished(run);
            StringBuilder csv = new StringBuilder("index,class,score,predicted\n");
            int flagged = 0;
            int[] anomaly = new int[r.scores().length];
            for (int i = 0; i < r.scores().length; i++) {
                flagged += r.predicted()[i];
                // IDX labels are class indices; a folder's or CSV's classes are matched by name
                anomaly[i] = (csvInput || java.nio.file.Files.isDirectory(input)
                                ? images.classNames().get(images.label(i)).equals(result.normalClassName())
                                : images.label(i) == result.normalClass())
                        ? 0
                        : 1;
                csv.append(i)
                        .append(',')
                        .append(images.classNames().get(images.label(i)))
                        .append(',')
                        .append(r.scores()[i])
                        .append(',')
                        .append(r.predicted()[i])
                        .append('\n');
            }
            Path file = output != null ? output : run.resolve("scored-" + input.getFileName() + ".csv");
            deepsvddlab.io.AtomicFiles.writeString(file, csv.toString());
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    Locale.ROOT,
                    "scored %d images with %s: %d (%.1f%%) above its threshold %.6g%n",
                    images.size(),
                    result.name(),
                    flagged,
                    100.0 * flagged / images.size(),
                    r.threshold());
            if (labels != null || csvInput) {
                int a = java.util.Arrays.stream(anomaly).sum();
                if (a > 0 && a < anomaly.length) {
                    out.printf(
                            Locale.ROOT,
                            "AUROC %.4f (anomaly = not class %s)%n",
                            deepsvddlab.eval.Metrics.rocAuc(anomaly, r.scores()),
                            result.normalClassName());
                }
            }
            out.println("scores: " + file);
            return 0;
        }
    }
}
