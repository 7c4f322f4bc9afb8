package deepsvddlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import deepsvddlab.nn.Interrupts;
import deepsvddlab.nn.NetworkSpec;
import deepsvddlab.svdd.DeepSvdd;
import deepsvddlab.svdd.DeepSvddConfig;
import deepsvddlab.train.OptimConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.display.DisplayData;

/**
 * The bridge outside a kernel (prints text) and inside one, using a test double with rapaio
 * 3.0.1's class names and method shapes (test sources org.rapaio.jupyter.kernel.*).
 */
class KernelBridgeTest {

    /** Runs code with KernelBridge's console output captured. */
    static String capture(Runnable r) {
        PrintStream old = KernelBridge.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KernelBridge.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try {
            r.run();
        } finally {
            KernelBridge.out = old;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @AfterEach
    void noKernel() {
        MainApp.kernel = null;
    }

    static Map<String, Object> bundle(String text) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put(Mime.HTML, "<b>" + text + "</b>");
        b.put(Mime.TEXT, text);
        b.put(Mime.PLOTLY, Map.of("data", List.of()));
        return b;
    }

    @Test
    void outsideAKernelPrintsThePlainText() {
        assertFalse(KernelBridge.inKernel());
        assertNull(KernelBridge.kernelName());
        assertEquals("hi" + System.lineSeparator(), capture(() -> KernelBridge.display(bundle("hi"), null)));
    }

    @Test
    void insideRapaioPublishesEveryMimeEntry() {
        MainApp.kernel = new MainApp.FakeKernel();
        assertEquals("rapaio", KernelBridge.kernelName());
        String printed = capture(() -> KernelBridge.display(bundle("hi"), null));
        assertEquals("", printed, "nothing on stdout inside a kernel");
        assertEquals(1, MainApp.kernel.displayed.size());
        DisplayData d = MainApp.kernel.displayed.get(0);
        assertEquals(
                List.of(Mime.HTML, Mime.TEXT, Mime.PLOTLY), List.copyOf(d.data().keySet()));
        assertTrue(d.data().get(Mime.PLOTLY) instanceof Map, "JSON travels as a Map");
        assertFalse(d.hasDisplayId());
    }

    @Test
    void updatesInPlaceWithADisplayId() {
        MainApp.kernel = new MainApp.FakeKernel();
        assertTrue(KernelBridge.canUpdate());
        KernelBridge.display(bundle("epoch 1"), "p1");
        assertTrue(KernelBridge.update(bundle("epoch 2"), "p1"));
        assertEquals("p1", MainApp.kernel.displayed.get(0).getDisplayId());
        assertEquals("p1", MainApp.kernel.updated.get(0).getDisplayId());
        assertEquals("epoch 2", MainApp.kernel.updated.get(0).data().get(Mime.TEXT));
    }

    @Test
    void progressBarUpdatesOneOutputInANotebook() {
        MainApp.kernel = new MainApp.FakeKernel();
        ProgressBar bar = Progress.notebook();
        for (int e = 1; e <= 5; e++) {
            bar.onEpoch("svdd", e, 5, Map.of("loss", 1.0 / e), 0.01, 0.01 * (5 - e));
        }
        bar.onDone("svdd");
        assertEquals(1, MainApp.kernel.displayed.size(), "one output for the phase");
        assertTrue(MainApp.kernel.updated.size() >= 1, "the last epoch always updates it");
        DisplayData last = MainApp.kernel.updated.get(MainApp.kernel.updated.size() - 1);
        assertTrue(((String) last.data().get(Mime.TEXT)).startsWith("svdd epoch 5/5"));
        assertTrue(((String) last.data().get(Mime.HTML)).contains("<polyline"), "loss curve so far");
    }

    @Test
    void showInsideAKernelPublishesTheChartBundle() {
        MainApp.kernel = new MainApp.FakeKernel();
        Show.chart(ShowTest.sample());
        Show.init();
        assertEquals(2, MainApp.kernel.displayed.size());
        assertTrue(MainApp.kernel.displayed.get(0).data().containsKey(Mime.PLOTLY));
        assertTrue(((String) MainApp.kernel.displayed.get(1).data().get(Mime.HTML)).contains("<script"));
    }

    @Test
    void aStopPressedWhileTheKernelSendsStopsTheTrainingWhereItIsNotWithTheSendsError() throws Exception {
        MainApp.kernel = new MainApp.FakeKernel();
        // the stop button (the launcher's signal: Interrupts.request on the handler's thread) while the
        // kernel sends the first progress output of the cell
        MainApp.kernel.duringNextSend = () -> {
            Thread button = new Thread(Interrupts::request);
            button.start();
            try {
                button.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread cell = new Thread(() -> REPL.Snippet.run(() -> {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(
                        deepsvddlab.TestData.images(40, false, new SplittableRandom(1)),
                        NetworkSpec.MNIST_LENET.inputShape(40));
                OptimConfig o = new OptimConfig(5, 1e-3, 1e-6, List.of(), 0.1, 20);
                DeepSvddConfig c = DeepSvddConfig.builder(NetworkSpec.MNIST_LENET)
                        .pretrain(o)
                        .train(o)
                        .build();
                new DeepSvdd(c).fit(x, Progress.notebook(), () -> false).close();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }));
        cell.start();
        cell.join(120_000);
        assertTrue(
                thrown.get() instanceof Interrupts.Interrupted,
                "the cell must end with the stop, found " + thrown.get());
        assertTrue(
                thrown.get().getMessage().contains("stopped in phase 'pretrain' at epoch 2 of 5, before batch 1"),
                thrown.get().getMessage());
        assertEquals(1, MainApp.kernel.displayed.size(), "the output sent when the stop came is whole");
        assertFalse(cell.isInterrupted(), "the stop is carried by the exception, not left on the thread");
    }

    @Test
    void anInterruptedThreadSendsNothingAndKeepsItsInterrupt() {
        MainApp.kernel = new MainApp.FakeKernel();
        Thread.currentThread().interrupt();
        try {
            KernelBridge.display(bundle("late"), null);
            assertTrue(Thread.currentThread().isInterrupted(), "the stop stays for the caller's next check");
        } finally {
            Thread.interrupted();
        }
        assertEquals(0, MainApp.kernel.displayed.size());
    }
}
