package deepsvddlab.detect;

import java.util.Map;

/**
 * An anomaly detector's immutable configuration (PyOD's two-operation contract in Tribuo's
 * trainer/model shape): {@link #fit} learns from normal training rows only and returns a new
 * {@link FittedDetector}; the configuration itself never changes, so fitting twice gives two
 * independent models, and a fixed seed gives the same model.
 *
 * <p>Conventions for every detector in this library (including the deep ones in
 * {@code deepsvddlab.svdd}):
 * <ul>
 *   <li>Rows are samples, columns are features ({@code float[n][d]}); no NaN or infinite values.</li>
 *   <li>Scores: <b>higher = more anomalous</b> (detectors whose native output is higher for normal
 *       data, like LIBSVM's decision value, flip the sign).</li>
 *   <li>Labels: <b>1 = anomaly</b>, 0 = normal; a label comes from a score and a
 *       {@link deepsvddlab.eval.Threshold} (score &gt; threshold is an anomaly).</li>
 *   <li>Bad configuration values throw {@link IllegalArgumentException} when the detector is built,
 *       with a message naming the parameter and the fix.</li>
 * </ul>
 */
public interface Detector {
    /**
     * Fits a new model on normal training rows (the input array is not kept or modified).
     *
     * @param trainNormals normal samples, one row each, at least one feature
     * @return a new, independent fitted model
     * @throws IllegalArgumentException for an empty, ragged or non-finite input
     */
    FittedDetector fit(float[][] trainNormals);

    /** A short name for tables and plots, e.g. "IsolationForest". */
    String name();

    /** The configuration (read-only, in a stable order). */
    Map<String, Object> params();
}
