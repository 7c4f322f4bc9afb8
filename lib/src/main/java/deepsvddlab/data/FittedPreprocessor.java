package deepsvddlab.data;

import java.util.Map;

/** A fitted, immutable preprocessing: applies the same constants to any set of the fitted shape. */
public interface FittedPreprocessor {
    /** The preprocessed copy of {@code images} (same labels, shape and name). */
    ImageSet apply(ImageSet images);

    /** Name and fitted constants for provenance, e.g. {@code {"name":"gcn-l1+minmax","min":..,"max":..}}. */
    Map<String, Object> describe();
}
