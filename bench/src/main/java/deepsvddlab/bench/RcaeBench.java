package deepsvddlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import deepsvddlab.data.DatasetId;
import deepsvddlab.data.Datasets;
import deepsvddlab.data.OneClassProtocol;
import deepsvddlab.data.OneClassTask;
import deepsvddlab.data.Preprocessing;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.Autoencoder;
import deepsvddlab.svdd.Rcae;
import deepsvddlab.svdd.RcaeConfig;
import deepsvddlab.train.History;
import deepsvddlab.train.OptimConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RCAE against the plain autoencoder: the same Fashion-MNIST class (about 6,000 training images,
 * GCN + min-max), the same schedule, alternating AE and RCAE round by round in one process. Prints
 * the median epoch seconds of each (epochs 2 onwards) and the ratio RCAE / AE; the goal is
 * at most 1.3x. RCAE updates N every {@code --every} epochs (a forward pass over the training set
 * and the soft threshold).
 *
 * <pre>bench/run RcaeBench [--rounds 3] [--epochs 6] [--every 1] [--lambda 0.1] [--class 0]</pre>
 */
public final class RcaeBench {
    public static void main(String[] args) {
        Map<String, String> a = BenchUtil.options(args, "rounds", "epochs", "every", "lambda", "class");
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        int epochs = Integer.parseInt(a.getOrDefault("epochs", "6"));
        int every = Integer.parseInt(a.getOrDefault("every", "1"));
        double lambda = Double.parseDouble(a.getOrDefault("lambda", "0.1"));
        int cls = Integer.parseInt(a.getOrDefault("class", "0"));
        OneClassTask task =
                OneClassProtocol.split(Datasets.load(DatasetId.FASHION_MNIST, Datasets.defaultDataDir()), cls, 0.0, 0);
        var train = Preprocessing.gcnL1MinMax().fit(task.train()).apply(task.train());
        OptimConfig schedule = OptimConfig.referencePretraining().withEpochs(epochs);
        List<Double> ae = new ArrayList<>();
        List<Double> rcae = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = train.toNDArray(m);
            for (int r = 0; r < rounds; r++) {
                try (Autoencoder plain = Autoencoder.pretrain(NetworkSpec.MNIST_LENET, x, schedule, r, null, null)) {
                    ae.addAll(epochSeconds(plain.history()));
                }
                try (Autoencoder ra = Rcae.pretrain(
                        NetworkSpec.MNIST_LENET, x, schedule, new RcaeConfig(lambda, every), r, null, null)) {
                    rcae.addAll(epochSeconds(ra.history()));
                }
            }
        }
        double mAe = BenchUtil.median(ae);
        double mRcae = BenchUtil.median(rcae);
        System.out.printf(
                Locale.ROOT,
                "RcaeBench: Fashion-MNIST class %d, %d training images, %d epochs x %d rounds, N every %d epoch(s),"
                        + " lambda %s%n",
                cls,
                train.size(),
                epochs,
                rounds,
                every,
                lambda);
        System.out.printf(Locale.ROOT, "%-6s %18s%n", "", "median epoch (s)");
        System.out.printf(Locale.ROOT, "%-6s %18.3f%n", "AE", mAe);
        System.out.printf(Locale.ROOT, "%-6s %18.3f%n", "RCAE", mRcae);
        System.out.printf(Locale.ROOT, "ratio RCAE / AE = %.2f (goal: at most 1.3)%n", mRcae / mAe);
    }

    /** Epoch seconds from the second epoch on (the first warms up). */
    private static List<Double> epochSeconds(History h) {
        double[] s = h.records().stream().mapToDouble(e -> e.seconds()).toArray();
        return Arrays.stream(s).skip(1).boxed().toList();
    }
}
