package deepsvddlab.eval;

/** The rule that produced a {@link Threshold}. */
public enum ThresholdRule {
    /** The (soft-boundary) hypersphere radius R of Deep SVDD: outside the sphere = anomaly. */
    RADIUS,
    /** The (1 - nu) quantile of the training scores: a fraction nu of the training normals lies above it. */
    TRAIN_QUANTILE,
    /** The chi-square(dim) quantile at 1 - alpha, for squared Mahalanobis distances of Gaussian data. */
    CHI_SQUARE,
    /** The (1 - alpha) quantile of scores of held-out normals: a false-alarm rate of about alpha. */
    EMPIRICAL_QUANTILE,
    /** A value chosen by hand. */
    FIXED
}
