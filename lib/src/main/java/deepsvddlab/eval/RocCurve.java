package deepsvddlab.eval;

/**
 * The ROC curve as data, like scikit-learn 1.2's {@code roc_curve(y, s, drop_intermediate=False)}:
 * one point per distinct score (thresholds decreasing), preceded by the point (0, 0) whose threshold
 * is max(score) + 1 (scikit-learn 1.2's convention; later versions use +infinity). Point i is the
 * (fpr, tpr) of the rule "score >= thresholds[i] is an anomaly". Arrays are copied in and out.
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
    public RocCurve {
        fpr = fpr.clone();
        tpr = tpr.clone();
        thresholds = thresholds.clone();
    }

    @Override
    public double[] fpr() {
        return fpr.clone();
    }

    @Override
    public double[] tpr() {
        return tpr.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Area under the curve by the trapezoid rule (= ROC-AUC, ties counted half). */
    public double auc() {
        double area = 0.0;
        for (int i = 1; i < fpr.length; i++) {
            area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2.0;
        }
        return area;
    }

    /**
     * The smallest false-positive rate among the ROC points whose true-positive rate is at least
     * {@code tprLevel} (e.g. 0.95: "FPR at 95% TPR"). No interpolation between points.
     */
    public double fprAtTpr(double tprLevel) {
        if (!(tprLevel >= 0.0 && tprLevel <= 1.0)) {
            throw new IllegalArgumentException("tprLevel must be in [0, 1], found " + tprLevel + "; e.g. 0.95");
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < tpr.length; i++) {
            if (tpr[i] >= tprLevel) {
                best = Math.min(best, fpr[i]);
            }
        }
        return best; // the last point has tpr = 1, so best is finite
    }
}
