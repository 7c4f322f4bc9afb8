package deepsvddlab.detect;

import deepsvddlab.eval.Threshold;
import java.util.Map;

/**
 * A fitted, immutable anomaly detector (see {@link Detector} for the conventions).
 * <b>Higher score = more anomalous; label 1 = anomaly, 0 = normal.</b>
 */
public interface FittedDetector {
    /**
     * Anomaly scores, one per row of {@code x}: higher = more anomalous.
     *
     * @throws IllegalArgumentException if {@code x} is empty, ragged, non-finite, or has a different
     *     number of features than the training data
     */
    double[] score(float[][] x);

    /** The detector's name (as {@link Detector#name()}). */
    String name();

    /** The configuration plus what fitting resolved (e.g. the effective gamma or sample size). */
    Map<String, Object> params();

    /** Labels from scores: 1 (anomaly) where score &gt; threshold, else 0 (ties are normal). */
    default int[] predict(float[][] x, Threshold t) {
        return t.predict(score(x));
    }
}
