package deepsvddlab.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded shuffles and stratified splits (never global randomness). */
final class Splits {
    private Splits() {}

    /** Fisher-Yates shuffle of {@code a} in place with {@code rng}. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Indices {@code i} with {@code labels[i] == cls}, ascending. */
    static int[] indicesOf(int[] labels, int cls) {
        return java.util.stream.IntStream.range(0, labels.length)
                .filter(i -> labels[i] == cls)
                .toArray();
    }

    /**
     * Splits the indices 0..n-1 per class: of each class's {@code m} items, {@code round(m * testFraction)}
     * drawn at random go to the test part. Both parts come back sorted ascending.
     *
     * @return {@code {trainIndices, testIndices}}
     */
    static int[][] stratifiedSplit(int[] labels, int numClasses, double testFraction, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] train = new int[labels.length];
        int[] test = new int[labels.length];
        int nTrain = 0;
        int nTest = 0;
        for (int c = 0; c < numClasses; c++) {
            int[] idx = indicesOf(labels, c);
            shuffle(idx, rng);
            int k = (int) Math.round(idx.length * testFraction);
            for (int j = 0; j < idx.length; j++) {
                if (j < k) {
                    test[nTest++] = idx[j];
                } else {
                    train[nTrain++] = idx[j];
                }
            }
        }
        int[] tr = Arrays.copyOf(train, nTrain);
        int[] te = Arrays.copyOf(test, nTest);
        Arrays.sort(tr);
        Arrays.sort(te);
        return new int[][] {tr, te};
    }

    /**
     * A seeded stratified subsample of {@code limit} indices that keeps the class proportions: class
     * {@code c} gets its share {@code limit * n_c / n} rounded by the largest-remainder rule, so the
     * shares sum to {@code limit} exactly. Returned sorted ascending.
     */
    static int[] stratifiedSample(int[] labels, int numClasses, int limit, SplittableRandom rng) {
        int n = labels.length;
        if (limit >= n) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        int[] counts = new int[numClasses];
        for (int l : labels) {
            counts[l]++;
        }
        int[] take = new int[numClasses];
        double[] remainder = new double[numClasses];
        int taken = 0;
        for (int c = 0; c < numClasses; c++) {
            double exact = (double) limit * counts[c] / n;
            take[c] = (int) Math.floor(exact);
            remainder[c] = exact - take[c];
            taken += take[c];
        }
        Integer[] order = new Integer[numClasses];
        for (int c = 0; c < numClasses; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int k = 0; taken < limit; k++) {
            take[order[k % numClasses]]++;
            taken++;
        }
        int[] out = new int[limit];
        int m = 0;
        for (int c = 0; c < numClasses; c++) {
            int[] idx = indicesOf(labels, c);
            shuffle(idx, rng);
            System.arraycopy(idx, 0, out, m, take[c]);
            m += take[c];
        }
        Arrays.sort(out);
        return out;
    }
}
