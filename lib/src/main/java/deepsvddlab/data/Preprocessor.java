package deepsvddlab.data;

/**
 * A preprocessing recipe, not yet fitted: {@link #fit} learns its constants (if any) from the
 * training normals only, so that nothing about the test data or the anomalies leaks into the model.
 * Fitting twice gives two independent fitted preprocessors.
 */
public interface Preprocessor {
    /** Learns the constants from the normal training images. */
    FittedPreprocessor fit(ImageSet trainNormals);

    /** A short name, e.g. {@code "gcn-l1+minmax"}. */
    String name();
}
