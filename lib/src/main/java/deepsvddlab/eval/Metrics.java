package deepsvddlab.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ranking and decision metrics for anomaly scores, matching scikit-learn 1.2.
 *
 * <p>Conventions: {@code labels[i]} is 1 for an anomaly (the positive class) and 0 for a normal
 * sample; a higher score means more anomalous. Argument order follows scikit-learn:
 * (labels, scores). Both classes must be present (otherwise ROC and PR curves are undefined and
 * an {@link IllegalArgumentException} says so, instead of returning NaN); scores must be finite.
 *
 * <ul>
 *   <li>{@link #rocAuc}: area under the ROC curve by the trapezoid rule over the points of the
 *       distinct thresholds, so tied scores count half, as {@code roc_auc_score}.</li>
 *   <li>{@link #averagePrecision}: PR-AUC as {@code average_precision_score},
 *       AP = sum_k (R_k - R_{k-1}) P_k (a step function, not the trapezoid rule).</li>
 *   <li>{@link #fprAt95Tpr}: the smallest FPR among the ROC points whose TPR is >= 0.95 (no
 *       interpolation), the usual "FPR at 95% TPR" of the out-of-distribution literature.</li>
 * </ul>
 */
public final class Metrics {
    private Metrics() {}

    /** ROC-AUC, as scikit-learn's {@code roc_auc_score(labels, scores)}. */
    public static double rocAuc(int[] labels, double[] scores) {
        return rocCurve(labels, scores).auc();
    }

    /** PR-AUC as scikit-learn's {@code average_precision_score(labels, scores)}. */
    public static double averagePrecision(int[] labels, double[] scores) {
        return prCurve(labels, scores).averagePrecision();
    }

    /** The smallest FPR among ROC points with TPR >= 0.95. */
    public static double fprAt95Tpr(int[] labels, double[] scores) {
        return rocCurve(labels, scores).fprAtTpr(0.95);
    }

    /**
     * The three threshold-free metrics as a map with the keys "auroc", "prAuc" and "fprAt95Tpr" (in
     * that order), e.g. for a run's results.json.
     */
    public static Map<String, Double> summary(int[] labels, double[] scores) {
        RocCurve roc = rocCurve(labels, scores);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("auroc", roc.auc());
        m.put("prAuc", averagePrecision(labels, scores));
        m.put("fprAt95Tpr", roc.fprAtTpr(0.95));
        return Collections.unmodifiableMap(m);
    }

    /** The ROC curve, as scikit-learn 1.2's {@code roc_curve(labels, scores, drop_intermediate=False)}. */
    public static RocCurve rocCurve(int[] labels, double[] scores) {
        Counts c = counts(labels, scores);
        int m = c.thresholds.length;
        double totalTp = c.tps[m - 1];
        double totalFp = c.fps[m - 1];
        double[] fpr = new double[m + 1];
        double[] tpr = new double[m + 1];
        double[] thr = new double[m + 1];
        thr[0] = c.thresholds[0] + 1.0;
        for (int i = 0; i < m; i++) {
            fpr[i + 1] = c.fps[i] / totalFp;
            tpr[i + 1] = c.tps[i] / totalTp;
            thr[i + 1] = c.thresholds[i];
        }
        return new RocCurve(fpr, tpr, thr);
    }

    /** The precision-recall curve, as scikit-learn 1.2's {@code precision_recall_curve(labels, scores)}. */
    public static PrCurve prCurve(int[] labels, double[] scores) {
        Counts c = counts(labels, scores);
        int m = c.thresholds.length;
        double totalTp = c.tps[m - 1];
        double[] precision = new double[m + 1];
        double[] recall = new double[m + 1];
        double[] thr = new double[m];
        for (int i = 0; i < m; i++) { // reversed: recall decreasing, thresholds increasing
            double tp = c.tps[m - 1 - i];
            double predicted = tp + c.fps[m - 1 - i];
            precision[i] = predicted == 0 ? 0.0 : tp / predicted;
            recall[i] = tp / totalTp;
            thr[i] = c.thresholds[m - 1 - i];
        }
        precision[m] = 1.0;
        recall[m] = 0.0;
        return new PrCurve(precision, recall, thr);
    }

    /** The confusion matrix of labels against a threshold's predictions. */
    public static ConfusionMatrix confusion(int[] labels, double[] scores, Threshold threshold) {
        checkScores(scores);
        return ConfusionMatrix.of(labels, threshold.predict(scores));
    }

    /** 0/1 labels from booleans (true = anomaly = 1). */
    public static int[] labels(boolean[] isAnomaly) {
        int[] out = new int[isAnomaly.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = isAnomaly[i] ? 1 : 0;
        }
        return out;
    }

    /** Cumulative true/false positives at each distinct score, scores decreasing (sklearn's _binary_clf_curve). */
    private record Counts(double[] fps, double[] tps, double[] thresholds) {}

    private static Counts counts(int[] labels, double[] scores) {
        checkBinary(labels, scores);
        int n = scores.length;
        // sort by decreasing score; ties stay together, so their order does not matter
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] fps = new double[n];
        double[] tps = new double[n];
        double[] thr = new double[n];
        int m = 0;
        double tp = 0;
        for (int k = 0; k < n; k++) {
            tp += labels[order[k]];
            boolean lastOfTie = k == n - 1 || scores[order[k]] != scores[order[k + 1]];
            if (lastOfTie) {
                tps[m] = tp;
                fps[m] = (k + 1) - tp;
                thr[m] = scores[order[k]];
                m++;
            }
        }
        return new Counts(Arrays.copyOf(fps, m), Arrays.copyOf(tps, m), Arrays.copyOf(thr, m));
    }

    static void checkBinary(int[] labels, double[] scores) {
        checkLabels("labels", labels);
        checkScores(scores);
        if (labels.length != scores.length) {
            throw new IllegalArgumentException("labels and scores must have the same length, found " + labels.length
                    + " labels and " + scores.length + " scores; score exactly the labelled rows");
        }
        int positives = 0;
        for (int l : labels) {
            positives += l;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("labels must contain both classes (0 = normal, 1 = anomaly), found only "
                    + (positives == 0 ? "0 (normal)" : "1 (anomaly)") + " in " + labels.length
                    + " labels; ROC and PR metrics are undefined for one class, evaluate on a test set with anomalies");
        }
    }

    static void checkLabels(String name, int[] labels) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty array, found "
                    + (labels == null ? "null" : "an empty array") + "; pass one 0/1 label per sample");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(name + " must be 0 (normal) or 1 (anomaly), found " + labels[i]
                        + " at index " + i + "; map your classes to 0/1 first (Metrics.labels(boolean[]) helps)");
            }
        }
    }

    static void checkScores(double[] scores) {
        if (scores == null || scores.length == 0) {
            throw new IllegalArgumentException("scores must be a non-empty array, found "
                    + (scores == null ? "null" : "an empty array") + "; pass one score per sample");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores must be finite, found " + scores[i] + " at index " + i
                        + "; the detector diverged or the input has NaN/infinite features");
            }
        }
    }
}
