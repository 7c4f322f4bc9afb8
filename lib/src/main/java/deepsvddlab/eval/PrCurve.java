package deepsvddlab.eval;

/**
 * The precision-recall curve as data, like scikit-learn 1.2's {@code precision_recall_curve}:
 * thresholds are the distinct scores in increasing order; precision[i] and recall[i] belong to the
 * rule "score >= thresholds[i] is an anomaly"; the arrays precision and recall have one extra last
 * element, (precision 1, recall 0), with no threshold. Precision where nothing is predicted is 0.
 * Arrays are copied in and out.
 */
public record PrCurve(double[] precision, double[] recall, double[] thresholds) {
    public PrCurve {
        precision = precision.clone();
        recall = recall.clone();
        thresholds = thresholds.clone();
    }

    @Override
    public double[] precision() {
        return precision.clone();
    }

    @Override
    public double[] recall() {
        return recall.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * Average precision, AP = sum_k (R_k - R_{k-1}) P_k: a step function, not the trapezoid rule
     * (scikit-learn's {@code average_precision_score}).
     */
    public double averagePrecision() {
        double ap = 0.0;
        for (int i = 0; i < recall.length - 1; i++) {
            ap -= (recall[i + 1] - recall[i]) * precision[i];
        }
        return ap;
    }
}
