package org.cnnworkbench.app.cli.sweep;

import java.time.Duration;
import org.cnnworkbench.app.launch.DatabaseWait;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import org.cnnworkbench.app.launch.slurm.SlurmBatch;
import org.cnnworkbench.app.launch.slurm.SlurmTime;

/** How a sweep's workers are started: local processes (the default) or a Slurm job array. */
public final class LauncherOptions {
    @Option(names = "--launcher", paramLabel = "local|slurm",
            description = "Start the workers as local processes (default) or as a Slurm job array (sbatch)")
    String launcher;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm: the partition to submit to (default: the cluster's)")
    String partition;

    @Option(names = "--gpus-per-worker", paramLabel = "G",
            description = "Slurm: GPUs per worker (--gres=gpu:G); default 1 with --devices gpu, else 0 (CPU workers)")
    Integer gpusPerWorker;

    @Option(names = "--cpus-per-worker", paramLabel = "C",
            description = "Slurm: CPU cores per worker (--cpus-per-task); default 2 (one trains, one runs the Java side)")
    Integer cpusPerWorker;

    @Option(names = "--time", paramLabel = "TIME",
            description = "Slurm: each worker's time limit (" + SlurmTime.FORMATS + "); workers take no trial they cannot "
                    + "finish and put a running one back in the queue when the limit comes")
    String time;

    @Option(names = "--sbatch-arg", paramLabel = "ARG",
            description = "Slurm: another sbatch option for the batch script, e.g. --sbatch-arg=--account=lab (repeatable)")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--dry-run", description = "Slurm: print the batch script and submit nothing (no sweep is recorded)")
    public boolean dryRun;

    @Option(names = "--detach",
            description = "Slurm: submit the workers and return, when the database is a server of its own (--db or db serve); "
                    + "follow with sweep-status")
    public boolean detach;

    /**
     * {@code --db-wait-seconds S}: how long the sweep process and its workers wait for a database that became
     * unreachable (a restarted {@code db serve}) before they give up; set for the whole process, which runs one command.
     */
    @Option(names = "--db-wait-seconds", paramLabel = "S", defaultValue = "" + DatabaseWait.DEFAULT_SECONDS,
            description = "How long the sweep and its workers wait for an unreachable database (a restarted db serve, "
                    + "a dropped connection) before giving up (default ${DEFAULT-VALUE})")
    void dbWaitSeconds(long seconds) {
        DatabaseWait.configure(dbWait(seconds, spec));
    }

    @Option(names = "--heartbeat-seconds", paramLabel = "S", defaultValue = "2",
            description = "Seconds between the heartbeats of each running trial or run; its holder is judged gone after "
                    + Lease.HEARTBEATS_PER_LEASE + " intervals without one (default ${DEFAULT-VALUE})")
    double heartbeatSeconds;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The heartbeat interval of {@code --heartbeat-seconds}. */
    public Duration heartbeat() {
        return heartbeat(heartbeatSeconds);
    }

    /** Checks a {@code --heartbeat-seconds} value (above 0) and gives it as a duration. */
    public static Duration heartbeat(double seconds) {
        if (!(seconds > 0) || seconds > 3600) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--heartbeat-seconds must be above 0 and at most "
                    + "3600, found " + seconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /**
     * {@code base} followed by the settings a sweep's workers take from this command: {@code --heartbeat-seconds}
     * and {@code --db-wait-seconds}, for local workers and Slurm's alike.
     */
    public List<String> workerArgs(List<String> base) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of("--heartbeat-seconds", Double.toString(heartbeat().toMillis() / 1000.0),
                "--db-wait-seconds", Long.toString(DatabaseWait.configuredBound().toSeconds())));
        return args;
    }

    /** Checks a {@code --db-wait-seconds} value: 0 (give up at once) or more. */
    static Duration dbWait(long seconds, CommandSpec spec) {
        if (seconds < 0) {
            throw new ParameterException(spec.commandLine(), "--db-wait-seconds must be 0 or more, found " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** Whether the Slurm launcher is asked for; {@code defaultSlurm} decides when --launcher is not given. */
    public boolean slurm(boolean defaultSlurm) {
        if (launcher == null) {
            if (!defaultSlurm && (partition != null || gpusPerWorker != null || cpusPerWorker != null || time != null
                    || !sbatchArgs.isEmpty() || dryRun || detach)) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--partition, --gpus-per-worker, --cpus-per-worker, "
                        + "--time, --sbatch-arg, --dry-run and --detach go with --launcher slurm");
            }
            return defaultSlurm;
        }
        return switch (launcher) {
            case "local" -> {
                if (partition != null || gpusPerWorker != null || cpusPerWorker != null || time != null
                        || !sbatchArgs.isEmpty() || dryRun || detach) {
                    throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--partition, --gpus-per-worker, --cpus-per-worker, "
                            + "--time, --sbatch-arg, --dry-run and --detach go with --launcher slurm, not local");
                }
                yield false;
            }
            case "slurm" -> true;
            default -> throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--launcher must be local or slurm, found '"
                    + launcher + "'");
        };
    }

    /** The Slurm settings, validated; {@code gpuDevices} says whether --devices gpu was given. */
    public SlurmBatch.Settings slurmSettings(boolean gpuDevices) {
        int gpus = gpusPerWorker != null ? gpusPerWorker : gpuDevices ? 1 : 0;
        if (gpus < 0) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--gpus-per-worker must be 0 or more, found " + gpus);
        }
        int cpus = cpusPerWorker != null ? cpusPerWorker : 2;
        if (cpus < 1) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--cpus-per-worker must be at least 1, found " + cpus);
        }
        if (time != null) {
            SlurmTime.parse(time, "--time");
        }
        if (partition != null && !partition.matches("[A-Za-z0-9_.,-]+")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--partition '" + partition + "' is not a partition name "
                    + "(letters, digits, _ . - and commas)");
        }
        for (String arg : sbatchArgs) {
            if (!arg.startsWith("-") || arg.contains("\n") || arg.contains("\r")) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--sbatch-arg '" + arg + "' must be one sbatch option "
                        + "starting with - on one line, e.g. --sbatch-arg=--account=lab");
            }
        }
        return new SlurmBatch.Settings(partition, gpus, cpus, time, List.copyOf(sbatchArgs));
    }

    /**
     * The exit code for a sweep that ended in {@code end}: success when it completed or was paused (a user's
     * choice; resume continues it), or when detached (it runs on).
     */
    public int exitCode(SweepState end) {
        return end == SweepState.COMPLETED || end == SweepState.PAUSED || detach ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
