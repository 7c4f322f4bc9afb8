package deepsvddlab.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Factories for {@link Threshold}: every rule lives here, in one place.
 *
 * <ul>
 *   <li>{@link #radius}: the soft-boundary Deep SVDD radius R (Ruff et al. 2018).</li>
 *   <li>{@link #trainQuantile}: the (1 - nu) quantile of training scores.</li>
 *   <li>{@link #chiSquare}: the chi-square(dim) quantile at 1 - alpha for squared Mahalanobis distances.</li>
 *   <li>{@link #empirical}: the (1 - alpha) quantile of scores of held-out normals.</li>
 *   <li>{@link #fixed}: a hand-picked value.</li>
 * </ul>
 * Quantiles use {@link Quantiles#quantile} (numpy's default, type 7).
 */
public final class Thresholds {
    private Thresholds() {}

    /** Which score scale the radius threshold is applied to. */
    public enum RadiusScore {
        /** Scores are squared distances d = ||phi(x) - c||^2: the threshold is R^2. */
        SQUARED_DISTANCE,
        /**
         * Scores are d - R^2, as the soft-boundary Deep SVDD model returns them (positive = outside
         * the sphere): the threshold is 0.
         */
        DISTANCE_MINUS_R2
    }

    /**
     * The hypersphere radius as a threshold: x is an anomaly if it lies outside the sphere,
     * ||phi(x) - c||^2 > R^2. Pass the radius R itself (not R^2). How it fits the scores: with
     * {@link RadiusScore#SQUARED_DISTANCE} the value is R^2; with {@link RadiusScore#DISTANCE_MINUS_R2}
     * (soft-boundary scores d - R^2) the same decision is score > 0, so the value is 0.
     *
     * @param radius the radius R >= 0
     * @param scores the scale of the scores this threshold will be applied to
     * @param nTrain number of training samples R was fitted on (0 if unknown)
     */
    public static Threshold radius(double radius, RadiusScore scores, int nTrain) {
        if (!(radius >= 0.0) || Double.isInfinite(radius)) {
            throw new IllegalArgumentException("radius must be a finite number >= 0, found " + radius
                    + "; pass R (not R^2) of a soft-boundary Deep SVDD model");
        }
        if (scores == null) {
            throw new IllegalArgumentException("scores must be SQUARED_DISTANCE or DISTANCE_MINUS_R2, found null");
        }
        checkN(nTrain);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("R", radius);
        p.put("R2", radius * radius);
        p.put("scores", scores);
        double value = scores == RadiusScore.SQUARED_DISTANCE ? radius * radius : 0.0;
        return new Threshold(value, ThresholdRule.RADIUS, p, "soft-boundary Deep SVDD radius", nTrain);
    }

    /** {@link #radius(double, RadiusScore, int)} with the training size unknown (n = 0). */
    public static Threshold radius(double radius, RadiusScore scores) {
        return radius(radius, scores, 0);
    }

    /**
     * The (1 - nu) quantile of the training scores: about a fraction nu of training normals is
     * flagged, which is the meaning of nu in (Deep) SVDD and one-class SVM.
     *
     * @param trainScores scores of the training normals
     * @param nu the expected outlier fraction in (0, 1]
     */
    public static Threshold trainQuantile(double[] trainScores, double nu) {
        if (!(nu > 0.0 && nu <= 1.0)) {
            throw new IllegalArgumentException("nu must be in (0, 1], found " + nu
                    + "; nu is the fraction of training normals allowed outside, e.g. 0.1");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nu", nu);
        p.put("q", 1.0 - nu);
        return new Threshold(
                Quantiles.quantile(trainScores, 1.0 - nu),
                ThresholdRule.TRAIN_QUANTILE,
                p,
                "training scores",
                trainScores.length);
    }

    /**
     * For squared Mahalanobis distances: if normals are Gaussian in {@code dim} dimensions the
     * squared distance follows chi-square(dim), so its (1 - alpha) quantile flags a fraction alpha of
     * normals. Uses commons-math3 {@link ChiSquaredDistribution}.
     *
     * @param dim degrees of freedom (the number of features), >= 1
     * @param alpha false-alarm rate in (0, 1)
     */
    public static Threshold chiSquare(int dim, double alpha) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, found " + dim + "; pass the number of features");
        }
        checkAlpha(alpha);
        double value = new ChiSquaredDistribution(dim).inverseCumulativeProbability(1.0 - alpha);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("dim", dim);
        p.put("alpha", alpha);
        return new Threshold(value, ThresholdRule.CHI_SQUARE, p, "chi-square(" + dim + ") distribution", 0);
    }

    /**
     * The (1 - alpha) quantile of scores of normal data (best: held-out normals not used for
     * fitting), for a false-alarm rate of about alpha.
     *
     * @param normalScores scores of normal samples
     * @param alpha false-alarm rate in (0, 1)
     */
    public static Threshold empirical(double[] normalScores, double alpha) {
        return empirical(normalScores, alpha, "normal scores");
    }

    /** {@link #empirical(double[], double)} with a description of the data, e.g. "validation normals". */
    public static Threshold empirical(double[] normalScores, double alpha, String fittedOn) {
        checkAlpha(alpha);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("alpha", alpha);
        p.put("q", 1.0 - alpha);
        return new Threshold(
                Quantiles.quantile(normalScores, 1.0 - alpha),
                ThresholdRule.EMPIRICAL_QUANTILE,
                p,
                fittedOn,
                normalScores.length);
    }

    /** A hand-picked threshold. */
    public static Threshold fixed(double value) {
        return new Threshold(value, ThresholdRule.FIXED, Map.of(), "chosen by hand", 0);
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException(
                    "alpha must be in (0, 1), found " + alpha + "; alpha is the false-alarm rate, e.g. 0.05");
        }
    }

    private static void checkN(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("nTrain must be >= 0, found " + n + "; pass 0 if unknown");
        }
    }
}
