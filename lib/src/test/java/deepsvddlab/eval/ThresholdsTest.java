package deepsvddlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import deepsvddlab.eval.Thresholds.RadiusScore;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void tieIsNormalAndAboveIsAnomaly() {
        Threshold t = Thresholds.fixed(1.0);
        assertArrayEquals(new int[] {0, 0, 1}, t.predict(new double[] {0.5, 1.0, 1.0000001}));
        assertEquals(ThresholdRule.FIXED, t.rule());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> t.predict(new double[] {Double.NaN}));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void trainQuantileIsOneMinusNuQuantile() {
        double[] s = new double[101];
        for (int i = 0; i <= 100; i++) {
            s[i] = 100 - i; // 0..100 reversed
        }
        Threshold t = Thresholds.trainQuantile(s, 0.1);
        assertEquals(90.0, t.value(), 1e-12);
        assertEquals(ThresholdRule.TRAIN_QUANTILE, t.rule());
        assertEquals(0.1, t.params().get("nu"));
        assertEquals(101, t.n());
        // a fraction nu of the training scores lies strictly above
        int above = 0;
        for (int l : t.predict(s)) {
            above += l;
        }
        assertEquals(10, above);
        assertThrows(IllegalArgumentException.class, () -> Thresholds.trainQuantile(s, 0.0));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.trainQuantile(s, 1.5));
        assertEquals(0.0, Thresholds.trainQuantile(s, 1.0).value(), 0.0);
    }

    @Test
    void empiricalQuantileRecordsWhatItWasFittedOn() {
        Threshold t = Thresholds.empirical(new double[] {1, 2, 3, 4, 5}, 0.25, "validation normals");
        assertEquals(4.0, t.value(), 1e-12);
        assertEquals("validation normals", t.fittedOn());
        assertEquals(5, t.n());
        assertEquals(ThresholdRule.EMPIRICAL_QUANTILE, t.rule());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Thresholds.empirical(new double[] {1}, 1.0));
        assertTrue(e.getMessage().startsWith("alpha must be in (0, 1)"), e.getMessage());
    }

    @Test
    void radiusOnBothScoreScalesGivesTheSameDecision() {
        double r = 1.5;
        double[] d = {0.5, 2.25, 2.5, 9.0}; // squared distances; 2.25 = R^2 is on the sphere
        double[] shifted = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            shifted[i] = d[i] - r * r;
        }
        Threshold onD = Thresholds.radius(r, RadiusScore.SQUARED_DISTANCE, 100);
        Threshold onShifted = Thresholds.radius(r, RadiusScore.DISTANCE_MINUS_R2);
        assertEquals(2.25, onD.value(), 0.0);
        assertEquals(0.0, onShifted.value(), 0.0);
        assertArrayEquals(new int[] {0, 0, 1, 1}, onD.predict(d));
        assertArrayEquals(onD.predict(d), onShifted.predict(shifted));
        assertEquals(100, onD.n());
        assertThrows(IllegalArgumentException.class, () -> Thresholds.radius(-1, RadiusScore.SQUARED_DISTANCE));
    }

    @Test
    void chiSquareMatchesScipy() {
        JsonObject f = Fixtures.load("mahalanobis.json");
        for (JsonElement e : f.getAsJsonArray("chi2")) {
            JsonObject c = e.getAsJsonObject();
            int dim = c.get("dim").getAsInt();
            double alpha = c.get("alpha").getAsDouble();
            double expected = c.get("ppf").getAsDouble();
            Threshold t = Thresholds.chiSquare(dim, alpha);
            assertEquals(expected, t.value(), 1e-7 * Math.max(1.0, expected), "dim=" + dim + " alpha=" + alpha);
            assertEquals(ThresholdRule.CHI_SQUARE, t.rule());
            assertEquals(dim, t.params().get("dim"));
        }
        assertThrows(IllegalArgumentException.class, () -> Thresholds.chiSquare(0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> Thresholds.chiSquare(3, 0.0));
    }

    @Test
    void paramsAreReadOnly() {
        Threshold t = Thresholds.trainQuantile(new double[] {1, 2, 3}, 0.5);
        assertThrows(UnsupportedOperationException.class, () -> t.params().put("nu", 0.9));
    }
}
