package org.cnnworkbench.app.launch.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;

/**
 * A sweep's workers as a Slurm job array: the batch script, and the Slurm client commands
 * ({@code sbatch}, {@code squeue}, {@code scancel}) run as child processes. Slurm itself decides
 * where each worker runs; every array task runs {@code workbench worker --sweep ID --device auto}
 * against the shared database, whose URL and credentials come from the job's environment.
 */
public final class SlurmBatch {
    /**
     * Seconds before the time limit (of 10 minutes or more) at which Slurm sends SIGTERM to a worker,
     * which stops its trial at the next batch and puts it back in the queue with its checkpoint.
     */
    static final int SIGNAL_SECONDS_BEFORE_LIMIT = 90;
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    /** What the user chose for the job array. */
    public record Settings(String partition, int gpusPerWorker, int cpusPerWorker, String time, List<String> sbatchArgs) {
    }

    private SlurmBatch() {
    }

    /**
     * The batch script for {@code tasks} workers of {@code sweepId}. It holds no secret: the
     * database URL and credentials are in the environment sbatch passes on.
     */
    public static String script(String sweepId, Path home, int tasks, Settings settings, List<String> javaCommand,
                         List<String> workerArgs) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# CNN Workbench: the workers of sweep ").append(sweepId).append(" as a Slurm job array.\n");
        s.append("# Each array task runs one worker, which claims trials until the sweep has none left. The\n");
        s.append("# database URL and its credentials reach the workers in the job's environment\n");
        s.append("# (WORKBENCH_DB, WORKBENCH_DB_USER, WORKBENCH_DB_PASSWORD, passed on by sbatch), never in this file.\n");
        s.append("#SBATCH --job-name=workbench-").append(sweepId).append('\n');
        s.append("#SBATCH --array=0-").append(tasks - 1).append('\n');
        s.append("#SBATCH --output=").append(home.resolve("workers")).append("/slurm-").append(sweepId).append("-%A_%a.log\n");
        s.append("#SBATCH --export=ALL\n");
        s.append("#SBATCH --cpus-per-task=").append(settings.cpusPerWorker()).append('\n');
        if (settings.partition() != null) {
            s.append("#SBATCH --partition=").append(settings.partition()).append('\n');
        }
        if (settings.gpusPerWorker() > 0) {
            s.append("#SBATCH --gres=gpu:").append(settings.gpusPerWorker()).append('\n');
        }
        if (settings.time() != null) {
            s.append("#SBATCH --time=").append(settings.time()).append('\n');
            // A warning signal well before the limit, when the limit is long enough for Slurm's ~1 min
            // signal resolution; otherwise the SIGTERM Slurm sends at the limit (KillWait before SIGKILL) does.
            if (SlurmTime.parse(settings.time(), "--time").toMinutes() >= 10) {
                s.append("#SBATCH --signal=B:TERM@").append(SIGNAL_SECONDS_BEFORE_LIMIT).append('\n');
            }
        }
        for (String arg : settings.sbatchArgs()) {
            s.append("#SBATCH ").append(arg).append('\n');
        }
        s.append("set -eu\n");
        s.append("export WORKBENCH_SKIP_BUILD=1  # the distribution was built before submitting; nodes do not rebuild it\n");
        s.append("cd ").append(quote(home.toString())).append('\n');
        List<String> worker = new ArrayList<>(List.of("worker", "--sweep", sweepId, "--home", home.toString(), "--device",
                settings.gpusPerWorker() > 0 ? "auto" : "cpu"));
        if (settings.time() != null) {
            worker.addAll(List.of("--wall-time", settings.time()));
        }
        worker.addAll(workerArgs);
        s.append("exec");
        for (String part : javaCommand) {
            s.append(" ").append(quote(part)).append(" \\\n ");
        }
        for (String part : worker) {
            s.append(' ').append(quote(part));
        }
        s.append('\n');
        return s.toString();
    }

    /** Submits the script; returns the array's job id. {@code environment} is added to this process's own. */
    static String submit(Path script, Map<String, String> environment) {
        Result r = run(List.of("sbatch", "--parsable", script.toString()), environment);
        if (r.code() != 0) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "sbatch refused the workers' job (exit code " + r.code()
                    + "): " + r.output().strip() + " (script: " + script + ")");
        }
        String id = r.output().strip().lines().reduce((a, b) -> b).orElse("").split(";")[0].trim();
        if (!id.matches("\\d+")) {
            throw new WorkbenchException(ErrorCode.UNAVAILABLE, "sbatch did not print a job id: " + r.output().strip());
        }
        return id;
    }

    /** The array tasks of these jobs that are still pending or running (e.g. {@code 4711_0}). */
    public static Set<String> activeTasks(List<String> jobIds) {
        Set<String> tasks = new LinkedHashSet<>();
        if (jobIds.isEmpty()) {
            return tasks;
        }
        Result r = run(List.of("squeue", "-h", "-r", "-j", String.join(",", jobIds),
                "-t", "PENDING,RUNNING,CONFIGURING,COMPLETING,SUSPENDED,REQUEUED,RESIZING", "-o", "%i"), Map.of());
        if (r.code() != 0) {
            if (r.output().contains("Invalid job id")) {
                return tasks; // Jobs that ended long ago are forgotten by the controller.
            }
            throw new WorkbenchException(ErrorCode.UNAVAILABLE, "squeue failed (exit code " + r.code() + "): " + r.output().strip());
        }
        r.output().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(tasks::add);
        return tasks;
    }

    /** {@code scancel} of the jobs (their workers get SIGTERM and put their trials back in the queue). */
    public static Result cancel(List<String> jobIds) {
        List<String> command = new ArrayList<>();
        command.add("scancel");
        command.addAll(jobIds);
        return run(command, Map.of());
    }

    /** Whether Slurm's client commands are on the PATH. */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, "sbatch"))) {
                return true;
            }
        }
        return false;
    }

    public record Result(int code, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment) {
        if (!available()) {
            throw new WorkbenchException(ErrorCode.UNAVAILABLE, "--launcher slurm needs Slurm's client commands (sbatch, squeue, "
                    + "scancel) on the PATH; none found. Run it on a login node of the cluster.");
        }
        Path output = null;
        try {
            output = java.nio.file.Files.createTempFile("workbench-slurm", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process p = builder.start();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new WorkbenchException(ErrorCode.UNAVAILABLE, command.get(0) + " did not answer within "
                        + COMMAND_TIMEOUT_SECONDS + " s (is the Slurm controller up?)");
            }
            return new Result(p.exitValue(), java.nio.file.Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.UNAVAILABLE, "cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbenchException(ErrorCode.UNAVAILABLE, command.get(0) + " was interrupted", e);
        } finally {
            if (output != null) {
                try {
                    java.nio.file.Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A temporary file left behind.
                }
            }
        }
    }

    /** Single-quotes a word for bash when it holds anything but safe characters. */
    static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
