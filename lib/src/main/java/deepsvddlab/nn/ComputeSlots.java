package deepsvddlab.nn;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Machine-wide compute slots, so that trainings in different processes take turns on the cores
 * instead of fighting over them. libtorch's OpenMP threads spin while they wait for each other; two
 * 2-thread trainings on 2 cores that compute at the same time deschedule each other's spinning
 * threads and run 6-30x slower each (bench/README, "Speed under load"). With slots, each mini-batch
 * (and each inference batch) holds one of {@code cores / threads} slots while it computes: a run
 * alone always finds a free slot (an uncontended file lock, a few microseconds a batch), and two
 * runs on 2 cores alternate batch by batch, each at about half its speed alone, with the machine's
 * throughput kept.
 *
 * <p>A slot is an exclusive lock on a file {@code slot-<i>} in {@code java.io.tmpdir}/deepsvddlab-slots
 * (held by the operating system for the process: a process that dies frees its slot). Setting
 * {@code dsvdd.compute.slots} / {@code DSVDD_COMPUTE_SLOTS} ({@link deepsvddlab.io.Settings}):
 * {@code off} disables the slots, a number sets their count; the
 * default is max(1, available processors / PyTorch threads per process). Within one process the
 * slot is reentrant and shared by its threads one at a time.
 */
public final class ComputeSlots {
    private static final ReentrantLock LOCAL = new ReentrantLock();
    private static final int COUNT = count();
    private static final FileChannel[] CHANNELS = new FileChannel[Math.max(COUNT, 0)];
    private static FileLock held;

    private ComputeSlots() {}

    /** A held slot; closing it gives the slot back. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private static final Lease NONE = () -> {};

    /** The number of slots on this machine, or 0 when they are off. */
    public static int count() {
        String v = deepsvddlab.io.Settings.get("dsvdd.compute.slots", "DSVDD_COMPUTE_SLOTS");
        if (v != null && v.trim().equalsIgnoreCase("off")) {
            return 0;
        }
        if (v != null && !v.isBlank()) {
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException(
                    "DSVDD_COMPUTE_SLOTS must be off or a number >= 1, found '" + v + "'; unset it for the default");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", cores);
        return Math.max(1, cores / Math.max(1, threads));
    }

    /**
     * Takes a slot (waiting while all are held by other processes); use try-with-resources around
     * one batch's computation. A no-op when the slots are off, or for a nested call in this process.
     */
    public static Lease acquire() {
        if (COUNT == 0) {
            return NONE;
        }
        LOCAL.lock();
        if (LOCAL.getHoldCount() > 1) {
            return LOCAL::unlock;
        }
        try {
            held = lockSlot();
        } catch (IOException | RuntimeException e) {
            held = null; // no slot file (a read-only temp folder): compute without one, as before
        }
        return () -> {
            try {
                if (held != null && held.isValid()) {
                    held.release();
                }
            } catch (IOException e) {
                // the lock goes with the channel or the process anyway
            } finally {
                held = null;
                LOCAL.unlock();
            }
        };
    }

    private static FileLock lockSlot() throws IOException {
        for (int i = 0; i < COUNT; i++) {
            FileLock l = channel(i).tryLock();
            if (l != null) {
                return l;
            }
        }
        int mine = (int) (ProcessHandle.current().pid() % COUNT);
        try {
            return channel(mine).lock();
        } catch (java.nio.channels.ClosedByInterruptException e) {
            CHANNELS[mine] = null; // interrupt closed the channel: reopen next time
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static FileChannel channel(int i) throws IOException {
        FileChannel c = CHANNELS[i];
        if (c == null || !c.isOpen()) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "deepsvddlab-slots");
            Files.createDirectories(dir);
            c = FileChannel.open(dir.resolve("slot-" + i), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            CHANNELS[i] = c;
        }
        return c;
    }
}
