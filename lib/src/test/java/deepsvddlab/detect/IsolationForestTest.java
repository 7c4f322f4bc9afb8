package deepsvddlab.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import deepsvddlab.eval.Fixtures;
import deepsvddlab.eval.Metrics;
import org.junit.jupiter.api.Test;

class IsolationForestTest {
    private static final JsonObject FIXTURE = Fixtures.load("baselines.json");

    @Test
    void aurocMatchesSklearnAveragedOverSeeds() {
        float[][] train = Fixtures.matrix(FIXTURE, "train");
        float[][] test = Fixtures.matrix(FIXTURE, "test");
        int[] labels = Fixtures.ints(FIXTURE, "labels");
        double sum = 0.0;
        StringBuilder perSeed = new StringBuilder();
        for (int seed = 0; seed < 5; seed++) {
            double auc = Metrics.rocAuc(
                    labels,
                    IsolationForest.builder().seed(seed).build().fit(train).score(test));
            sum += auc;
            perSeed.append(String.format(" %.4f", auc));
        }
        double expected = FIXTURE.get("iforest_auroc_mean").getAsDouble();
        assertEquals(expected, sum / 5, 0.01, "Java per seed:" + perSeed + "; sklearn mean " + expected);
    }

    @Test
    void averagePathLengthIsTheBstFormula() {
        assertEquals(0.0, IsolationForest.averagePathLength(1), 0.0);
        assertEquals(1.0, IsolationForest.averagePathLength(2), 0.0);
        // values of scikit-learn's _average_path_length([256]) and ([3])
        assertEquals(10.244770920119917, IsolationForest.averagePathLength(256), 1e-12);
        assertEquals(1.207392357589623, IsolationForest.averagePathLength(3), 1e-12);
    }

    @Test
    void resultsDoNotDependOnThreads() {
        float[][] train = Fixtures.matrix(FIXTURE, "train");
        float[][] test = Fixtures.matrix(FIXTURE, "test");
        double[] parallel = IsolationForest.builder()
                .seed(11)
                .parallel(true)
                .build()
                .fit(train)
                .score(test);
        double[] sequential = IsolationForest.builder()
                .seed(11)
                .parallel(false)
                .build()
                .fit(train)
                .score(test);
        assertArrayEquals(sequential, parallel, 0.0);
    }

    @Test
    void constantFeaturesAreNeverSplitOnAndDuplicatesEndInLeaves() {
        // one informative feature, two constant ones: the outlier must be isolated on feature 0
        float[][] train = new float[64][];
        for (int i = 0; i < 64; i++) {
            train[i] = new float[] {i % 8, 3f, -1f};
        }
        IsolationForest.Fitted model =
                IsolationForest.builder().nTrees(50).seed(1).build().fit(train);
        double[] s = model.score(new float[][] {{3.5f, 3f, -1f}, {100f, 3f, -1f}});
        assertTrue(s[1] > s[0], "outlier must score higher: " + s[0] + " vs " + s[1]);
        // all rows identical: every tree is a single leaf with c(psi) path length, so s = 2^-1
        float[][] same = new float[10][];
        for (int i = 0; i < 10; i++) {
            same[i] = new float[] {1f, 2f};
        }
        double[] flat = IsolationForest.builder().nTrees(5).build().fit(same).score(same);
        for (double v : flat) {
            assertEquals(0.5, v, 1e-12);
        }
    }

    @Test
    void paramsRecordTheEffectiveSampleSize() {
        float[][] train = new float[100][];
        for (int i = 0; i < 100; i++) {
            train[i] = new float[] {i, -i};
        }
        IsolationForest.Fitted m = IsolationForest.builder().build().fit(train);
        assertEquals(100, m.params().get("psi"));
        assertEquals(7, m.params().get("heightLimit"));
        assertEquals(256, m.params().get("maxSamples"));
    }
}
