package deepsvddlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code sweep --jobs P}: the sweep as P child processes of this JVM's own command (its options, its
 * class path), each running {@code sweep --shard i/P} with the PyTorch threads split between them,
 * their output prefixed with {@code [i/P]}. The shards keep each class and seed together, so no two
 * processes pretrain the same autoencoder; the summary is rebuilt once they are all done.
 */
final class LocalJobs {
    private LocalJobs() {}

    /** Runs the shards and returns 0, or the first non-zero exit status of a shard. */
    static int run(CommandLine sweep, PrintWriter out, int jobs) {
        int threads = Integer.getInteger(
                "ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        int per = Math.max(1, threads / jobs);
        List<String> base = new ArrayList<>();
        base.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Dai.djl.pytorch.num_threads=")) {
                base.add(a);
            }
        }
        base.add("-Dai.djl.pytorch.num_threads=" + per);
        base.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "sweep"));
        base.addAll(SlurmScripts.taskArgs(sweep.getParseResult().originalArgs()));
        out.printf("jobs: %d processes with %d PyTorch thread(s) each (of %d)%n", jobs, per, threads);
        out.flush();
        List<Process> procs = new ArrayList<>();
        List<Thread> pumps = new ArrayList<>();
        try {
            for (int i = 0; i < jobs; i++) {
                List<String> cmd = new ArrayList<>(base);
                cmd.addAll(List.of("--shard", i + "/" + jobs, "--no-summary-table"));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                procs.add(p);
                String prefix = "[" + i + "/" + jobs + "] ";
                Thread pump = new Thread(() -> copy(p, prefix, out), "sweep-job-" + i);
                pump.start();
                pumps.add(pump);
            }
            int code = 0;
            for (int i = 0; i < jobs; i++) {
                int c = procs.get(i).waitFor();
                pumps.get(i).join();
                if (c != 0 && code == 0) {
                    code = c;
                    out.println("jobs: shard " + i + "/" + jobs + " failed with exit status " + c
                            + "; the finished runs are kept, run the sweep again to redo the rest");
                }
            }
            return code;
        } catch (IOException e) {
            procs.forEach(Process::destroy);
            throw new UncheckedIOException("cannot start a sweep process: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            procs.forEach(Process::destroy);
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void copy(Process p, String prefix, PrintWriter out) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (out) {
                    out.println(prefix + line);
                    out.flush();
                }
            }
        } catch (IOException e) {
            synchronized (out) {
                out.println(prefix + "(output lost: " + e.getMessage() + ")");
            }
        }
    }
}
