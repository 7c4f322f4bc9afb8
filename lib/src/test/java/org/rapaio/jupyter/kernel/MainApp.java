package org.rapaio.jupyter.kernel;

import java.util.ArrayList;
import java.util.List;
import org.rapaio.jupyter.kernel.display.DisplayData;

/**
 * Test double of rapaio-jupyter-kernel 3.0.1's entry point, with the same names and shapes that
 * deepsvddlab.display.KernelBridge looks up by reflection: a public static {@code kernel} field
 * whose object has {@code display(DisplayData)} and {@code updateDisplay(DisplayData)}. The field
 * is null (no kernel) unless a test sets it.
 */
public class MainApp {
    public static FakeKernel kernel;

    /** Records what would be sent on the IOPub channel. */
    public static class FakeKernel {
        public final List<DisplayData> displayed = new ArrayList<>();
        public final List<DisplayData> updated = new ArrayList<>();
        /** Runs inside the next send (then is cleared): e.g. the stop button pressed meanwhile. */
        public volatile Runnable duringNextSend;

        public void display(DisplayData data) {
            send();
            displayed.add(data);
        }

        /** As JeroMQ: a send on an interrupted thread fails (and may close the channel it writes on). */
        private void send() {
            Runnable r = duringNextSend;
            duringNextSend = null;
            if (r != null) {
                r.run();
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("org.rapaio.org.zeromq.ZMQException: Errno 4 : Interrupted function");
            }
        }

        public void updateDisplay(DisplayData data) {
            if (!data.hasDisplayId()) {
                throw new IllegalArgumentException("Cannot update a display without display_id.");
            }
            send();
            updated.add(data);
        }
    }
}
