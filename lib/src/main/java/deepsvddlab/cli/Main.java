package deepsvddlab.cli;

import deepsvddlab.data.DatasetId;
import deepsvddlab.data.Datasets;
import deepsvddlab.experiment.ExperimentConfig;
import deepsvddlab.experiment.RunResult;
import deepsvddlab.experiment.Sweep;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.svdd.Objective;
import deepsvddlab.train.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bin/dsvdd}: runs one experiment or a sweep without Jupyter. Each run writes its folder
 * (config.json, history.csv, scores.csv, checkpoint/, results.json); a sweep skips finished runs and
 * writes runs.csv and summary.csv.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: dsvdd run   [options]          one experiment",
            "       dsvdd sweep [options]          every --classes x --seeds, resumable",
            "options (defaults are the reference's):",
            "  --dataset fashion-mnist|mnist|mnist-10k|cifar10   (fashion-mnist)",
            "  --class N            normal class for run (0);  --classes all|0,1,5 for sweep (all)",
            "  --seed N             (0);  --seeds 0,1,2 for sweep (0)",
            "  --method deep-svdd|dspsvdd   (deep-svdd)",
            "  --objective one-class|soft-boundary   (one-class);  --nu 0.1",
            "  --mu1 1 --mu2 0.1    DSPSVDD weights",
            "  --ae-epochs 150 --epochs 150 --lr 1e-4 --milestone 50 --batch 200",
            "  --pollution 0.0      fraction of anomalies in the training set",
            "  --preprocessing gcn-l1-minmax|scale255",
            "  --train-limit N --test-limit N   subsample (0 = all)",
            "  --quick              3 AE + 3 SVDD epochs, 2000 train / 2000 test images",
            "  --data DIR           data folder (env DSVDD_DATA_DIR, else ./data)",
            "  --out DIR            runs folder (runs/)");

    private static final Set<String> FLAGS = Set.of("quick", "help");

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("dsvdd: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        Map<String, String> o = parse(args);
        DatasetId dataset = DatasetId.parse(o.getOrDefault("dataset", "fashion-mnist"));
        Path data = o.containsKey("data") ? Path.of(o.get("data")) : Datasets.defaultDataDir();
        Path out = Path.of(o.getOrDefault("out", "runs"));
        ProgressListener progress = deepsvddlab.display.Progress.console();
        switch (command) {
            case "run" -> {
                ExperimentConfig c = config(o, dataset, Integer.parseInt(o.getOrDefault("class", "0")),
                        Long.parseLong(o.getOrDefault("seed", "0")));
                List<RunResult> r = Sweep.run(List.of(c), data, out, progress, () -> false, System.out::println);
                System.out.println("run folder: " + r.get(0).dir());
                return 0;
            }
            case "sweep" -> {
                List<Integer> classes = new ArrayList<>();
                String cls = o.getOrDefault("classes", "all");
                if (cls.equals("all")) {
                    int n = Datasets.load(dataset, data).train().classNames().size();
                    for (int i = 0; i < n; i++) {
                        classes.add(i);
                    }
                } else {
                    for (String s : cls.split(",")) {
                        classes.add(Integer.parseInt(s.trim()));
                    }
                }
                List<ExperimentConfig> configs = new ArrayList<>();
                for (String s : o.getOrDefault("seeds", "0").split(",")) {
                    for (int c : classes) {
                        configs.add(config(o, dataset, c, Long.parseLong(s.trim())));
                    }
                }
                List<RunResult> results = Sweep.run(configs, data, out, progress, () -> false, System.out::println);
                System.out.println(Sweep.summary(results).printAll());
                System.out.println("summary: " + out.resolve("summary.csv"));
                return 0;
            }
            default -> throw new IllegalArgumentException("command must be run or sweep, found '" + command + "'\n" + USAGE);
        }
    }

    static ExperimentConfig config(Map<String, String> o, DatasetId dataset, int normalClass, long seed) {
        boolean quick = o.containsKey("quick");
        NetworkSpec net = NetworkSpec.MNIST_LENET;
        DeepSvddConfig.Builder b = DeepSvddConfig.builder(net).seed(seed);
        String method = o.getOrDefault("method", "deep-svdd");
        b.method(switch (method) {
            case "deep-svdd" -> DeepSvddConfig.Method.DEEP_SVDD;
            case "dspsvdd" -> DeepSvddConfig.Method.DSPSVDD;
            default -> throw new IllegalArgumentException("--method must be deep-svdd or dspsvdd, found '" + method + "'");
        });
        String objective = o.getOrDefault("objective", "one-class");
        b.objective(switch (objective) {
            case "one-class" -> Objective.ONE_CLASS;
            case "soft-boundary" -> Objective.SOFT_BOUNDARY;
            default -> throw new IllegalArgumentException(
                    "--objective must be one-class or soft-boundary, found '" + objective + "'");
        });
        b.nu(Double.parseDouble(o.getOrDefault("nu", "0.1")));
        DeepSvddConfig defaults = b.build();
        b.mu(Double.parseDouble(o.getOrDefault("mu1", "" + defaults.mu1())),
                Double.parseDouble(o.getOrDefault("mu2", "" + defaults.mu2())));
        deepsvddlab.train.OptimConfig ae = deepsvddlab.train.OptimConfig.referencePretraining();
        deepsvddlab.train.OptimConfig sv = deepsvddlab.train.OptimConfig.referenceSvdd();
        if (o.containsKey("lr")) {
            ae = ae.withLearningRate(Double.parseDouble(o.get("lr")));
            sv = sv.withLearningRate(Double.parseDouble(o.get("lr")));
        }
        if (o.containsKey("milestone")) {
            List<Integer> m = List.of(Integer.parseInt(o.get("milestone")));
            ae = ae.withMilestones(m);
            sv = sv.withMilestones(m);
        }
        if (o.containsKey("batch")) {
            ae = ae.withBatchSize(Integer.parseInt(o.get("batch")));
            sv = sv.withBatchSize(Integer.parseInt(o.get("batch")));
        }
        int aeEpochs = Integer.parseInt(o.getOrDefault("ae-epochs", quick ? "3" : "150"));
        int epochs = Integer.parseInt(o.getOrDefault("epochs", quick ? "3" : "150"));
        b.pretrain(aeEpochs == 0 ? null : ae.withEpochs(aeEpochs)).train(sv.withEpochs(epochs));
        int trainLimit = Integer.parseInt(o.getOrDefault("train-limit", quick ? "2000" : "0"));
        int testLimit = Integer.parseInt(o.getOrDefault("test-limit", quick ? "2000" : "0"));
        return new ExperimentConfig(dataset, normalClass, Double.parseDouble(o.getOrDefault("pollution", "0")),
                o.getOrDefault("preprocessing", "gcn-l1-minmax"), trainLimit, testLimit, b.build());
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options must start with --, found '" + args[i] + "'\n" + USAGE);
            }
            String key = args[i].substring(2);
            if (FLAGS.contains(key)) {
                m.put(key, "true");
            } else if (i + 1 < args.length) {
                m.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("option --" + key + " needs a value\n" + USAGE);
            }
        }
        return m;
    }
}
