package deepsvddlab.svdd;

/** The two Deep SVDD objectives of Ruff et al. (2018). */
public enum Objective {
    /** One-class Deep SVDD: minimise the mean squared distance to c; score d = ||phi(x) - c||^2. */
    ONE_CLASS,
    /**
     * Soft-boundary Deep SVDD: minimise R^2 + (1/nu) mean(max(0, d - R^2)); nu bounds the fraction of
     * training points outside the sphere; score d - R^2 (positive = outside).
     */
    SOFT_BOUNDARY
}
