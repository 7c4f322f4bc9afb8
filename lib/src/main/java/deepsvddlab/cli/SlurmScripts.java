package deepsvddlab.cli;

import deepsvddlab.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code dsvdd sweep --slurm}: writes a Slurm job array whose task I runs {@code --shard I/N} of the
 * same sweep, and a summary job that depends on the whole array and rebuilds runs.csv and
 * summary.csv from the run folders; with {@code --submit} it submits both with sbatch. Nothing is
 * scheduled by the lab itself: Slurm does it.
 */
final class SlurmScripts {
    /** The sweep options that only steer the script writing or the local jobs, dropped from the tasks' command lines. */
    private static final Set<String> OWN =
            Set.of("--slurm", "--submit", "--shards", "--slurm-cpus", "--slurm-option", "--shard", "--jobs");

    private SlurmScripts() {}

    static int write(
            CommandLine cl,
            PrintWriter out,
            Path runsDir,
            int shards,
            int cpus,
            List<String> extra,
            boolean submit,
            int runs) {
        if (shards < 1) {
            throw new ParameterException(cl, "--shards must be an integer >= 1, found " + shards + "; e.g. 4");
        }
        if (cpus < 1) {
            throw new ParameterException(cl, "--slurm-cpus must be an integer >= 1, found " + cpus + "; e.g. 1");
        }
        String home = System.getenv("DSVDD_HOME");
        if (home == null || home.isBlank()) {
            throw new ParameterException(
                    cl,
                    "--slurm must be run through bin/dsvdd, found DSVDD_HOME unset;"
                            + " the job scripts call $DSVDD_HOME/bin/dsvdd");
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path dir = cwd.resolve(runsDir).resolve("slurm");
        List<String> args = taskArgs(cl.getParseResult().originalArgs());
        String dsvdd = quote(Path.of(home, "bin", "dsvdd").toString());
        StringBuilder sweep = header("dsvdd-sweep", cwd, dir.resolve("shard-%a.out"), extra);
        sweep.append("#SBATCH --array=0-").append(shards - 1).append('\n');
        sweep.append("#SBATCH --cpus-per-task=").append(cpus).append("\n\n");
        sweep.append("export DSVDD_THREADS=\"${SLURM_CPUS_PER_TASK:-")
                .append(cpus)
                .append("}\"\n");
        sweep.append("exec ").append(dsvdd).append(" sweep");
        for (String a : args) {
            sweep.append(' ').append(quote(a));
        }
        sweep.append(" --shard \"${SLURM_ARRAY_TASK_ID}/").append(shards).append("\"\n");
        StringBuilder summary = header("dsvdd-summary", cwd, dir.resolve("summary.out"), extra);
        summary.append("#SBATCH --cpus-per-task=1\n\n");
        summary.append("exec ")
                .append(dsvdd)
                .append(" summary --out ")
                .append(quote(cwd.resolve(runsDir).toString()))
                .append('\n');
        Path sweepFile = AtomicFiles.writeString(dir.resolve("sweep.sbatch"), sweep.toString());
        Path summaryFile = AtomicFiles.writeString(dir.resolve("summary.sbatch"), summary.toString());
        sweepFile.toFile().setExecutable(true);
        summaryFile.toFile().setExecutable(true);
        out.printf("wrote %s (%d shards over %d runs) and %s%n", sweepFile, shards, runs, summaryFile);
        if (!submit) {
            out.println("submit with: id=$(sbatch --parsable " + sweepFile + ") && sbatch --dependency=afterany:$id "
                    + summaryFile);
            return 0;
        }
        String array = sbatch(List.of("sbatch", "--parsable", sweepFile.toString()));
        String after =
                sbatch(List.of("sbatch", "--parsable", "--dependency=afterany:" + array, summaryFile.toString()));
        out.println("submitted: sweep array job " + array + ", summary job " + after + " (after the whole array)");
        out.println("watch with: squeue -j " + array + "," + after + "; logs in " + dir);
        return 0;
    }

    /** The sweep's own command line without the Slurm options (and any --shard), for each task. */
    static List<String> taskArgs(List<String> original) {
        List<String> out = new ArrayList<>();
        boolean skipValue = false;
        boolean afterCommand = !original.contains("sweep");
        for (String a : original) {
            if (!afterCommand) {
                afterCommand = a.equals("sweep");
                continue;
            }
            if (skipValue) {
                skipValue = false;
                continue;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (OWN.contains(name)) {
                skipValue = !a.contains("=") && !name.equals("--slurm") && !name.equals("--submit");
                continue;
            }
            out.add(a);
        }
        return out;
    }

    private static StringBuilder header(String name, Path cwd, Path log, List<String> extra) {
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("# Written by dsvdd sweep --slurm; submit with sbatch.\n");
        sb.append("#SBATCH --job-name=").append(name).append('\n');
        sb.append("#SBATCH --chdir=").append(cwd).append('\n');
        sb.append("#SBATCH --output=").append(log).append('\n');
        sb.append("#SBATCH --ntasks=1\n");
        for (String e : extra) {
            sb.append("#SBATCH ").append(e).append('\n');
        }
        return sb;
    }

    private static String sbatch(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("sbatch must accept the job, found: " + text
                        + "; check that Slurm runs here (sinfo) and SLURM_CONF points to its slurm.conf");
            }
            return text.split(";")[0];
        } catch (IOException e) {
            throw new IllegalStateException(
                    "sbatch must be on the PATH to --submit, found: " + e.getMessage()
                            + "; install Slurm's client or submit the written scripts elsewhere",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting", e);
        }
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:=,@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
