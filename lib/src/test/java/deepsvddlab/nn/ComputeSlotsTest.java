package deepsvddlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compute slots: a run alone takes one at once; a slot another process holds is waited for; reentrant. */
class ComputeSlotsTest {
    /** Holds every slot file for the given milliseconds, then exits (run as a child process). */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long millis = Long.parseLong(args[1]);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "deepsvddlab-slots");
        Files.createDirectories(dir);
        List<FileLock> locks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FileChannel c =
                    FileChannel.open(dir.resolve("slot-" + i), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            locks.add(c.lock());
        }
        System.out.println("held");
        System.out.flush();
        Thread.sleep(millis);
    }

    /** Starts a child process that holds every slot for {@code millis}; returns once it holds them. */
    static Process holdAllSlots(long millis) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ComputeSlotsTest.class.getName(),
                        String.valueOf(ComputeSlots.count()),
                        String.valueOf(millis))
                .redirectErrorStream(true)
                .start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        assertEquals("held", r.readLine());
        return p;
    }

    @Test
    void aTrainingEpochWaitsForTheSlotAnotherProcessHolds() throws Exception {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.ndarray.NDArray x = m.randomUniform(0, 1, NetworkSpec.MNIST_LENET.inputShape(20));
            deepsvddlab.train.OptimConfig one = new deepsvddlab.train.OptimConfig(1, 1e-3, 0, List.of(), 0.1, 10);
            Process p = holdAllSlots(1500);
            try {
                long t0 = System.nanoTime();
                deepsvddlab.svdd.Autoencoder.pretrain(NetworkSpec.MNIST_LENET, x, one, 0, null, null)
                        .close();
                double waited = (System.nanoTime() - t0) / 1e6;
                assertTrue(waited > 800, "the epoch took its turn after the other process: " + waited + " ms");
            } finally {
                p.waitFor();
            }
        }
    }

    @Test
    void aSlotHeldByAnotherProcessIsWaitedForAndANestedOneIsFree() throws Exception {
        int count = ComputeSlots.count();
        assertTrue(count >= 1, "on by default");
        // reentrant: a nested acquire in the same process does not wait for itself (a training beside
        // this test may hold the machine's slot, so how long the outer one waits is not asserted)
        try (ComputeSlots.Lease a = ComputeSlots.acquire();
                ComputeSlots.Lease b = ComputeSlots.acquire()) {
            assertTrue(a != null && b != null);
        }
        Process p = holdAllSlots(1500);
        try {
            long t1 = System.nanoTime();
            try (ComputeSlots.Lease c = ComputeSlots.acquire()) {
                double waited = (System.nanoTime() - t1) / 1e6;
                assertTrue(waited > 800, "all slots held by the other process: waited " + waited + " ms");
            }
        } finally {
            p.waitFor();
        }
    }
}
