package org.cnnworkbench.app.cli.sweep;

import org.cnnworkbench.app.launch.slurm.SlurmBatch;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Option;

/**
 * How many workers a sweep runs, how wide and on which devices: {@code --workers}, {@code --threads}
 * and {@code --devices}, as {@code sweep} and {@code resume} take them
 * ({@code @Mixin WorkerPoolOptions pool;}).
 */
public final class WorkerPoolOptions {
    @Option(names = "--workers", paramLabel = "N",
            description = "Worker processes (default: the sweep's parallelism, or as many as it started with when resumed, "
                    + "else chosen from the devices and cores)")
    Integer workers;

    @Option(names = "--threads", paramLabel = "N",
            description = "Native threads per CPU worker (default: the cores shared out among the workers)")
    Integer threads;

    @Option(names = "--devices", paramLabel = "cpu|gpu|0,1,...",
            description = "Train on the CPU (default), on every GPU of this machine (gpu) or on these GPUs, one worker per GPU; "
                    + "with --launcher slurm: cpu or gpu")
    String devices;

    /** {@code --workers}, or null for the default. */
    public Integer workers() {
        return workers;
    }

    /** {@code --threads}, or null for the default. */
    public Integer threads() {
        return threads;
    }

    /** {@code --devices}, or null for the default (cpu). */
    public String devices() {
        return devices;
    }

    /**
     * The Slurm job array's width for {@code defaultWorkers} (the sweep's parallelism) and {@code useful}
     * trials, and its settings from {@code launcher}; refuses devices Slurm chooses itself and fewer
     * than one worker.
     */
    public SlurmBatch.Settings slurmSettings(LauncherOptions launcher) {
        if (devices != null && !devices.equals("cpu") && !devices.equals("gpu")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--devices with --launcher slurm is cpu or gpu, found '"
                    + devices + "' (Slurm chooses the GPUs; --gpus-per-worker says how many)");
        }
        if (workers != null && workers < 1) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--workers must be at least 1, found " + workers);
        }
        return launcher.slurmSettings("gpu".equals(devices));
    }

    /** The number of Slurm tasks: {@code --workers}, else {@code parallelism}, at most {@code useful}. */
    public int slurmTasks(Integer parallelism, int useful) {
        return Math.max(1, Math.min(workers != null ? workers : parallelism != null ? parallelism : 1, useful));
    }
}
