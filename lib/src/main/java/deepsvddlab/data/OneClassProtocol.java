package deepsvddlab.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one-class protocol of Ruff et al., "Deep One-Class Classification", ICML 2018: one class of a
 * multi-class data set is normal, all others are anomalies.
 *
 * <p>Train set: all training images of {@code normalClass} ({@code nNormal} of them), plus
 * {@code nAnom = round(pollution * nNormal / (1 - pollution))} images drawn at random, without
 * replacement, from the other classes' training images, so that the anomaly fraction
 * {@code nAnom / (nNormal + nAnom)} is {@code pollution} (0 gives the clean setting of the paper).
 * The train set is shuffled. Test set: all test images, anomaly flag 1 where the class is not
 * {@code normalClass}. All randomness comes from one {@link SplittableRandom} seeded with
 * {@code seed}: the same seed gives the same split.
 */
public final class OneClassProtocol {
    private OneClassProtocol() {}

    /** The full protocol, without limits. */
    public static OneClassTask split(TrainTest data, int normalClass, double pollution, long seed) {
        return split(data, normalClass, pollution, seed, 0, 0);
    }

    /**
     * The protocol with optional size limits (quick mode of the notebooks).
     *
     * @param trainLimit if {@code > 0}, the most training images: the normals are subsampled (seeded) so
     *                   that normals plus their pollution fit, keeping the anomaly fraction
     * @param testLimit  if {@code > 0}, the most test images: a seeded stratified subsample that keeps the
     *                   class proportions (largest-remainder rounding), in the original order
     * @throws IllegalArgumentException for an unknown class, a pollution outside [0, 1), or too few anomalies
     */
    public static OneClassTask split(
            TrainTest data, int normalClass, double pollution, long seed, int trainLimit, int testLimit) {
        ImageSet train = data.train();
        int numClasses = train.classNames().size();
        if (normalClass < 0 || normalClass >= numClasses) {
            String valid = IntStream.range(0, numClasses)
                    .mapToObj(c -> c + " = " + train.classNames().get(c))
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException("normalClass must be a class index of " + train.name() + " (" + valid
                    + "), found " + normalClass + "; pick one of these");
        }
        if (!(pollution >= 0 && pollution < 1)) {
            throw new IllegalArgumentException("pollution must be in [0, 1), found " + pollution
                    + "; it is the anomaly fraction of the training set, e.g. 0.05");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = train.labels();
        int[] normals = Splits.indicesOf(labels, normalClass);
        int[] others = IntStream.range(0, labels.length)
                .filter(i -> labels[i] != normalClass)
                .toArray();
        if (normals.length == 0) {
            throw new IllegalArgumentException(
                    "normal class " + normalClass + " (" + train.classNames().get(normalClass)
                            + ") must have training images in " + train.name() + ", found none; pick another class");
        }

        int nNormal = normals.length;
        if (trainLimit > 0) {
            nNormal = Math.min(nNormal, (int) Math.floor(trainLimit * (1 - pollution)));
            while (nNormal > 1 && nNormal + anomalyCount(pollution, nNormal) > trainLimit) {
                nNormal--;
            }
            nNormal = Math.max(nNormal, 1);
            Splits.shuffle(normals, rng);
            normals = Arrays.copyOf(normals, nNormal);
        }
        int nAnom = anomalyCount(pollution, nNormal);
        if (nAnom > others.length) {
            throw new IllegalArgumentException(
                    "pollution " + pollution + " needs " + nAnom + " anomalies for " + nNormal + " normals, found only "
                            + others.length + " images of other classes; lower the pollution");
        }
        Splits.shuffle(others, rng);
        int[] chosen = new int[nNormal + nAnom];
        System.arraycopy(normals, 0, chosen, 0, nNormal);
        System.arraycopy(others, 0, chosen, nNormal, nAnom);
        Splits.shuffle(chosen, rng);
        ImageSet trainSet = train.subset(chosen)
                .withName(String.format(
                        "%s one-class (normal %d = %s, pollution %s, seed %d)",
                        train.name(), normalClass, train.classNames().get(normalClass), pollution, seed));
        int[] trainIsAnomaly = flags(trainSet.labels(), normalClass);

        ImageSet test = data.test();
        if (testLimit > 0 && testLimit < test.size()) {
            int[] keep =
                    Splits.stratifiedSample(test.labels(), test.classNames().size(), testLimit, rng);
            test = test.subset(keep).withName(test.name() + " (stratified subsample of " + testLimit + ")");
        }
        int[] testIsAnomaly = flags(test.labels(), normalClass);
        return new OneClassTask(trainSet, trainIsAnomaly, test, testIsAnomaly, normalClass, pollution, seed);
    }

    /** {@code round(pollution * nNormal / (1 - pollution))}: anomalies that make the fraction {@code pollution}. */
    public static int anomalyCount(double pollution, int nNormal) {
        return (int) Math.round(pollution * nNormal / (1 - pollution));
    }

    private static int[] flags(int[] labels, int normalClass) {
        int[] f = new int[labels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = labels[i] == normalClass ? 0 : 1;
        }
        return f;
    }

    /**
     * The index of a class given by its index ("0") or its name ("Trouser", case-insensitive), as the
     * command line and the notebook knobs take it.
     *
     * @param what the option or knob name for the message, e.g. "--class" or "DSVDD_CLASS"
     * @throws IllegalArgumentException naming the valid indices and names, and the closest name
     */
    public static int classIndex(java.util.List<String> classNames, String value, String what) {
        String v = value == null ? "" : value.trim();
        if (v.matches("\\d+") && Integer.parseInt(v) < classNames.size()) {
            return Integer.parseInt(v);
        }
        for (int i = 0; i < classNames.size(); i++) {
            if (classNames.get(i).equalsIgnoreCase(v)) {
                return i;
            }
        }
        throw new IllegalArgumentException(what + " must be a class index 0.." + (classNames.size() - 1)
                + " or a class name of " + classNames + ", found " + value + "; pick one of them"
                + deepsvddlab.io.Names.didYouMean(v, classNames));
    }
}
