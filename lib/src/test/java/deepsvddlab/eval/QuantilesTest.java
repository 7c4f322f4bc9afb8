package deepsvddlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Quantiles against numpy.quantile (default "linear") stored in fixtures/quantiles.json. */
class QuantilesTest {

    static Stream<Named<JsonObject>> cases() {
        return Fixtures.cases(Fixtures.load("quantiles.json")).stream()
                .map(c -> Named.of(c.get("name").getAsString(), c));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesNumpy(JsonObject c) {
        double[] v = Fixtures.doubles(c, "values");
        double[] before = v.clone();
        double[] q = Fixtures.doubles(c, "q");
        double[] expected = Fixtures.doubles(c, "expected");
        double[] all = Quantiles.quantiles(v, q);
        for (int i = 0; i < q.length; i++) {
            assertEquals(expected[i], Quantiles.quantile(v, q[i]), 1e-12, "q=" + q[i]);
            assertEquals(expected[i], all[i], 1e-12, "q=" + q[i]);
        }
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(v), "input must not be modified");
    }

    @Test
    void badArgumentsAreClearErrors() {
        IllegalArgumentException q =
                assertThrows(IllegalArgumentException.class, () -> Quantiles.quantile(new double[] {1, 2}, 1.5));
        assertTrue(q.getMessage().startsWith("q must be in [0, 1], found 1.5"), q.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Quantiles.quantile(new double[] {1, 2}, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.quantile(new double[] {1, 2}, Double.NaN));
        IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> Quantiles.quantile(new double[0], 0.5));
        assertTrue(empty.getMessage().contains("non-empty"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Quantiles.quantile(new double[] {1, Double.NaN}, 0.5));
    }
}
