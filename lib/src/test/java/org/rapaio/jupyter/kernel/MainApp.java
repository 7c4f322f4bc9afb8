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

        public void display(DisplayData data) {
            displayed.add(data);
        }

        public void updateDisplay(DisplayData data) {
            if (!data.hasDisplayId()) {
                throw new IllegalArgumentException("Cannot update a display without display_id.");
            }
            updated.add(data);
        }
    }
}
