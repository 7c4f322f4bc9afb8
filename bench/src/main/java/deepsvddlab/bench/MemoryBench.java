package deepsvddlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.*;
import ai.djl.nn.*;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.*;
import deepsvddlab.nn.*;

/**
 * Native memory over many training steps of one layer, to find what makes RSS grow: forward +
 * backward on a fixed batch of 200 MNIST-sized images, RSS (MB) printed every 300 steps (about 10
 * epochs of 6,000 images), one child process per case so they do not share a heap.
 * Cases: plain (conv 8@5x5 block), stage (ConvPoolStage(8, 5), the same conv computed in
 * space-to-depth form plus BN, LeakyReLU and pool), and its pieces alone: s2dconv, kernelprod,
 * splitmax, create (a small array from a float[] per step), bn, and the stage rebuilt from them:
 * convbn, convbnpool, convbnget, convbnpooldup, convbnpoolnolrelu.
 *
 * <p>What it found (issue 3): the stage's RSS growth was the Java heap, not native memory. Each step
 * leaves a few hundred NDArray wrappers and views behind, more in the stage than in the plain block;
 * G1's adaptive young generation then grows the heap for thousands of steps, under any allocator.
 * Workers inherit this JVM's -X options. Under bin/launcher-env's -Xmn64m (what bench/run passes)
 * RSS rises while the young generation is first touched, steps once by ~30 MB near step 1,800 (C2
 * compilation: the step is gone with -XX:TieredStopAtLevel=1) and then stays flat. Run the worker
 * without -Xmn ({@code java -cp ... MemoryBench --worker stage 4800}) to see the growth again.
 * <pre>bench/run MemoryBench [steps 4800] [case ...]</pre>
 */
public final class MemoryBench {
    static String rss() {
        try { for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) if (l.startsWith("VmRSS")) return "" + Long.parseLong(l.replaceAll("\\D+", "")) / 1024; } catch (Exception e) {}
        return "?";
    }
    public static void main(String[] a) throws Exception {
        if (a.length < 2 || !a[0].equals("--worker")) {
            int steps = a.length > 0 ? Integer.parseInt(a[0]) : 4800;
            String[] cases = a.length > 1 ? java.util.Arrays.copyOfRange(a, 1, a.length)
                    : new String[] {"plain", "stage", "s2dconv", "kernelprod", "splitmax", "create", "bn"};
            System.out.println("MemoryBench: RSS in MB every 300 steps, " + steps + " steps per case");
            for (String c : cases) {
                java.util.List<String> cmd = new java.util.ArrayList<>(BenchUtil.javaCommand());
                cmd.addAll(java.util.List.of("-Dai.djl.offline=true",
                        "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", "2"),
                        "-cp", System.getProperty("java.class.path"), MemoryBench.class.getName(), "--worker", c, "" + steps));
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String last = null;
                try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        last = line;
                    }
                }
                p.waitFor();
                System.out.println(last);
            }
            return;
        }
        String v = a[1];
        int iters = Integer.parseInt(a[2]);
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = v.equals("stage") ? new ConvPoolStage(8, 5, 25) : Layers.conv(8, 5, 2, 25);
            block.initialize(m, DataType.FLOAT32, new Shape(200, 1, 28, 28));
            Block bn = Layers.batchNorm();
            bn.initialize(m, DataType.FLOAT32, new Shape(200, 8, 56, 14));
            NDArray data = m.randomUniform(0, 1, new Shape(200, 1, 28, 28));
            NDArray w = m.randomUniform(-0.2f, 0.2f, new Shape(32, 4, 3, 3));
            NDArray w5 = m.randomUniform(-0.2f, 0.2f, new Shape(8, 1, 5, 5));
            w.setRequiresGradient(true);
            w5.setRequiresGradient(true);
            NDArray phase = m.randomUniform(0, 1, new Shape(12, 5));
            StringBuilder out = new StringBuilder(v + ":");
            for (int i = 1; i <= iters; i++) {
                try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = data.get(s, new NDIndex(":"));
                    NDArray y;
                    switch (v) {
                        case "stage", "plain" -> y = block.forward(new ParameterStore(s, false), new NDList(x), true).singletonOrThrow();
                        case "s2dconv" -> {
                            NDArray xs = x.reshape(200, 1, 14, 2, 14, 2).transpose(0, 1, 3, 5, 2, 4).reshape(200, 4, 14, 14);
                            y = Conv2d.conv2d(xs, w, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                        }
                        case "kernelprod" -> {
                            NDArray p = phase.get(s, new NDIndex(":"));
                            NDArray k4 = p.matMul(w5).matMul(p.transpose()).reshape(8, 1, 2, 2, 3, 2, 2, 3)
                                    .transpose(0, 2, 5, 1, 3, 6, 4, 7).reshape(32, 4, 3, 3);
                            NDArray xs = x.reshape(200, 1, 14, 2, 14, 2).transpose(0, 1, 3, 5, 2, 4).reshape(200, 4, 14, 14);
                            y = Conv2d.conv2d(xs, k4, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                        }
                        case "splitmax" -> {
                            NDArray z = Conv2d.conv2d(x, w5, null, new Shape(1, 1), new Shape(2, 2)).singletonOrThrow();
                            NDList half = z.reshape(200, 8, 2, 392 * 2).split(2, 2);
                            y = half.get(1).add(Activation.relu(half.get(0).sub(half.get(1))));
                        }
                        case "create" -> {
                            NDArray p = s.create(new float[60], new Shape(12, 5));
                            y = x.mul(w5.sum()).add(p.sum());
                        }
                        case "bn" -> {
                            NDArray z = Conv2d.conv2d(x, w5, null, new Shape(1, 1), new Shape(2, 2)).singletonOrThrow();
                            y = bn.forward(new ParameterStore(s, false), new NDList(z.reshape(200, 8, 56, 14)), true).singletonOrThrow();
                        }
                        case "convbn", "convbnpool", "convbnget", "convbnpooldup", "convbnpoolnolrelu" -> {
                            NDArray p = phase.get(s, new NDIndex(":"));
                            NDArray k4 = p.matMul(w5).matMul(p.transpose()).reshape(8, 1, 2, 2, 3, 2, 2, 3)
                                    .transpose(0, 2, 5, 1, 3, 6, 4, 7).reshape(32, 4, 3, 3);
                            NDArray xs = x.reshape(200, 1, 14, 2, 14, 2).transpose(0, 1, 3, 5, 2, 4).reshape(200, 4, 14, 14);
                            NDArray c = Conv2d.conv2d(xs, k4, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                            NDArray z = bn.forward(new ParameterStore(s, false), new NDList(c.reshape(200, 8, 56, 14)), true).singletonOrThrow();
                            if (v.equals("convbn")) {
                                y = z;
                            } else if (v.equals("convbnget")) {
                                NDArray zz = z.reshape(200, 8, 2, 392);
                                NDArray h0 = zz.get(new NDIndex(":, :, 0"));
                                NDArray h1 = zz.get(new NDIndex(":, :, 1"));
                                NDArray rows = h1.add(Activation.relu(h0.sub(h1))).reshape(200, 8, 2, 196);
                                NDArray q0 = rows.get(new NDIndex(":, :, 0"));
                                NDArray q1 = rows.get(new NDIndex(":, :, 1"));
                                y = Activation.leakyRelu(q1.add(Activation.relu(q0.sub(q1))).reshape(200, 8, 14, 14), 0.01f);
                            } else {
                                if (v.equals("convbnpooldup")) {
                                    z = z.add(0f);
                                }
                                NDList half = z.reshape(200, 8, 2, 392).split(2, 2);
                                NDArray rows = half.get(1).add(Activation.relu(half.get(0).sub(half.get(1))));
                                NDList q = rows.reshape(200, 8, 2, 196).split(2, 2);
                                NDArray pooled = q.get(1).add(Activation.relu(q.get(0).sub(q.get(1)))).reshape(200, 8, 14, 14);
                                y = v.equals("convbnpoolnolrelu") ? pooled : Activation.leakyRelu(pooled, 0.01f);
                            }
                        }
                        default -> throw new IllegalArgumentException(v);
                    }
                    gc.backward(y.sum());
                }
                if (i % 300 == 0) out.append(' ').append(rss());
            }
            System.out.println(out);
        }
    }
}
