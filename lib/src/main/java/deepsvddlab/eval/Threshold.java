package deepsvddlab.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable decision threshold on anomaly scores, with its provenance: the value, the
 * {@link ThresholdRule} that made it, that rule's parameters (nu, alpha, dim, ...) and what it was
 * fitted on (a short description and the number of scores, 0 when no data was used).
 *
 * <p>Labels follow the detector contract: 1 = anomaly, 0 = normal. <b>Tie rule:</b> a score is an
 * anomaly only if it is strictly greater than the threshold ({@code score > value}); a score equal
 * to the threshold is normal. This matches "outside the sphere" for Deep SVDD (d > R^2) and
 * scikit-learn's IsolationForest/OneClassSVM {@code predict}, where a decision value of exactly 0
 * counts as an inlier. Create thresholds with the factories in {@link Thresholds}.
 */
public final class Threshold {
    private final double value;
    private final ThresholdRule rule;
    private final Map<String, Object> params;
    private final String fittedOn;
    private final int n;

    Threshold(double value, ThresholdRule rule, Map<String, Object> params, String fittedOn, int n) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("threshold value must be finite, found " + value
                    + "; check the scores or parameters it was computed from");
        }
        this.value = value;
        this.rule = rule;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        this.fittedOn = fittedOn;
        this.n = n;
    }

    /** The threshold on the score scale: score > value means anomaly. */
    public double value() {
        return value;
    }

    /** The rule that produced this threshold. */
    public ThresholdRule rule() {
        return rule;
    }

    /** The rule's parameters (read-only, in insertion order). */
    public Map<String, Object> params() {
        return params;
    }

    /** What the threshold was fitted on, in words (e.g. "training scores"). */
    public String fittedOn() {
        return fittedOn;
    }

    /** How many scores it was fitted on (0 when no data was used, e.g. chi-square or fixed). */
    public int n() {
        return n;
    }

    /** True if {@code score > value} (strictly: a tie is normal). */
    public boolean isAnomaly(double score) {
        return score > value;
    }

    /**
     * Labels for scores: 1 where score > value (anomaly), else 0.
     *
     * @throws IllegalArgumentException if a score is NaN (it would otherwise be silently "normal")
     */
    public int[] predict(double[] scores) {
        int[] labels = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("scores must not contain NaN, found NaN at index " + i
                        + "; the detector diverged or the input has NaN features");
            }
            labels[i] = scores[i] > value ? 1 : 0;
        }
        return labels;
    }

    @Override
    public String toString() {
        return "Threshold{" + rule + " " + value + " " + params + ", fitted on " + fittedOn + " (n=" + n + ")}";
    }
}
