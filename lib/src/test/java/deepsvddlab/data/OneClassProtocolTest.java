package deepsvddlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneClassProtocolTest {
    /** Train: 100, 50, 60 images of classes 0..2; test: 20, 30, 50. Every image's pixels are unique. */
    private static TrainTest data() {
        return new TrainTest(
                TestFiles.blocks("toy train", new int[] {100, 50, 60}),
                TestFiles.blocks("toy test", new int[] {20, 30, 50}),
                "toy");
    }

    private static int sum(int[] a) {
        return Arrays.stream(a).sum();
    }

    @Test
    void cleanSplitTrainsOnTheNormalClassAndTestsOnAll() {
        OneClassTask t = OneClassProtocol.split(data(), 1, 0.0, 3);
        assertEquals(50, t.train().size());
        assertTrue(Arrays.stream(t.train().labels()).allMatch(l -> l == 1));
        assertEquals(0, sum(t.trainIsAnomaly()));
        assertEquals(100, t.test().size());
        int[] testLabels = t.test().labels();
        int[] flags = t.testIsAnomaly();
        for (int i = 0; i < flags.length; i++) {
            assertEquals(testLabels[i] == 1 ? 0 : 1, flags[i], "label 1 = anomaly");
        }
        assertEquals(70, sum(flags));
        assertEquals("class1", t.normalClassName());
    }

    @Test
    void pollutionGivesTheRequestedAnomalyFraction() {
        OneClassTask t = OneClassProtocol.split(data(), 0, 0.1, 5);
        int nAnom = (int) Math.round(0.1 * 100 / 0.9); // 11
        assertEquals(100 + nAnom, t.train().size());
        assertEquals(nAnom, sum(t.trainIsAnomaly()));
        int[] labels = t.train().labels();
        int[] flags = t.trainIsAnomaly();
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[i] != 0 ? 1 : 0, flags[i]);
        }
        assertEquals(0.1, nAnom / (double) t.train().size(), 0.005);
        Set<Float> firstPixels = new HashSet<>();
        for (int i = 0; i < t.train().size(); i++) {
            firstPixels.add(t.train().image(i)[0]);
        }
        assertEquals(t.train().size(), firstPixels.size(), "drawn without replacement");
        assertEquals(100, t.trainNormals().size());
        assertEquals(0.1, t.pollution());
        assertEquals(5L, t.seed());
    }

    @Test
    void trainIsShuffled() {
        int[] labels = OneClassProtocol.split(data(), 0, 0.2, 1).train().labels();
        int firstAnomaly = 0;
        while (labels[firstAnomaly] == 0) {
            firstAnomaly++;
        }
        assertTrue(firstAnomaly < 100, "anomalies are mixed in, not appended");
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        OneClassTask a = OneClassProtocol.split(data(), 2, 0.05, 42);
        OneClassTask b = OneClassProtocol.split(data(), 2, 0.05, 42);
        OneClassTask c = OneClassProtocol.split(data(), 2, 0.05, 43);
        assertEquals(a.train().sha256(), b.train().sha256());
        assertArrayEquals(a.trainIsAnomaly(), b.trainIsAnomaly());
        assertNotEquals(a.train().sha256(), c.train().sha256());
    }

    @Test
    void badArgumentsAreReported() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OneClassProtocol.split(data(), 3, 0.0, 1));
        assertTrue(
                e.getMessage().contains("0 = class0")
                        && e.getMessage().contains("2 = class2")
                        && e.getMessage().contains("found 3"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OneClassProtocol.split(data(), -1, 0.0, 1));
        for (double p : new double[] {-0.1, 1.0, Double.NaN}) {
            e = assertThrows(IllegalArgumentException.class, () -> OneClassProtocol.split(data(), 0, p, 1));
            assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> OneClassProtocol.split(data(), 0, 0.6, 1));
        assertTrue(e.getMessage().contains("150"), "needs 150 anomalies, 110 exist: " + e.getMessage());
    }

    @Test
    void limitsKeepPollutionAndClassProportions() {
        OneClassTask t = OneClassProtocol.split(data(), 0, 0.1, 9, 40, 30);
        assertTrue(t.train().size() <= 40, "train size " + t.train().size());
        int nNormal = t.train().size() - sum(t.trainIsAnomaly());
        assertEquals(36, nNormal);
        assertEquals(OneClassProtocol.anomalyCount(0.1, nNormal), sum(t.trainIsAnomaly()));
        assertEquals(30, t.test().size());
        assertArrayEquals(new int[] {6, 9, 15}, t.test().classCounts(), "test proportions 20:30:50 kept");
        OneClassTask again = OneClassProtocol.split(data(), 0, 0.1, 9, 40, 30);
        assertEquals(t.test().sha256(), again.test().sha256());
        OneClassTask odd = OneClassProtocol.split(data(), 0, 0.0, 9, 0, 7);
        assertEquals(7, odd.test().size(), "largest remainder rounding sums to the limit");
        assertArrayEquals(new int[] {1, 2, 4}, odd.test().classCounts());
        OneClassTask none = OneClassProtocol.split(data(), 0, 0.0, 9, -1, 0);
        assertEquals(100, none.train().size());
        assertEquals(100, none.test().size());
    }
}
