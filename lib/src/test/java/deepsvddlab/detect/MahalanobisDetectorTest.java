package deepsvddlab.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import deepsvddlab.eval.Fixtures;
import deepsvddlab.eval.Threshold;
import deepsvddlab.eval.Thresholds;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MahalanobisDetectorTest {
    private static final JsonObject FIXTURE = Fixtures.load("mahalanobis.json");

    @Test
    void matchesNumpyDistancesWithAndWithoutRidge() {
        float[][] train = Fixtures.matrix(FIXTURE, "train");
        float[][] test = Fixtures.matrix(FIXTURE, "test");
        MahalanobisDetector.Fitted plain = MahalanobisDetector.builder().build().fit(train);
        assertArrayEquals(Fixtures.doubles(FIXTURE, "mean"), plain.mean(), 1e-9);
        double[][] cov = plain.covariance();
        JsonObject wrap = new JsonObject();
        int d = cov.length;
        for (int i = 0; i < d; i++) {
            double[] expectedRow = new double[d];
            for (int j = 0; j < d; j++) {
                expectedRow[j] = FIXTURE.getAsJsonArray("cov")
                        .get(i)
                        .getAsJsonArray()
                        .get(j)
                        .getAsDouble();
            }
            assertArrayEquals(expectedRow, cov[i], 1e-9, "covariance (n - 1) row " + i);
        }
        assertArrayEquals(Fixtures.doubles(FIXTURE, "sq_dist_plain"), plain.score(test), 1e-8);
        MahalanobisDetector.Fitted ridged =
                MahalanobisDetector.builder().ridge(0.3).build().fit(train);
        assertArrayEquals(Fixtures.doubles(FIXTURE, "sq_dist_ridge"), ridged.score(test), 1e-8);
        assertEquals(0.3, ridged.params().get("ridge"));
    }

    @Test
    void singularCovarianceSuggestsARidge() {
        float[][] singular = Fixtures.matrix(FIXTURE, "singular_train");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> MahalanobisDetector.builder().build().fit(singular));
        assertTrue(e.getMessage().contains("ridge"), e.getMessage());
        // a ridge makes it usable
        double[] s =
                MahalanobisDetector.builder().ridge(1e-3).build().fit(singular).score(singular);
        assertEquals(singular.length, s.length);
        float[][] constant = {{1f, 2f}, {1f, 3f}, {1f, 5f}};
        assertThrows(
                IllegalArgumentException.class,
                () -> MahalanobisDetector.builder().build().fit(constant));
        assertThrows(
                IllegalArgumentException.class,
                () -> MahalanobisDetector.builder().build().fit(new float[][] {{1f, 2f}}));
    }

    @Test
    void chiSquareThresholdFlagsAboutAlphaOfGaussianNormals() {
        Random rng = new Random(3);
        int dim = 4;
        float[][] train = new float[4000][dim];
        float[][] test = new float[4000][dim];
        for (float[][] x : new float[][][] {train, test}) {
            for (float[] row : x) {
                for (int j = 0; j < dim; j++) {
                    row[j] = (float) (2.0 * rng.nextGaussian() + j);
                }
            }
        }
        MahalanobisDetector.Fitted m = MahalanobisDetector.builder().build().fit(train);
        Threshold t = Thresholds.chiSquare(m.dimension(), 0.05);
        int flagged = 0;
        for (int l : m.predict(test, t)) {
            flagged += l;
        }
        assertEquals(0.05, flagged / 4000.0, 0.015);
    }

    @Test
    void oneFeatureWorks() {
        float[][] x = {{1f}, {2f}, {3f}, {4f}};
        // mean 2.5, variance (n - 1) = 5/3: D^2(5) = 2.5^2 / (5/3) = 3.75
        assertEquals(3.75, MahalanobisDetector.builder().build().fit(x).score(new float[][] {{5f}})[0], 1e-12);
    }
}
