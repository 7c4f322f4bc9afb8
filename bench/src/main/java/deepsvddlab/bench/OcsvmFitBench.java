package deepsvddlab.bench;

import deepsvddlab.data.DatasetId;
import deepsvddlab.data.Datasets;
import deepsvddlab.data.FittedPreprocessor;
import deepsvddlab.data.OneClassProtocol;
import deepsvddlab.data.OneClassTask;
import deepsvddlab.data.Preprocessing;
import deepsvddlab.detect.OneClassSvm;
import deepsvddlab.detect.OneClassSvm.KernelRows;
import java.util.Arrays;
import java.util.Locale;

/**
 * One-Class SVM fit time, LIBSVM's {@code svm_train} on sparse rows ({@link KernelRows#LIBSVM_NODES},
 * the old path) vs LIBSVM's solver on the dense kernel ({@link KernelRows#DENSE}, the default), on one
 * Fashion-MNIST class (GCN-L1 + min-max pixels, RBF, gamma "scale", nu 0.1), each fitted once. Prints
 * the seconds, the speed-up, and how far the two models differ (rho, support vectors, decision values
 * on the first 2,000 test images; expected: identical).
 *
 * <pre>java -cp ... deepsvddlab.bench.OcsvmFitBench [--class 0] [--dense-only true]</pre>
 * {@code --dense-only true} skips the slow LIBSVM fit (about a minute) and times the dense one alone.
 */
public final class OcsvmFitBench {
    private OcsvmFitBench() {}

    public static void main(String[] args) {
        java.util.Map<String, String> a = BenchUtil.options(args, "class", "dense-only");
        int normalClass = Integer.parseInt(a.getOrDefault("class", "0"));
        boolean denseOnly = Boolean.parseBoolean(a.getOrDefault("dense-only", "false"));
        OneClassTask task = OneClassProtocol.split(
                Datasets.load(DatasetId.FASHION_MNIST, Datasets.defaultDataDir()), normalClass, 0.0, 0);
        FittedPreprocessor gcn = Preprocessing.gcnL1MinMax().fit(task.train());
        float[][] train = gcn.apply(task.train()).toMatrix();
        float[][] test = Arrays.copyOf(gcn.apply(task.test()).toMatrix(), 2000);
        System.out.printf(
                Locale.ROOT,
                "class %d: %d x %d training rows, %d cores%n",
                normalClass,
                train.length,
                train[0].length,
                Runtime.getRuntime().availableProcessors());

        if (denseOnly) {
            long t0 = System.nanoTime();
            OneClassSvm.Fitted dense = OneClassSvm.builder().nu(0.1).build().fit(train);
            System.out.printf(
                    Locale.ROOT,
                    "DENSE        fit %.2f s (nSV %d, rho %.17g)%n",
                    (System.nanoTime() - t0) / 1e9,
                    dense.supportVectorCount(),
                    dense.rho());
            return;
        }
        long t0 = System.nanoTime();
        OneClassSvm.Fitted old = OneClassSvm.builder()
                .nu(0.1)
                .kernelRows(KernelRows.LIBSVM_NODES)
                .build()
                .fit(train);
        long t1 = System.nanoTime();
        OneClassSvm.Fitted dense = OneClassSvm.builder()
                .nu(0.1)
                .kernelRows(KernelRows.DENSE)
                .build()
                .fit(train);
        long t2 = System.nanoTime();

        double oldS = (t1 - t0) / 1e9;
        double denseS = (t2 - t1) / 1e9;
        double[] fOld = old.decisionFunction(test);
        double[] fDense = dense.decisionFunction(test);
        double maxDiff = 0;
        for (int i = 0; i < fOld.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(fOld[i] - fDense[i]));
        }
        System.out.printf(
                Locale.ROOT,
                "LIBSVM_NODES fit %.2f s (nSV %d, rho %.17g)%n",
                oldS,
                old.supportVectorCount(),
                old.rho());
        System.out.printf(
                Locale.ROOT,
                "DENSE        fit %.2f s (nSV %d, rho %.17g)%n",
                denseS,
                dense.supportVectorCount(),
                dense.rho());
        System.out.printf(
                Locale.ROOT,
                "speed-up %.1fx; |rho diff| %.3g; max |decision diff| on %d test rows %.3g%n",
                oldS / denseS,
                Math.abs(old.rho() - dense.rho()),
                test.length,
                maxDiff);
    }
}
