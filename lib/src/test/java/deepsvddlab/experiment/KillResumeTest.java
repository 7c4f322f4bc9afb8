package deepsvddlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep killed with SIGKILL in the middle of a run resumes without redoing finished runs; unwritable folders are refused. */
class KillResumeTest {
    static List<String> sweepArgs(Path data, Path runs) {
        return List.of(
                "sweep",
                "--data",
                data.toString(),
                "--out",
                runs.toString(),
                "--classes",
                "1,2,3",
                "--methods",
                "deep-svdd",
                "--ae-epochs",
                "2",
                "--epochs",
                "300",
                "--batch",
                "30",
                "--ae-batch",
                "30");
    }

    static long count(Path runs, String file) throws Exception {
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(d -> Files.isRegularFile(d.resolve(file))).count();
        }
    }

    @Test
    void aSweepKilledMidRunResumesWithoutRedoingFinishedRuns(@TempDir Path tmp) throws Exception {
        Path data = TinyData.fashion(tmp.resolve("data"));
        Path runs = tmp.resolve("runs");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1",
                "-cp",
                System.getProperty("java.class.path"),
                "deepsvddlab.cli.Main"));
        cmd.addAll(sweepArgs(data, runs));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 120_000;
        // wait until one run has finished and the next one has started (its config.json is written)
        while (!(count(runs, Experiment.RESULTS) >= 1 && count(runs, "config.json") >= 2)) {
            assertTrue(
                    p.isAlive(),
                    "the sweep ended before it could be killed:\n" + Files.readString(tmp.resolve("child.log")));
            assertTrue(System.currentTimeMillis() < deadline, "the sweep made no progress");
            Thread.sleep(20);
        }
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor();
        long finished = count(runs, Experiment.RESULTS);
        assertTrue(finished >= 1 && finished < 3, "finished runs at the kill: " + finished);
        List<RunResult> before = Sweep.finishedRuns(runs);
        assertEquals(finished, before.size(), "the killed run must leave nothing that looks finished");

        java.io.StringWriter out = new java.io.StringWriter();
        int code = deepsvddlab.cli.Main.execute(
                sweepArgs(data, runs).toArray(String[]::new),
                new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(0, code);
        assertEquals(
                finished,
                out.toString().lines().filter(l -> l.contains("done before")).count(),
                out.toString());
        List<RunResult> after = Sweep.finishedRuns(runs);
        assertEquals(3, after.size());
        for (RunResult r : before) {
            RunResult same = after.stream()
                    .filter(a -> a.name().equals(r.name()))
                    .findFirst()
                    .orElseThrow();
            assertEquals(r.metrics(), same.metrics(), "a finished run must not be redone or changed");
        }
    }

    @Test
    void aRunsFolderThatCannotBeWrittenIsRefusedWithItsPath(@TempDir Path tmp) throws Exception {
        Path data = TinyData.fashion(tmp.resolve("data"));
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path runs = blocker.resolve("runs");
        var forest = new DetectorSpec.Shallow(
                Method.ISOLATION_FOREST, DetectorSpec.FeatureSource.PIXELS, null, 10, 64, 0.1, Double.NaN, 0);
        var config = new deepsvddlab.experiment.ExperimentConfig(
                deepsvddlab.data.DatasetId.FASHION_MNIST, 1, 0, "gcn-l1-minmax", 0, 0, 0, forest);
        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> Experiment.run(config, data, runs, null, null));
        assertTrue(e.getMessage().contains(runs.toString()) && e.getMessage().contains("--out"), e.getMessage());
        assertFalse(Files.exists(runs));
    }

    /** A child JVM running a small sweep with one PyTorch thread (the same thread count gives the same floats). */
    static Process sweepProcess(Path data, Path runs, String classes, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1",
                "-cp",
                System.getProperty("java.class.path"),
                "deepsvddlab.cli.Main",
                "sweep",
                "--data",
                data.toString(),
                "--out",
                runs.toString(),
                "--methods",
                "deep-svdd,ae",
                "--ae-epochs",
                "2",
                "--epochs",
                "3",
                "--batch",
                "30",
                "--ae-batch",
                "30",
                "--classes",
                classes));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    @Test
    void twoSweepsOverOverlappingRunsAtOnceLeaveEveryRecordWhole(@TempDir Path tmp) throws Exception {
        Path data = TinyData.fashion(tmp.resolve("data"));
        Path runs = tmp.resolve("runs");
        Process a = sweepProcess(data, runs, "1,2", tmp.resolve("a.log"));
        Process b = sweepProcess(data, runs, "2,3", tmp.resolve("b.log"));
        assertEquals(0, a.waitFor(), Files.readString(tmp.resolve("a.log")));
        assertEquals(0, b.waitFor(), Files.readString(tmp.resolve("b.log")));
        List<RunResult> all = Sweep.finishedRuns(runs);
        assertEquals(6, all.size(), "classes 1, 2, 3 x two methods, the overlap counted once");
        // every record is whole and equals a run of the same configuration made alone
        Path alone = tmp.resolve("alone");
        Process ref = sweepProcess(data, alone, "1,2,3", tmp.resolve("ref.log"));
        assertEquals(0, ref.waitFor(), Files.readString(tmp.resolve("ref.log")));
        List<RunResult> reference = Sweep.finishedRuns(alone);
        for (int k = 0; k < all.size(); k++) {
            assertEquals(reference.get(k).name(), all.get(k).name());
            assertEquals(
                    reference.get(k).metrics(), all.get(k).metrics(), all.get(k).name());
            assertEquals(
                    Files.readString(reference.get(k).dir().resolve("scores.csv")),
                    Files.readString(all.get(k).dir().resolve("scores.csv")),
                    all.get(k).name());
        }
        assertEquals(Files.readString(alone.resolve("summary.csv")), Files.readString(runs.resolve("summary.csv")));
        try (var cache = Files.list(runs.resolve("_pretrained"))) {
            for (Path entry : cache.toList()) {
                assertTrue(Files.isRegularFile(entry.resolve("autoencoder.json")), entry + " is incomplete");
            }
        }
    }
}
