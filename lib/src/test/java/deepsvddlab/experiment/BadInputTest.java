package deepsvddlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepsvddlab.data.DataSource;
import deepsvddlab.data.DatasetId;
import deepsvddlab.svdd.DeepSvddModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input at the experiment layer: a clear message that names the file or value and the fix, and nothing lost. */
class BadInputTest {
    @TempDir
    static Path data;

    @BeforeAll
    static void dataSet() throws Exception {
        TinyData.fashion(data);
    }

    static ExperimentConfig svdd(int normalClass) {
        return new ExperimentConfig(
                DatasetId.FASHION_MNIST,
                normalClass,
                0,
                "gcn-l1-minmax",
                0,
                0,
                0,
                new DetectorSpec.Svdd(ExperimentTest.svdd().build()));
    }

    @Test
    void aFolderOrCsvWithOneClassIsRefused(@TempDir Path tmp) throws Exception {
        Path only = Files.createDirectories(tmp.resolve("imgs/cats"));
        for (int i = 0; i < 3; i++) {
            ImageIO.write(
                    new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB),
                    "png",
                    only.resolve(i + ".png").toFile());
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DataSource.parse("folder:" + tmp.resolve("imgs"), null).load(data));
        assertTrue(
                e.getMessage().contains(tmp.resolve("imgs").toString())
                        && e.getMessage().contains("at least two")
                        && e.getMessage().contains("[cats]"),
                e.getMessage());
        Path csv = Files.writeString(tmp.resolve("one.csv"), "a,b,y\n1,2,n\n3,4,n\n");
        e = assertThrows(
                IllegalArgumentException.class,
                () -> DataSource.parse("csv:" + csv, "y").load(data));
        assertTrue(e.getMessage().contains("one.csv") && e.getMessage().contains("column y"), e.getMessage());
    }

    @Test
    void anUnknownClassIndexNamesTheClasses(@TempDir Path runs) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Experiment.run(svdd(10), data, runs, null, null));
        assertTrue(
                e.getMessage().startsWith("normal class must be in 0..9")
                        && e.getMessage().contains("Ankle boot"),
                e.getMessage());
    }

    @Test
    void aTruncatedOrCorruptedCheckpointIsRefusedWithItsFile(@TempDir Path runs) throws Exception {
        RunResult r = Experiment.run(svdd(1), data, runs, null, null);
        Path ckpt = r.dir().resolve("checkpoint");
        Path params = ckpt.resolve("model.params");
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepSvddModel.load(ckpt));
        assertTrue(
                e.getMessage().contains(params.toString()) && e.getMessage().contains("truncated or damaged"),
                e.getMessage());
        byte[] garbage = bytes.clone();
        for (int i = 0; i < 64; i++) {
            garbage[i] = (byte) 0x5a;
        }
        Files.write(params, garbage);
        e = assertThrows(IllegalArgumentException.class, () -> DeepSvddModel.load(ckpt));
        assertTrue(e.getMessage().contains(params.toString()), e.getMessage());
        // the run's record is untouched: it is still a finished run with the same metrics
        assertEquals(r.metrics(), RunResult.loadIfFinished(r.dir()).metrics());
    }

    @Test
    void aDamagedPretrainingCacheIsRebuiltNotTrusted(@TempDir Path runs) throws Exception {
        RunResult first = Experiment.run(svdd(1), data, runs, null, null);
        Path cache;
        try (var s = Files.list(runs.resolve("_pretrained"))) {
            cache = s.findFirst().orElseThrow();
        }
        Files.writeString(cache.resolve("autoencoder.json"), "");
        // a new run (another seed) over the same cache entry's key would load it: make it the same key
        deleteTree(first.dir());
        RunResult again = Experiment.run(svdd(1), data, runs, null, null);
        assertFalse(again.cached());
        assertEquals(first.metrics(), again.metrics(), "the rebuilt autoencoder gives the same scores");
        assertTrue(Files.size(cache.resolve("autoencoder.json")) > 0, "the damaged entry was rewritten");
    }

    static void deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
