package deepsvddlab.svdd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import deepsvddlab.nn.Interrupts;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.nn.Networks;
import deepsvddlab.train.OptimConfig;
import deepsvddlab.train.ProgressListener;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stop button (Interrupts): a request or a thread interrupt stops a training before its next
 * batch with a message that says where, and leaves the data and earlier models usable. The kernel
 * side (the launcher's signal, a real cell, the next cell's output) is bin/interrupt-check.
 */
class InterruptTest {
    static NDManager manager;
    static NDArray normals;

    @BeforeAll
    static void data() {
        manager = NDManager.newBaseManager();
        normals = manager.create(
                deepsvddlab.TestData.images(120, false, new SplittableRandom(3)),
                NetworkSpec.MNIST_LENET.inputShape(120));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static DeepSvddConfig config(int epochs) {
        OptimConfig o = new OptimConfig(epochs, 1e-3, 1e-6, List.of(), 0.1, 40);
        return DeepSvddConfig.builder(NetworkSpec.MNIST_LENET)
                .pretrain(o)
                .train(o)
                .seed(5)
                .build();
    }

    /** Calls {@code action} when the given epoch of the pretraining has been reported. */
    static ProgressListener atEpoch(int epoch, Runnable action) {
        return r -> {
            if (r.phase().equals("pretrain") && r.epoch() == epoch) {
                action.run();
            }
        };
    }

    @Test
    void aStopRequestEndsTheTrainingBeforeTheNextBatchAndSaysWhere() {
        Interrupts.Interrupted e = assertThrows(
                Interrupts.Interrupted.class,
                () -> new DeepSvdd(config(50)).fit(normals, atEpoch(2, Interrupts::request), null));
        assertTrue(
                e.getMessage().contains("stopped in phase 'pretrain' at epoch 3 of 50, before batch 1 of 3"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Run the cell again"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the exception carries the stop, not the flag");
        assertEquals(0, Interrupts.active(), "the loop is no longer registered for the exit hook");
        assertEquals(120 * 784, normals.toFloatArray().length, "the data stay usable");
    }

    @Test
    void anInterruptedThreadStopsLikeIJavasStopButton() {
        Interrupts.Interrupted e = assertThrows(
                Interrupts.Interrupted.class,
                () -> new DeepSvdd(config(50))
                        .fit(normals, atEpoch(1, () -> Thread.currentThread().interrupt()), null));
        assertTrue(e.getMessage().contains("at epoch 2 of 50, before batch 1"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aRequestBeforeATrainingStartsDoesNotStopItAndAnEarlierModelStillScores() {
        DeepSvddModel before = new DeepSvdd(config(1)).fit(normals, null, null);
        double[] scores = before.score(normals);
        Interrupts.request();
        DeepSvddModel after = new DeepSvdd(config(2)).fit(normals, null, null);
        assertEquals(2, after.history().series("svdd", "loss").length);
        assertEquals(scores[0], before.score(normals)[0], 0.0, "a model of an earlier cell is unchanged");
    }

    @Test
    void inferenceStopsBetweenBatchesToo() {
        DeepSvddModel model = new DeepSvdd(config(1)).fit(normals, null, null);
        Thread.currentThread().interrupt();
        Interrupts.Interrupted e = assertThrows(Interrupts.Interrupted.class, () -> model.score(normals));
        assertTrue(e.getMessage().contains("running the network, before row 1 of 120"), e.getMessage());
        assertEquals(120, model.score(normals).length, "the next call runs");
        assertEquals(1000, Networks.INFERENCE_BATCH);
    }

    @Test
    void inferenceRunsInTheBatchesItIsGiven() {
        DeepSvddModel model = new DeepSvdd(config(1)).fit(normals, null, null);
        java.util.List<Long> sizes = new java.util.ArrayList<>();
        float[] z = Networks.map(model.encoder(), normals, 50, b -> {
            sizes.add(b.input().getShape().get(0));
            return b.output().singletonOrThrow();
        });
        assertEquals(List.of(50L, 50L, 20L), sizes, "120 rows in batches of at most 50");
        assertEquals(120 * 32, z.length);
        assertEquals(100, NetworkSpec.RESNET18.inferenceBatch(), "the wide encoder's smaller batches");
        assertThrows(IllegalArgumentException.class, () -> Networks.map(model.encoder(), normals, 0, b -> b.input()));
    }

    @Test
    void notebookThreadsAreThoseRunningJShellSnippetClasses() {
        StackTraceElement snippet = new StackTraceElement("REPL.$JShell$23", "do_it$", "#23", 1);
        StackTraceElement lab = new StackTraceElement("deepsvddlab.train.EpochLoop", "run", "EpochLoop.java", 9);
        assertTrue(Interrupts.runsSnippet(new StackTraceElement[] {lab, snippet}));
        assertFalse(Interrupts.runsSnippet(new StackTraceElement[] {lab}));
    }
}
