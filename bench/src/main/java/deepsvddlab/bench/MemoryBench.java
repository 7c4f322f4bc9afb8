package deepsvddlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import deepsvddlab.nn.ConvPoolStage;
import deepsvddlab.nn.Layers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether memory stays flat over many training steps: forward + backward of one LeNet layer on a
 * fixed batch of 200 MNIST-sized images, RSS (MB) every 300 steps (about 10 epochs of 6,000
 * images), one child JVM per case and heap setting, side by side:
 * <ul>
 *   <li>cases: {@code plain} (conv 8@5x5, the plain DJL layer) and {@code stage}
 *       ({@link ConvPoolStage}(8, 5): the same conv plus BN, LeakyReLU and pool, computed in
 *       space-to-depth form, which makes more small NDArray objects per step);
 *   <li>heap: this JVM's -X options (what bench/run passes: bin/launcher-env's {@code -Xmn64m}),
 *       and the JVM's default heap sizing.
 * </ul>
 *
 * <p>What it showed (issue 3): with default sizing the stage's RSS kept growing (245 -> 357 MB
 * over 4,800 steps, ~2.3 MB per SVDD epoch in real training) while native memory did not: G1's
 * adaptive young generation grows the Java heap for thousands of steps when every step leaves a few
 * hundred small wrappers behind. A fixed young generation keeps it flat after one ~30 MB step near
 * step 1,800 (C2 compilation; it is gone with -XX:TieredStopAtLevel=1).
 *
 * <pre>bench/run MemoryBench [--steps 4800] [--cases plain,stage]</pre>
 */
public final class MemoryBench {
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--worker")) {
            worker(args[1], Integer.parseInt(args[2]));
            return;
        }
        var a = BenchUtil.options(args, "steps", "cases");
        int steps = Integer.parseInt(a.getOrDefault("steps", "4800"));
        List<String> launcher = BenchUtil.javaCommand();
        List<String> defaults = new ArrayList<>(
                launcher.stream().filter(o -> !o.startsWith("-Xmn")).toList());
        System.out.printf(Locale.ROOT, "MemoryBench: RSS in MB every 300 steps, %d steps per case%n", steps);
        System.out.println("| case | JVM options | RSS first | RSS middle | RSS last | growth over the second half |");
        System.out.println("|---|---|---|---|---|---|");
        for (String c : a.getOrDefault("cases", "plain,stage").split(",")) {
            for (List<String> java : List.of(launcher, defaults)) {
                List<String> cmd = new ArrayList<>(java);
                cmd.addAll(List.of(
                        "-Dai.djl.offline=true",
                        "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", "2"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        MemoryBench.class.getName(),
                        "--worker",
                        c,
                        "" + steps));
                Process p = new ProcessBuilder(cmd)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                List<Double> rss = new ArrayList<>();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        rss.add(Double.parseDouble(line.trim()));
                    }
                }
                if (p.waitFor() != 0 || rss.isEmpty()) {
                    throw new IllegalStateException("MemoryBench worker for case '" + c + "' failed (exit "
                            + p.exitValue() + "); run it alone: " + String.join(" ", cmd));
                }
                double first = rss.get(0);
                double middle = rss.get(rss.size() / 2);
                double last = rss.get(rss.size() - 1);
                String opts = java.size() > 1 ? String.join(" ", java.subList(1, java.size())) : "(default heap)";
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %s | %.0f | %.0f | %.0f | %+.0f MB |%n",
                        c,
                        opts,
                        first,
                        middle,
                        last,
                        last - middle);
            }
        }
    }

    /** Prints RSS in MB every 300 steps of forward + backward of the case's layer. */
    private static void worker(String variant, int steps) {
        deepsvddlab.nn.Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = switch (variant) {
                case "stage" -> new ConvPoolStage(8, 5, 25);
                case "plain" -> Layers.conv(8, 5, 2, 25);
                default ->
                    throw new IllegalArgumentException("--cases must name plain or stage, found '" + variant + "'");
            };
            block.initialize(m, DataType.FLOAT32, new Shape(200, 1, 28, 28));
            NDArray data = m.randomUniform(0, 1, new Shape(200, 1, 28, 28));
            for (int i = 1; i <= steps; i++) {
                try (NDManager s = m.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = data.get(s, new NDIndex(":"));
                    NDArray y = block.forward(new ParameterStore(s, false), new NDList(x), true)
                            .singletonOrThrow();
                    gc.backward(y.sum());
                }
                if (i % 300 == 0) {
                    System.out.println(BenchUtil.procStatusMb("VmRSS"));
                }
            }
        }
    }
}
