package deepsvddlab.nn;

import ai.djl.Device;

/**
 * The one device every network, model and data array of this process uses: the CPU by default, a
 * GPU when the user picks one ({@code --device gpu}, the notebook knob {@code DSVDD_DEVICE}) and
 * the PyTorch engine reports one. The jar carries the CPU build of libtorch, which reports none;
 * the README says which CUDA build to put on the classpath instead. Nothing is downloaded.
 */
public final class Devices {
    private static volatile Device current = Device.cpu();

    private Devices() {}

    /** The device in use. */
    public static Device current() {
        return current;
    }

    /** The device in use as a run record names it: {@code cpu} or {@code gpu:N}. */
    public static String name() {
        Device d = current;
        return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
    }

    /** Uses {@code spec} ({@code cpu}, {@code gpu} or {@code gpu:N}) from now on; see {@link #parse}. */
    public static void use(String spec) {
        current = parse(spec, Engines.pytorch().getGpuCount());
    }

    /**
     * The device {@code spec} names, given the GPUs the engine reports.
     *
     * @throws IllegalArgumentException naming the spec, the rule and the fix: an unknown name, or a
     *     GPU the engine does not have
     */
    public static Device parse(String spec, int gpus) {
        String s = spec == null ? "" : spec.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int id;
        try {
            id = s.equals("gpu") ? 0 : s.startsWith("gpu:") ? Integer.parseInt(s.substring(4)) : -1;
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0) {
            throw new IllegalArgumentException(
                    "the device must be cpu, gpu or gpu:N, found '" + spec + "'; cpu is the default");
        }
        if (id >= gpus) {
            throw new IllegalArgumentException("the device " + s + " needs a GPU the PyTorch engine reports, found "
                    + (gpus == 0 ? "none" : gpus + " (gpu:0 to gpu:" + (gpus - 1) + ")")
                    + "; the jar carries libtorch's CPU build (" + Engines.NATIVE_ARTIFACTS + "): for a GPU put"
                    + " the CUDA build on the classpath instead (README, \"GPU\"), or use cpu");
        }
        return Device.gpu(id);
    }
}
