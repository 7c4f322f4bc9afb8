package deepsvddlab.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import deepsvddlab.eval.Fixtures;
import deepsvddlab.eval.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Random;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneClassSvmTest {
    private static final JsonObject FIXTURE = Fixtures.load("baselines.json");

    @Test
    void matchesSklearnOneClassSvm() {
        float[][] train = Fixtures.matrix(FIXTURE, "train");
        float[][] test = Fixtures.matrix(FIXTURE, "test");
        int[] labels = Fixtures.ints(FIXTURE, "labels");
        assertEquals(FIXTURE.get("ocsvm_gamma").getAsDouble(), OneClassSvm.scaleGamma(train), 1e-12);

        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OneClassSvm.Fitted model;
        try {
            System.setOut(new PrintStream(captured));
            svmPrintsToStdout();
            model = OneClassSvm.builder().nu(0.1).build().fit(train);
            assertEquals(OneClassSvm.KernelRows.DENSE.name(), model.params().get("kernelRows"));
        } finally {
            System.setOut(stdout);
        }
        assertEquals("", captured.toString(), "LIBSVM's solver output must be silenced");

        double auroc = Metrics.rocAuc(labels, model.score(test));
        assertEquals(FIXTURE.get("ocsvm_auroc").getAsDouble(), auroc, 0.005);
        double[] sk = Fixtures.doubles(FIXTURE, "ocsvm_decision");
        double[] ours = model.decisionFunction(test);
        double r = new PearsonsCorrelation().correlation(sk, ours);
        assertTrue(r > 0.999, "decision values should correlate nearly perfectly with sklearn's, r = " + r);
        for (int i = 0; i < ours.length; i++) {
            assertEquals(
                    sk[i], ours[i], 1e-6, "decision value " + i); // same LIBSVM solver: measured max |diff| ~ 6e-14
        }
        int nSv = FIXTURE.get("ocsvm_n_support").getAsInt();
        assertEquals(nSv, model.supportVectorCount());
    }

    @Test
    void scoreIsMinusDecisionValue() {
        float[][] train = DetectorContractTest.train();
        OneClassSvm.Fitted m = OneClassSvm.builder().gamma(0.1).build().fit(train);
        float[][] x = {train[0], {5f, 5f, 5f, 5f, 5f, 5f, 5f, 5f}};
        double[] f = m.decisionFunction(x);
        double[] s = m.score(x);
        assertEquals(-f[0], s[0], 0.0);
        assertEquals(-f[1], s[1], 0.0);
        assertTrue(f[1] < 0, "a far point is outside the learned region");
        assertEquals(0.1, m.params().get("gammaValue"));
    }

    @Test
    void nuBoundsTheTrainingOutlierFraction() {
        float[][] train = DetectorContractTest.train();
        OneClassSvm.Fitted m = OneClassSvm.builder().nu(0.2).build().fit(train);
        int outside = 0;
        for (double v : m.decisionFunction(train)) {
            outside += v < 0 ? 1 : 0;
        }
        assertTrue(outside <= 0.2 * train.length + 3, "outside " + outside);
        assertTrue(m.supportVectorCount() >= 0.2 * train.length - 1, "nSV " + m.supportVectorCount());
    }

    /** Restores LIBSVM's default print function (stdout), so the silence test can fail. */
    private static void svmPrintsToStdout() {
        libsvm.svm.svm_set_print_string_function(text -> {
            System.out.print(text);
            System.out.flush();
        });
    }

    /** The same model from the dense kernel and from LIBSVM's svm_train: equal alphas, rho, decision values. */
    private static void assertSameModel(float[][] train, float[][] test, OneClassSvm.Builder config) {
        OneClassSvm.Fitted dense =
                config.kernelRows(OneClassSvm.KernelRows.DENSE).build().fit(train);
        OneClassSvm.Fitted nodes =
                config.kernelRows(OneClassSvm.KernelRows.LIBSVM_NODES).build().fit(train);
        assertEquals(nodes.supportVectorCount(), dense.supportVectorCount());
        assertEquals(nodes.rho(), dense.rho(), 1e-10);
        assertArrayEquals(nodes.coefficients(), dense.coefficients(), 1e-10);
        assertArrayEquals(nodes.decisionFunction(test), dense.decisionFunction(test), 1e-10);
    }

    @Test
    void denseKernelGivesLibsvmsModelOnTheFixture() {
        assertSameModel(
                Fixtures.matrix(FIXTURE, "train"),
                Fixtures.matrix(FIXTURE, "test"),
                OneClassSvm.builder().nu(0.1));
    }

    @ParameterizedTest(name = "nu {0}, gamma {1}")
    @CsvSource({"0.1, scale", "0.3, 0.05", "0.02, 2.0", "0.7, 0.5"})
    void denseKernelGivesLibsvmsModelOnRandomData(double nu, String gamma) {
        Random r = new Random(11);
        float[][] train = new float[350][12];
        float[][] test = new float[100][12];
        for (float[][] m : new float[][][] {train, test}) {
            for (float[] row : m) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = r.nextInt(4) == 0 ? 0f : (float) (r.nextGaussian() * (1 + j % 3));
                }
            }
        }
        OneClassSvm.Builder b = OneClassSvm.builder().nu(nu);
        if (!gamma.equals("scale")) {
            b.gamma(Double.parseDouble(gamma));
        }
        assertSameModel(train, test, b);
    }
}
