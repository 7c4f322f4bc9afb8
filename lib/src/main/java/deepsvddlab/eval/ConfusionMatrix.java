package deepsvddlab.eval;

/**
 * Counts of a binary decision (label 1 = anomaly = positive) and the metrics derived from them,
 * defined as in scikit-learn 1.2 with its default {@code zero_division} ("warn", which returns 0):
 * <ul>
 *   <li>accuracy = (tp + tn) / n</li>
 *   <li>precision = tp / (tp + fp), 0 if nothing is predicted anomalous</li>
 *   <li>recall = tp / (tp + fn), 0 if there are no anomalies</li>
 *   <li>F1 = 2 P R / (P + R), 0 if P + R = 0</li>
 *   <li>MCC = (tp tn - fp fn) / sqrt((tp+fp)(tp+fn)(tn+fp)(tn+fn)), 0 if a factor is 0 (computed in
 *       scikit-learn's covariance form)</li>
 * </ul>
 */
public record ConfusionMatrix(long tn, long fp, long fn, long tp) {
    public ConfusionMatrix {
        if (tn < 0 || fp < 0 || fn < 0 || tp < 0) {
            throw new IllegalArgumentException("counts must be >= 0, found tn=" + tn + " fp=" + fp + " fn=" + fn
                    + " tp=" + tp + "; build it with ConfusionMatrix.of(labels, predicted)");
        }
    }

    /**
     * Counts true labels against predicted labels (both 0/1, 1 = anomaly).
     *
     * @throws IllegalArgumentException for different lengths or labels other than 0 and 1
     */
    public static ConfusionMatrix of(int[] labels, int[] predicted) {
        Metrics.checkLabels("labels", labels);
        Metrics.checkLabels("predicted", predicted);
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException("predicted must have the same length as labels, found "
                    + predicted.length + " vs " + labels.length + "; predict on the same rows you have labels for");
        }
        long tn = 0, fp = 0, fn = 0, tp = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                if (predicted[i] == 1) tp++;
                else fn++;
            } else {
                if (predicted[i] == 1) fp++;
                else tn++;
            }
        }
        return new ConfusionMatrix(tn, fp, fn, tp);
    }

    /** Number of samples. */
    public long n() {
        return tn + fp + fn + tp;
    }

    public double accuracy() {
        return n() == 0 ? 0.0 : (double) (tp + tn) / n();
    }

    public double precision() {
        return tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        double denom = p + r;
        return denom == 0.0 ? 0.0 : 2.0 * p * r / denom;
    }

    /** Matthews correlation coefficient, in scikit-learn's form (0 where undefined). */
    public double mcc() {
        double t0 = tn + fp, t1 = fn + tp; // true-label counts
        double p0 = tn + fn, p1 = fp + tp; // predicted-label counts
        double nCorrect = tn + tp;
        double n = t0 + t1;
        double covTP = nCorrect * n - (t0 * p0 + t1 * p1);
        double covPP = n * n - (p0 * p0 + p1 * p1);
        double covTT = n * n - (t0 * t0 + t1 * t1);
        return covPP * covTT == 0.0 ? 0.0 : covTP / Math.sqrt(covTT * covPP);
    }
}
