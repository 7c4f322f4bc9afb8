package deepsvddlab.data;

import java.util.Objects;

/**
 * A data set's standard train and test parts.
 *
 * @param train  the training images
 * @param test   the test images
 * @param source human-readable description of which files or source were used (for provenance)
 */
public record TrainTest(ImageSet train, ImageSet test, String source) {
    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(source, "source");
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train and test must have the same class names, found "
                    + train.classNames() + " and " + test.classNames() + "; read both parts with the same reader");
        }
    }
}
