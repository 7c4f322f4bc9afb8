package deepsvddlab.display;

import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The only kernel-specific code: publishes a MIME bundle (mime type to value) through the running
 * Java Jupyter kernel, found by class name at run time so the jar has no compile-time dependency
 * on any kernel.
 *
 * <p>Supported kernels (tested with each; see the README's Kernels section): rapaio-jupyter-kernel
 * (kernel object in the static field {@code org.rapaio.jupyter.kernel.MainApp.kernel}), JJava
 * ({@code BaseKernel.notebookKernel()}) and IJava ({@code Kernel.getKernelInstance()}). Each has its
 * own {@code DisplayData} class; we build one by reflection, {@code putData(mime, value)} per entry
 * (a Map or List value travels as real JSON) and call the kernel's {@code display(data)}. Outside a
 * kernel (command line, tests) the text/plain entry is printed to standard output, so the same
 * notebook code runs in batch.
 *
 * <p>Update in place: a bundle published with a display id can later be replaced through the
 * kernel's {@code updateDisplay(data)} ({@code update_display_data} message); rapaio 3.0.1 has it.
 * Where a kernel lacks it, {@link #update} returns false and callers fall back to new outputs.
 *
 * <p>The stop button: each send runs inside {@code Interrupts.shielded}, so a stop that arrives
 * while the kernel sends is delivered after the send, never inside the kernel's JeroMQ call; on a
 * thread that is already interrupted the output is dropped (a stop is under way).
 */
final class KernelBridge {

    /** One kernel flavour: its class, the static field or method ("name()") holding the kernel, its display-data class. */
    private record Flavour(String name, String kernelClass, String accessor, String dataClass) {}

    private static final Flavour[] FLAVOURS = {
        new Flavour(
                "rapaio",
                "org.rapaio.jupyter.kernel.MainApp",
                "kernel",
                "org.rapaio.jupyter.kernel.display.DisplayData"),
        new Flavour(
                "jjava",
                "org.dflib.jjava.jupyter.kernel.BaseKernel",
                "notebookKernel()",
                "org.dflib.jjava.jupyter.kernel.display.DisplayData"),
        new Flavour(
                "ijava",
                "io.github.spencerpark.ijava.runtime.Kernel",
                "getKernelInstance()",
                "io.github.spencerpark.jupyter.kernel.display.DisplayData"),
    };

    /** Where bundles go outside a kernel; replaceable for tests. */
    static volatile PrintStream out = System.out;

    private KernelBridge() {}

    /** The running kernel and its display-data class. */
    private record Kernel(String name, Object kernel, Class<?> dataClass) {
        Method method(String name) {
            return findMethod(kernel.getClass(), name, dataClass);
        }
    }

    /** The running kernel, or null outside a kernel. */
    private static Kernel find() {
        for (Flavour f : FLAVOURS) {
            try {
                Class<?> type = load(f.kernelClass());
                Object kernel = f.accessor().endsWith("()")
                        ? type.getMethod(f.accessor().replace("()", "")).invoke(null)
                        : type.getField(f.accessor()).get(null);
                if (kernel != null) {
                    return new Kernel(f.name(), kernel, load(f.dataClass()));
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // not this kernel (class absent, or kernel not started): try the next one
            }
        }
        return null;
    }

    /** A class through the context class loader (the kernel's, in JShell), else the defining one. */
    private static Class<?> load(String name) throws ClassNotFoundException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, true, context != null ? context : KernelBridge.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Class.forName(name);
        }
    }

    /** The name of the running kernel ("rapaio", "jjava", "ijava"), or null outside a kernel. */
    static String kernelName() {
        Kernel k = find();
        return k == null ? null : k.name();
    }

    /** True when a supported Java kernel is running in this JVM. */
    static boolean inKernel() {
        return find() != null;
    }

    /**
     * Publishes a bundle as a new output. {@code displayId} may be null; when given, the output can
     * later be replaced with {@link #update}. Outside a kernel prints the text/plain entry.
     */
    static void display(Map<String, Object> bundle, String displayId) {
        Kernel k = find();
        if (k == null) {
            printText(bundle);
        } else {
            invoke(k, "display", bundle, displayId);
        }
    }

    /**
     * Replaces the output published earlier under {@code displayId}. Returns false (and publishes
     * nothing) when the kernel cannot update displays; outside a kernel prints the text/plain entry
     * and returns true.
     */
    static boolean update(Map<String, Object> bundle, String displayId) {
        if (displayId == null) {
            throw new IllegalArgumentException("displayId must be non-null for an update, found null; "
                    + "publish first with display(bundle, id)");
        }
        Kernel k = find();
        if (k == null) {
            printText(bundle);
            return true;
        }
        if (k.method("updateDisplay") == null) {
            return false;
        }
        invoke(k, "updateDisplay", bundle, displayId);
        return true;
    }

    /** True when the running kernel can replace a published output (update_display_data). */
    static boolean canUpdate() {
        Kernel k = find();
        return k != null
                && k.method("updateDisplay") != null
                && findMethod(k.dataClass(), "setDisplayId", String.class) != null;
    }

    private static void invoke(Kernel k, String methodName, Map<String, Object> bundle, String displayId) {
        Method m = k.method(methodName);
        if (m == null) {
            throw new IllegalStateException("kernel " + k.name() + " has no " + methodName
                    + "(DisplayData) method; this kernel version is not supported, use rapaio 3.0.1, IJava or JJava");
        }
        try {
            // rapaio's DisplayData constructor is protected, IJava's public: open it either way
            Constructor<?> c = k.dataClass().getDeclaredConstructor();
            c.setAccessible(true);
            Object data = c.newInstance();
            Method put = k.dataClass().getMethod("putData", String.class, Object.class);
            for (Map.Entry<String, Object> e : bundle.entrySet()) {
                put.invoke(data, e.getKey(), e.getValue());
            }
            Method setId = displayId == null ? null : findMethod(k.dataClass(), "setDisplayId", String.class);
            if (setId != null) {
                setId.invoke(data, displayId);
            }
            // the kernel's JeroMQ send must not see the stop button's interrupt (see Interrupts.shielded)
            deepsvddlab.nn.Interrupts.shielded(() -> send(k, m, data));
        } catch (ReflectiveOperationException e) {
            throw failed(k, e);
        }
    }

    private static void send(Kernel k, Method m, Object data) {
        try {
            m.invoke(k.kernel(), data);
        } catch (ReflectiveOperationException e) {
            throw failed(k, e);
        }
    }

    private static IllegalStateException failed(Kernel k, ReflectiveOperationException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException(
                "publishing output through the " + k.name() + " kernel failed: " + cause, cause);
    }

    /** A public method by name taking one argument assignable from {@code argType}, or null. */
    private static Method findMethod(Class<?> type, String name, Class<?> argType) {
        try {
            return type.getMethod(name, argType); // the exact parameter type first (over, say, an Object overload)
        } catch (NoSuchMethodException e) {
            // a parameter of a supertype, below
        }
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name)
                    && m.getParameterCount() == 1
                    && m.getParameterTypes()[0].isAssignableFrom(argType)) {
                return m;
            }
        }
        return null;
    }

    private static void printText(Map<String, Object> bundle) {
        Object text = bundle.get(Mime.TEXT);
        if (text != null) {
            out.println(text);
        }
    }
}
