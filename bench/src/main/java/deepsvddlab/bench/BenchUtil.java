package deepsvddlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Small helpers shared by the benchmarks: options, medians, raw float32 files for the Python side, RSS. */
final class BenchUtil {
    private BenchUtil() {}

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double median(List<Double> v) {
        return median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Writes little-endian float32 values, the layout numpy.fromfile(dtype=float32) reads. */
    static void writeFloats(Path file, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        try {
            Files.write(file, buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything under it (a benchmark's scratch folder); a missing dir is fine. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file written by {@link #writeFloats}. */
    static float[] readFloats(Path file) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[buf.remaining() / 4];
            buf.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A child JVM's command start: this JVM's java binary and its -X options (the launcher's heap
     * settings, bin/launcher-env), so a benchmark's worker runs as bin/dsvdd would run it.
     */
    static List<String> javaCommand() {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg :
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-X")) {
                cmd.add(arg);
            }
        }
        return cmd;
    }

    /** A value of this process from /proc/self/status in MB (VmHWM = peak RSS, VmRSS = current), or NaN. */
    static double procStatusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** The Python interpreter with Debian's torch and scikit-learn. */
    /**
     * Runs {@code bench/python/<script>} with the given arguments and extra environment (the
     * launcher's LD_PRELOAD removed, OpenBLAS on one thread) and returns the last output line that
     * is a JSON object; a failure shows the whole output and names the bench.
     */
    static com.google.gson.JsonObject pythonJson(
            String bench, String script, java.util.Map<String, String> env, List<String> args)
            throws java.io.IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(
                List.of(python(), Path.of("bench", "python", script).toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        // the launcher preloads tcmalloc for the JVM; Python runs with its own allocator
        pb.environment().remove("LD_PRELOAD");
        pb.environment().putAll(env);
        Process p = pb.start();
        String last = null;
        StringBuilder all = new StringBuilder();
        try (java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                all.append(line).append('\n');
                if (line.startsWith("{")) {
                    last = line;
                }
            }
        }
        if (p.waitFor() != 0 || last == null) {
            throw new IllegalStateException("bench/python/" + script + " failed (exit " + p.exitValue() + "):\n" + all
                    + "run " + bench + " from the repository root with /usr/bin/python3 and scikit-learn installed");
        }
        return com.google.gson.JsonParser.parseString(last).getAsJsonObject();
    }

    static String python() {
        String p = System.getenv("DSVDD_PYTHON");
        if (p != null && !p.isBlank()) {
            return p;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /**
     * {@code --name value} pairs (a bare {@code --flag} is "true"), in order. A name not in
     * {@code names}, or an argument that is not an option, is an error naming the accepted options.
     */
    static java.util.Map<String, String> options(String[] args, String... names) {
        List<String> accepted = List.of(names);
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("arguments must be --name value pairs, found " + args[i]);
            }
            String key = args[i].substring(2);
            if (!accepted.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown option " + args[i] + "; the options are --" + String.join(", --", accepted));
            }
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
            m.put(key, value);
        }
        return m;
    }
}
