package deepsvddlab.bench;

import deepsvddlab.data.DatasetId;
import deepsvddlab.data.Datasets;
import deepsvddlab.experiment.ExperimentConfig;
import deepsvddlab.experiment.RunResult;
import deepsvddlab.experiment.Sweep;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.train.OptimConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy against the reference: Deep SVDD (one-class) and DSPSVDD (a grid of mu1/mu2) on
 * Fashion-MNIST classes under the standard protocol (about 6,000 training normals, all 10,000 test
 * images), seed 0, the reference schedule (150 AE + 150 SVDD epochs). The reference implementation
 * reaches AUROC about 0.877 (class 0) and 0.983 (class 1). Runs are resumable folders under
 * {@code --out} (default runs/accuracy-bench); prints class, method, AUROC, difference to the
 * reference where known, and minutes.
 *
 * <pre>java -cp ... deepsvddlab.bench.AccuracyBench [--classes 0,1,5] [--ae-epochs 150] [--epochs 150]
 *     [--mu 1:0.1,1:1,1:0.01] [--seed 0] [--out runs/accuracy-bench]</pre>
 */
public final class AccuracyBench {
    private static final Map<Integer, Double> REFERENCE = Map.of(0, 0.877, 1, 0.983);

    public static void main(String[] args) {
        java.util.Map<String, String> a =
                BenchUtil.options(args, "classes", "ae-epochs", "epochs", "mu", "seed", "out");
        int aeEpochs = Integer.parseInt(a.getOrDefault("ae-epochs", "150"));
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "150"));
        long seed = Long.parseLong(a.getOrDefault("seed", "0"));
        Path out = Path.of(a.getOrDefault("out", "runs/accuracy-bench"));
        List<ExperimentConfig> configs = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        for (String c : a.getOrDefault("classes", "0,1,5").split(",")) {
            int cls = Integer.parseInt(c.trim());
            DeepSvddConfig.Builder base = DeepSvddConfig.builder(NetworkSpec.MNIST_LENET)
                    .seed(seed)
                    .pretrain(OptimConfig.referencePretraining().withEpochs(aeEpochs))
                    .train(OptimConfig.referenceSvdd().withEpochs(epochs));
            configs.add(new ExperimentConfig(DatasetId.FASHION_MNIST, cls, 0.0, "gcn-l1-minmax", 0, 0, base.build()));
            methods.add("deep-svdd");
            for (String mu : a.getOrDefault("mu", "1:1,1:0.1,1:0.01").split(",")) {
                String[] p = mu.split(":");
                DeepSvddConfig dsp = base.method(DeepSvddConfig.Method.DSPSVDD)
                        .mu(Double.parseDouble(p[0]), Double.parseDouble(p[1]))
                        .build();
                configs.add(new ExperimentConfig(DatasetId.FASHION_MNIST, cls, 0.0, "gcn-l1-minmax", 0, 0, dsp));
                methods.add("dspsvdd mu1=" + p[0] + " mu2=" + p[1]);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "AccuracyBench: Fashion-MNIST, %d AE + %d SVDD epochs, seed %d, %d runs into %s%n",
                aeEpochs,
                epochs,
                seed,
                configs.size(),
                out);
        List<RunResult> results = Sweep.run(
                configs,
                Datasets.defaultDataDir(),
                out,
                deepsvddlab.train.ProgressListener.none(),
                () -> false,
                System.out::println);
        System.out.println();
        System.out.println("| class | method | AUROC | reference | difference | minutes |");
        System.out.println("|---|---|---|---|---|---|");
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            int cls = configs.get(i).normalClass();
            Double ref = REFERENCE.get(cls);
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %s | %.4f | %s | %s | %.1f |%n",
                    cls,
                    methods.get(i),
                    r.metric("auroc"),
                    ref == null ? "-" : String.format(Locale.ROOT, "%.3f", ref),
                    ref == null || !methods.get(i).equals("deep-svdd")
                            ? "-"
                            : String.format(Locale.ROOT, "%+.4f", r.metric("auroc") - ref),
                    r.seconds() / 60);
        }
    }
}
