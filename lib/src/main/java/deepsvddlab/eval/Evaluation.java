package deepsvddlab.eval;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * All metrics of one detector on one labelled test set: the threshold-free ranking metrics
 * (ROC-AUC, PR-AUC = average precision, FPR at 95% TPR) and, when a {@link Threshold} is given,
 * the decision metrics at that threshold (confusion matrix, accuracy, precision, recall, F1, MCC;
 * NaN without a threshold). Definitions are those of {@link Metrics} and {@link ConfusionMatrix}.
 * Several evaluations become one comparison table with {@link #toTable(List)}.
 *
 * @param name the detector's name
 * @param n number of test samples
 * @param nAnomalies number of anomalies (label 1) among them
 * @param auroc ROC-AUC
 * @param prAuc average precision (anomaly = positive)
 * @param fprAt95Tpr smallest FPR among ROC points with TPR >= 0.95
 * @param threshold the threshold used for the decision metrics, or null
 * @param confusion the confusion matrix at that threshold, or null
 */
public record Evaluation(
        String name,
        int n,
        int nAnomalies,
        double auroc,
        double prAuc,
        double fprAt95Tpr,
        Threshold threshold,
        ConfusionMatrix confusion) {

    /** Ranking metrics only (no threshold). */
    public static Evaluation of(String name, int[] labels, double[] scores) {
        return of(name, labels, scores, null);
    }

    /**
     * Ranking metrics and, if {@code threshold} is not null, the decision metrics at it.
     *
     * @param labels 1 = anomaly, 0 = normal; both classes must be present
     * @param scores higher = more anomalous, finite
     */
    public static Evaluation of(String name, int[] labels, double[] scores, Threshold threshold) {
        RocCurve roc = Metrics.rocCurve(labels, scores);
        double ap = Metrics.prCurve(labels, scores).averagePrecision();
        int anomalies = 0;
        for (int l : labels) {
            anomalies += l;
        }
        ConfusionMatrix cm = threshold == null ? null : ConfusionMatrix.of(labels, threshold.predict(scores));
        return new Evaluation(name, labels.length, anomalies, roc.auc(), ap, roc.fprAtTpr(0.95), threshold, cm);
    }

    /** {@link #of(String, int[], double[], Threshold)} with boolean labels (true = anomaly). */
    public static Evaluation of(String name, boolean[] isAnomaly, double[] scores, Threshold threshold) {
        return of(name, Metrics.labels(isAnomaly), scores, threshold);
    }

    public double accuracy() {
        return confusion == null ? Double.NaN : confusion.accuracy();
    }

    public double precision() {
        return confusion == null ? Double.NaN : confusion.precision();
    }

    public double recall() {
        return confusion == null ? Double.NaN : confusion.recall();
    }

    public double f1() {
        return confusion == null ? Double.NaN : confusion.f1();
    }

    public double mcc() {
        return confusion == null ? Double.NaN : confusion.mcc();
    }

    /** This evaluation as a one-row table (columns as in {@link #toTable(List)}). */
    public Table toTable() {
        return toTable(List.of(this));
    }

    /**
     * One row per evaluation: detector, n, anomalies, auroc, pr_auc, fpr_at_95_tpr, threshold_rule,
     * threshold, tn, fp, fn, tp, accuracy, precision, recall, f1, mcc (decision columns are missing
     * for rows without a threshold).
     */
    public static Table toTable(List<Evaluation> evaluations) {
        StringColumn name = StringColumn.create("detector");
        IntColumn n = IntColumn.create("n");
        IntColumn anomalies = IntColumn.create("anomalies");
        DoubleColumn auroc = DoubleColumn.create("auroc");
        DoubleColumn prAuc = DoubleColumn.create("pr_auc");
        DoubleColumn fpr95 = DoubleColumn.create("fpr_at_95_tpr");
        StringColumn rule = StringColumn.create("threshold_rule");
        DoubleColumn thr = DoubleColumn.create("threshold");
        IntColumn tn = IntColumn.create("tn");
        IntColumn fp = IntColumn.create("fp");
        IntColumn fn = IntColumn.create("fn");
        IntColumn tp = IntColumn.create("tp");
        DoubleColumn acc = DoubleColumn.create("accuracy");
        DoubleColumn prec = DoubleColumn.create("precision");
        DoubleColumn rec = DoubleColumn.create("recall");
        DoubleColumn f1 = DoubleColumn.create("f1");
        DoubleColumn mcc = DoubleColumn.create("mcc");
        for (Evaluation e : evaluations) {
            name.append(e.name());
            n.append(e.n());
            anomalies.append(e.nAnomalies());
            auroc.append(e.auroc());
            prAuc.append(e.prAuc());
            fpr95.append(e.fprAt95Tpr());
            ConfusionMatrix cm = e.confusion();
            if (cm == null) {
                rule.appendMissing();
                thr.appendMissing();
                for (IntColumn c : List.of(tn, fp, fn, tp)) {
                    c.appendMissing();
                }
            } else {
                rule.append(e.threshold().rule().name());
                thr.append(e.threshold().value());
                tn.append((int) cm.tn());
                fp.append((int) cm.fp());
                fn.append((int) cm.fn());
                tp.append((int) cm.tp());
            }
            acc.append(e.accuracy());
            prec.append(e.precision());
            rec.append(e.recall());
            f1.append(e.f1());
            mcc.append(e.mcc());
        }
        return Table.create(
                "evaluation",
                name,
                n,
                anomalies,
                auroc,
                prAuc,
                fpr95,
                rule,
                thr,
                tn,
                fp,
                fn,
                tp,
                acc,
                prec,
                rec,
                f1,
                mcc);
    }
}
