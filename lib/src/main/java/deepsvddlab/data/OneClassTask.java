package deepsvddlab.data;

import java.util.Objects;

/**
 * One task of the one-class protocol of Ruff et al. (2018): train on one class (possibly polluted
 * by a few anomalies), test on all classes. Convention: label 1 = anomaly, 0 = normal.
 *
 * @param train          training images (their {@link ImageSet#labels()} keep the original classes)
 * @param trainIsAnomaly per training image, 1 if it is a polluting anomaly, else 0
 * @param test           test images of all classes
 * @param testIsAnomaly  per test image, 1 if its class is not {@code normalClass}, else 0
 * @param normalClass    the class index that is normal
 * @param pollution      the anomaly fraction of the training set requested, in [0, 1)
 * @param seed           the seed of the split
 */
public record OneClassTask(
        ImageSet train,
        int[] trainIsAnomaly,
        ImageSet test,
        int[] testIsAnomaly,
        int normalClass,
        double pollution,
        long seed) {
    public OneClassTask {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (trainIsAnomaly.length != train.size() || testIsAnomaly.length != test.size()) {
            throw new IllegalArgumentException(
                    "anomaly flags must have one entry per image, found " + trainIsAnomaly.length
                            + " for " + train.size() + " train and " + testIsAnomaly.length + " for " + test.size()
                            + " test images; build tasks with OneClassProtocol.split");
        }
        trainIsAnomaly = trainIsAnomaly.clone();
        testIsAnomaly = testIsAnomaly.clone();
    }

    /** A copy of the training anomaly flags (1 = anomaly). */
    @Override
    public int[] trainIsAnomaly() {
        return trainIsAnomaly.clone();
    }

    /** A copy of the test anomaly flags (1 = anomaly). */
    @Override
    public int[] testIsAnomaly() {
        return testIsAnomaly.clone();
    }

    /** The name of the normal class. */
    public String normalClassName() {
        return train.classNames().get(normalClass);
    }

    /** The training images that are normal (the "training normals" preprocessing is fitted on). */
    public ImageSet trainNormals() {
        return train.subset(java.util.stream.IntStream.range(0, train.size())
                .filter(i -> trainIsAnomaly[i] == 0)
                .toArray());
    }
}
