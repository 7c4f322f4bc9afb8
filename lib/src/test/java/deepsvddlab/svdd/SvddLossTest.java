package deepsvddlab.svdd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The Deep SVDD pieces against the definitions of Ruff et al. 2018, on hand-computed tensors. */
class SvddLossTest {
    @Test
    void distancesAndLossesOnHandComputedValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(new float[] {1, 2, 3, 0, 0, 0}, new ai.djl.ndarray.types.Shape(2, 3));
            NDArray c = m.create(new float[] {1, 1, 1});
            NDArray d = SvddLoss.distances(z, c);
            // (0 + 1 + 4) and (1 + 1 + 1)
            assertArrayEquals(new float[] {5f, 3f}, d.toFloatArray(), 1e-6f);
            assertEquals(4.0, SvddLoss.oneClass(d).getFloat(), 1e-6);
            // R = 2: R^2 + (1/nu) mean(max(0, d - R^2)) = 4 + (1/0.5) * mean(1, 0) = 5
            assertEquals(5.0, SvddLoss.softBoundary(d, 2.0, 0.5).getFloat(), 1e-6);
            // R = 0: the loss is mean(d)/nu
            assertEquals(8.0, SvddLoss.softBoundary(d, 0.0, 0.5).getFloat(), 1e-6);
        }
    }

    @Test
    void radiusIsTheOneMinusNuQuantileOfSqrtDistances() {
        float[] d = {1, 4, 9, 16, 25}; // sqrt: 1..5
        // numpy.quantile([1,2,3,4,5], 0.9) = 4.6
        assertEquals(4.6, SvddLoss.radius(d, 0.1), 1e-12);
        assertEquals(3.0, SvddLoss.radius(d, 0.5), 1e-12);
    }

    @Test
    void centerGuardPushesSmallCoordinatesToEps() {
        float[] c = Center.guard(new float[] {0.05f, -0.05f, 0f, 0.5f, -0.2f}, 0.1);
        assertArrayEquals(new float[] {0.1f, -0.1f, 0.1f, 0.5f, -0.2f}, c, 1e-7f);
    }

    @Test
    void allZeroOrNonFiniteCenterIsRejectedWithTheReason() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Center.guard(new float[3], 0.1));
        assertTrue(e.getMessage().contains("collapses"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Center.validate(new float[] {1, Float.NaN}));
        assertTrue(e.getMessage().contains("c[1]"), e.getMessage());
    }

    @Test
    void configRejectsNuOutsideUnitInterval() {
        for (double nu : new double[] {0, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> DeepSvddConfig.builder(deepsvddlab.nn.NetworkSpec.MNIST_LENET)
                            .nu(nu)
                            .build());
            assertTrue(e.getMessage().startsWith("nu must be in (0, 1]"), e.getMessage());
        }
    }

    @Test
    void learningRateDropsOneEpochEarlyLikeTheReference() {
        deepsvddlab.train.OptimConfig c = deepsvddlab.train.OptimConfig.referenceSvdd();
        assertEquals(1e-4, c.learningRate(0), 1e-15);
        assertEquals(1e-4, c.learningRate(47), 1e-15);
        // milestone 50: the reference's scheduler.step() at the start of each epoch lowers the rate
        // in the epoch with 0-based index 49.
        assertEquals(1e-5, c.learningRate(49), 1e-15);
        assertEquals(1e-5, c.learningRate(149), 1e-15);
    }
}
