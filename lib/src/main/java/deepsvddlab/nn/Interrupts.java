package deepsvddlab.nn;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The notebook's stop button, and a JVM exit that never pulls libtorch from under a running batch.
 *
 * <p><b>How a stop reaches a training.</b> Every long loop of the lab (each training batch in
 * {@code EpochLoop}, each inference batch in {@link Networks#map}, each t-SNE iteration) calls
 * {@link #check} with the {@link #mark} it took when it started. The check throws
 * {@link Interrupted}, naming where it stopped, when any of these happened since the mark:
 *
 * <ul>
 *   <li>the running thread was interrupted: IJava and JJava interrupt the cell's thread when the
 *       user presses stop;
 *   <li>{@link #request()} was called: the lab's kernelspec ({@code bin/install-kernel}) starts the
 *       kernel with {@code interrupt_mode: signal} through {@code bin/kernel-launcher.py}, which turns
 *       Jupyter's SIGINT into {@value #SIGNAL_NAME} for the JVM; the handler installed by
 *       {@link #install()} calls {@code request()}. (rapaio's own message interrupt cancels the
 *       cell without a reply and leaves later cells without output, so the launcher keeps it from
 *       the kernel.) The handler also interrupts every thread that is running notebook code (JShell
 *       snippet classes), so a user's own {@code Thread.sleep} or blocking call stops as well;
 *   <li>the JVM began to exit (the kernel was shut down or restarted).
 * </ul>
 *
 * A check sits between batches, never inside one, so what a stop leaves behind is whole: the
 * arrays and models of earlier cells are unchanged, and the interrupted call returns nothing. The
 * exception is the cell's error message, so the cell ends normally and the next one runs.
 *
 * <p><b>Exit.</b> A shutdown hook (installed with the handler) makes every check throw and waits up
 * to {@value #EXIT_WAIT_MS} ms for the loops inside {@link #begin()} to leave: exiting while a
 * thread is inside libtorch crashed the JVM (SIGSEGV in libtorch's teardown).
 *
 * <p>SIGURG is ignored by a JVM without a handler, so an interrupt that arrives before the lab's
 * classes are loaded does nothing, where SIGINT would end the kernel.
 */
public final class Interrupts {
    /** The signal the kernel launcher sends for Jupyter's interrupt (SIGURG, ignored by default). */
    public static final String SIGNAL_NAME = "URG";

    static final long EXIT_WAIT_MS = 10_000;
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    /** Threads inside {@link #shielded}, and those of them a request has asked to stop; guarded by SHIELDED. */
    private static final Set<Thread> SHIELDED = new HashSet<>();

    private static final Set<Thread> DEFERRED = new HashSet<>();
    private static volatile boolean exiting;
    private static boolean installed;

    private Interrupts() {}

    /** A stop of a long call: says where it stopped; nothing of the call was kept. */
    public static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted(String message) {
            super(message);
        }
    }

    /** Registration of one running loop, for the exit hook; close it when the loop ends. */
    public interface Work extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Installs the {@value #SIGNAL_NAME} handler and the exit hook (once per JVM; later calls do
     * nothing). Returns false where the JVM does not allow the handler (the exit hook is installed
     * anyway).
     */
    public static synchronized boolean install() {
        if (installed) {
            return true;
        }
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(Interrupts::awaitLoopsAtExit, "deepsvddlab-exit"));
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(SIGNAL_NAME), s -> request());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }

    /**
     * Asks every running loop to stop at its next check, and interrupts the threads that run notebook
     * (JShell) code. What the stop button does.
     */
    public static void request() {
        REQUESTS.incrementAndGet();
        for (Map.Entry<Thread, StackTraceElement[]> t :
                Thread.getAllStackTraces().entrySet()) {
            if (t.getKey() != Thread.currentThread() && runsSnippet(t.getValue())) {
                interrupt(t.getKey());
            }
        }
    }

    /** Interrupts {@code t} now, or when it leaves {@link #shielded} if it is inside. */
    private static void interrupt(Thread t) {
        synchronized (SHIELDED) {
            if (SHIELDED.contains(t)) {
                DEFERRED.add(t);
                return;
            }
        }
        t.interrupt();
    }

    /**
     * Runs {@code publish} (one message to the notebook through the kernel) so that a stop request
     * does not interrupt this thread inside it, and returns true; returns false without running it
     * when the thread is already interrupted (a stop is under way and the output would be lost anyway).
     *
     * <p>Why: the kernels send with JeroMQ, which turns an interrupt of the sending thread into a
     * failed send ({@code ZMQException: Errno 4 : Interrupted function}) and may close the channel it
     * writes on. Without the shield a stop that arrived during a progress update ended the cell with
     * that error instead of saying where the training stopped. A request that arrives meanwhile
     * interrupts the thread as soon as {@code publish} ends, so the loop's next {@link #check} stops it.
     */
    public static boolean shielded(Runnable publish) {
        Thread me = Thread.currentThread();
        synchronized (SHIELDED) {
            if (me.isInterrupted()) {
                return false;
            }
            SHIELDED.add(me);
        }
        try {
            publish.run();
            return true;
        } finally {
            synchronized (SHIELDED) {
                SHIELDED.remove(me);
                if (DEFERRED.remove(me)) {
                    me.interrupt();
                }
            }
        }
    }

    /** JShell compiles each cell into a class of the package {@code REPL}. */
    public static boolean runsSnippet(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            if (e.getClassName().startsWith("REPL.")) {
                return true;
            }
        }
        return false;
    }

    /** The stop requests so far: take it when a loop starts and pass it to {@link #check}. */
    public static long mark() {
        return REQUESTS.get();
    }

    /** True if the loop that took {@code mark} should stop (see the class comment). */
    public static boolean requested(long mark) {
        return exiting || REQUESTS.get() != mark || Thread.currentThread().isInterrupted();
    }

    /**
     * Throws {@link Interrupted} if the loop that took {@code mark} should stop; {@code where}
     * (called only then) says where, for example "phase 'svdd' at epoch 3 of 150, before batch 12
     * of 30". Clears the thread's interrupt flag when it throws: the exception carries the stop.
     */
    public static void check(long mark, Supplier<String> where) {
        if (requested(mark)) {
            throw stopped(where.get());
        }
    }

    /**
     * The exception of a stop {@code where} (for a loop that learnt of the stop another way, such as
     * an InterruptedException while waiting); clears the thread's interrupt flag, as {@link #check} does.
     */
    public static Interrupted stopped(String where) {
        String why = exiting ? "the JVM is exiting (kernel shut down or restarted)" : "interrupted (stop button)";
        Thread.interrupted();
        return new Interrupted(why + ": stopped " + where
                + "; nothing of this call was kept, the arrays and models of earlier cells are unchanged."
                + " Run the cell again to start over.");
    }

    /** Registers a running loop until {@link Work#close()}, so that the JVM's exit waits for it. */
    public static Work begin() {
        install();
        ACTIVE.incrementAndGet();
        boolean[] closed = {false};
        return () -> {
            if (!closed[0]) {
                closed[0] = true;
                ACTIVE.decrementAndGet();
            }
        };
    }

    /** Loops registered with {@link #begin()} and not yet closed. */
    public static int active() {
        return ACTIVE.get();
    }

    private static void awaitLoopsAtExit() {
        exiting = true;
        long end = System.currentTimeMillis() + EXIT_WAIT_MS;
        while (ACTIVE.get() > 0 && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
