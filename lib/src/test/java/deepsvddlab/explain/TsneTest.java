package deepsvddlab.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import deepsvddlab.eval.Fixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * t-SNE against scikit-learn 1.2.1 on the fixture of {@code fixtures/make_tsne_fixture.py} (300
 * points in 10 dimensions, three clusters; perplexity 30, PCA init, learning rate "auto").
 */
class TsneTest {
    static JsonObject fixture;
    static float[][] x;
    static int trustK;

    @BeforeAll
    static void load() {
        fixture = Fixtures.load("tsne.json");
        x = Fixtures.matrix(fixture, "x");
        trustK = fixture.get("trust_k").getAsInt();
    }

    static Tsne config(Tsne.Method method) {
        return Tsne.builder()
                .method(method)
                .perplexity(fixture.get("perplexity").getAsDouble())
                .init(Tsne.Init.PCA)
                .autoLearningRate()
                .seed(0)
                .threads(2)
                .build();
    }

    @ParameterizedTest
    @EnumSource(Tsne.Method.class)
    void klAndTrustworthinessMatchScikitLearn(Tsne.Method method) {
        JsonObject sk = fixture.getAsJsonObject(method == Tsne.Method.EXACT ? "exact" : "barnes_hut");
        Tsne.Result r = config(method).fit(x);
        double skKl = sk.get("kl_divergence").getAsDouble();
        double skTrust = sk.get("trustworthiness").getAsDouble();
        double trust = Tsne.trustworthiness(x, r.embedding(), trustK);
        System.out.printf(
                "%s: KL %.4f (sklearn %.4f), trustworthiness %.4f (sklearn %.4f), %d iterations%n",
                method, r.klDivergence(), skKl, trust, skTrust, r.iterations());
        assertEquals(sk.get("learning_rate").getAsDouble(), r.learningRate(), 1e-12);
        assertEquals(sk.get("n_iter").getAsInt() + 1, r.iterations());
        assertEquals(skKl, r.klDivergence(), 0.05 * skKl, "KL divergence within 5% of scikit-learn's");
        assertEquals(skTrust, trust, 0.02, "trustworthiness (k = 10) within 0.02 of scikit-learn's");
        assertEquals(x.length, r.embedding().length);
        assertEquals(2, r.embedding()[0].length);
    }

    @Test
    void trustworthinessMatchesScikitLearn() {
        double[][] firstTwo = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            firstTwo[i] = new double[] {x[i][0], x[i][1]};
        }
        assertEquals(
                fixture.get("trust_first_two_columns").getAsDouble(), Tsne.trustworthiness(x, firstTwo, trustK), 1e-12);
        double[][] same = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            same[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                same[i][j] = x[i][j];
            }
        }
        assertEquals(1.0, Tsne.trustworthiness(x, same, trustK), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(Tsne.Method.class)
    void sameSeedSameEmbedding(Tsne.Method method) {
        float[][] small = blobs(240, 5, 1);
        Tsne t = Tsne.builder()
                .method(method)
                .perplexity(10)
                .init(Tsne.Init.RANDOM)
                .seed(7)
                .nIter(300)
                .build();
        Tsne.Result a = t.fit(small);
        Tsne.Result b = t.fit(small);
        assertEquals(a.klDivergence(), b.klDivergence());
        for (int i = 0; i < small.length; i++) {
            assertArrayEquals(a.embedding()[i], b.embedding()[i]);
        }
        // the thread count does not change the result (fixed chunks, sums in order)
        Tsne one = Tsne.builder()
                .method(method)
                .perplexity(10)
                .init(Tsne.Init.RANDOM)
                .seed(7)
                .nIter(300)
                .threads(1)
                .build();
        Tsne.Result c = one.fit(small);
        for (int i = 0; i < small.length; i++) {
            assertArrayEquals(a.embedding()[i], c.embedding()[i]);
        }
        Tsne.Result other = Tsne.builder()
                .method(method)
                .perplexity(10)
                .init(Tsne.Init.RANDOM)
                .seed(8)
                .nIter(300)
                .build()
                .fit(small);
        assertTrue(other.embedding()[0][0] != a.embedding()[0][0], "another seed starts elsewhere");
    }

    @Test
    void clustersStaySeparated() {
        float[][] data = blobs(180, 8, 2);
        Tsne.Result r = Tsne.builder().perplexity(15).build().fit(data);
        assertTrue(Tsne.trustworthiness(data, r.embedding(), 5) > 0.9);
        assertTrue(Double.isFinite(r.klDivergence()) && r.klDivergence() > 0);
    }

    @Test
    void perplexityTooLargeIsRefused() {
        float[][] data = blobs(40, 3, 3);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Tsne.builder().perplexity(50).build().fit(data));
        assertEquals("perplexity must be in (0, n - 1), found 50 for 40 points; use at most 13", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().perplexity(0));
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().perplexity(Double.NaN));
    }

    @Test
    void nanIsRefusedWithItsRow() {
        float[][] data = blobs(30, 4, 4);
        data[17][2] = Float.NaN;
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Tsne.builder().perplexity(5).build().fit(data));
        assertTrue(e.getMessage().contains("row 17"), e.getMessage());
        assertTrue(e.getMessage().startsWith("x must be finite, found NaN"), e.getMessage());
    }

    @Test
    void tooFewPointsAndOtherBadInputAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Tsne.builder().perplexity(1).build().fit(blobs(3, 2, 5)));
        assertTrue(e.getMessage().startsWith("x must hold at least 4 rows, found 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tsne.builder().nComponents(3));
        assertTrue(e.getMessage().startsWith("nComponents must be 2, found 3"), e.getMessage());
        float[][] ragged = blobs(10, 3, 6);
        ragged[4] = new float[2];
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Tsne.builder().perplexity(2).build().fit(ragged));
        assertTrue(e.getMessage().startsWith("x[4] must have 3 columns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().nIter(100));
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().angle(1.5));
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().learningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().earlyExaggeration(0.5));
        assertThrows(IllegalArgumentException.class, () -> Tsne.builder().threads(0));
        e = assertThrows(
                IllegalArgumentException.class, () -> Tsne.trustworthiness(blobs(10, 2, 7), new double[10][2], 5));
        assertTrue(e.getMessage().startsWith("k must be in [1, n / 2)"), e.getMessage());
    }

    /** n points in d dimensions in three clusters (centers N(0, 5^2), unit noise, round robin), seeded. */
    static float[][] blobs(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] centers = new double[3][d];
        for (double[] c : centers) {
            for (int j = 0; j < d; j++) {
                c[j] = 5 * gaussian(rng);
            }
        }
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = (float) (centers[i % 3][j] + gaussian(rng));
            }
        }
        return out;
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
