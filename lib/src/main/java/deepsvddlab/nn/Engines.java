package deepsvddlab.nn;

import ai.djl.engine.Engine;

/**
 * DJL's PyTorch engine, always offline: the native library comes from the Maven artifact
 * {@code ai.djl.pytorch:pytorch-native-cpu} (classifier linux-x86_64) with the matching
 * {@code pytorch-jni}, never from a download at run time.
 */
public final class Engines {
    private Engines() {}

    /** The artifacts that must be on the classpath, for error messages. */
    public static final String NATIVE_ARTIFACTS =
            "ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64) and ai.djl.pytorch:pytorch-jni:2.7.1-0.35.1";

    /**
     * Sets {@code ai.djl.offline=true} unless the caller chose otherwise, and loads the PyTorch
     * engine, with an error that names the missing artifacts instead of DJL's download attempt.
     */
    public static synchronized Engine pytorch() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException(
                    "the PyTorch engine must load from the classpath, found: " + e.getMessage()
                            + "; add " + NATIVE_ARTIFACTS + " to the classpath (lib/pom.xml has them: rebuild with"
                            + " mvn -q -DskipTests package and load ../lib/target/deepsvdd-lab.jar)",
                    e);
        }
    }

    /** One line that says which engine runs: versions, threads, offline mode. */
    public static String describe() {
        Engine e = pytorch();
        return "DJL " + Engine.getDjlVersion() + ", " + e.getEngineName() + " " + e.getVersion() + " on "
                + Devices.name() + ", "
                + System.getProperty("ai.djl.pytorch.num_threads", "default") + " threads, offline="
                + System.getProperty("ai.djl.offline");
    }
}
