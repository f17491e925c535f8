package org.cnnworkbench.app.cli.sweep;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.nd4j.Devices;
import org.cnnworkbench.engine.nd4j.NativeThreads;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.WorkerInfo;
import org.cnnworkbench.engine.sweep.SimulatedExecutor;
import org.cnnworkbench.engine.sweep.SweepWorker;
import org.cnnworkbench.engine.sweep.TrainingExecutor;
import org.cnnworkbench.engine.sweep.TrialExecutor;
import org.cnnworkbench.engine.sweep.TrialOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.cnnworkbench.app.launch.DatabaseWait;
import org.cnnworkbench.app.launch.WaitingSweepStore;
import org.cnnworkbench.app.launch.WorkerLaunch;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.home.HomeOptions;
import org.cnnworkbench.app.text.ProgressView;
import org.cnnworkbench.app.launch.slurm.SlurmTime;
import org.cnnworkbench.app.home.Workbench;

/**
 * {@code workbench worker --sweep ID}: claims and trains trials of a sweep until it has none left.
 * The sweep command starts these as local processes; a scheduler (Slurm) can start the same
 * command on other machines, with {@code --db} (or {@code WORKBENCH_DB}) naming the served database
 * and its credentials in {@code WORKBENCH_DB_USER}/{@code WORKBENCH_DB_PASSWORD}.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        header = "Claim and train trials of a sweep until it is done (started by 'sweep'; also a Slurm job's command).")
public final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--sweep", required = true, paramLabel = "SWEEP_ID", description = "The sweep to work on, e.g. s3")
    String sweepId;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|auto|N",
            description = "Device to train on: cpu, a GPU index N, or auto (the GPU in CUDA_VISIBLE_DEVICES, else the CPU). "
                    + "Default: ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--threads", paramLabel = "N",
            description = "Native threads for training on the CPU (default: OMP_NUM_THREADS, else the cores less one)")
    Integer threads;

    @Option(names = "--worker-id", paramLabel = "ID", description = "This worker's id (default: w-HOST-PID)")
    String workerId;

    @Option(names = "--wall-time", paramLabel = "TIME",
            description = "This worker's time limit (a Slurm time such as 04:00:00): it claims no trial it could not finish "
                    + "by then, judged by its longest trial so far")
    String wallTime;

    @Option(names = "--heartbeat-seconds", defaultValue = "2", paramLabel = "S",
            description = "Seconds between heartbeats (default ${DEFAULT-VALUE})")
    double heartbeatSeconds;

    @Option(names = "--db-wait-seconds", paramLabel = "S", defaultValue = "" + DatabaseWait.DEFAULT_SECONDS,
            description = "How long to wait between trials for an unreachable database (a restarted db serve) before "
                    + "giving up (default ${DEFAULT-VALUE})")
    void dbWaitSeconds(long seconds) {
        DatabaseWait.configure(LauncherOptions.dbWait(seconds, spec));
    }

    @Spec
    CommandSpec spec;

    @Mixin
    SimulationOptions simulation;

    @Mixin
    HomeOptions homeOptions;

    @Override
    public Integer call() {
        String dev = resolveDevice(device);
        if (threads != null && threads < 1) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--threads must be at least 1, found " + threads);
        }
        Duration heartbeat = LauncherOptions.heartbeat(heartbeatSeconds);
        boolean simulate = simulation.on();
        java.time.Duration limit = wallTime == null ? null : SlurmTime.parse(wallTime, "--wall-time");
        TrialOutput.install();
        // ND4J's native libraries load while the plugins and the database open.
        org.cnnworkbench.engine.nd4j.Backend.preload();
        dev = selectDevice(dev);
        String id = workerId != null ? workerId : "w-" + host() + "-" + ProcessHandle.current().pid();
        String jobId = System.getenv("SLURM_ARRAY_JOB_ID") != null
                ? System.getenv("SLURM_ARRAY_JOB_ID") + "_" + System.getenv().getOrDefault("SLURM_ARRAY_TASK_ID", "0")
                : System.getenv("SLURM_JOB_ID");
        try (Workbench workbench = new Workbench(homeOptions).databaseWait(DatabaseWait.configuredBound())) {
            // Between trials (and while it opens the database) the worker waits out an unreachable database.
            WaitingSweepStore sweeps = new WaitingSweepStore(workbench::sweeps,
                    DatabaseWait.configured(line -> System.out.println("[" + id + "] " + line)));
            if (sweeps.findSweep(sweepId).isEmpty()) {
                throw new WorkbenchException(ErrorCode.NOT_FOUND, "no sweep with id '" + sweepId + "' in this workbench"
                        + " (see ./workbench sweeps)");
            }
            int nativeThreads = NativeThreads.apply(threads == null ? 0 : threads);
            WorkerInfo info = new WorkerInfo(id, sweepId, host(), ProcessHandle.current().pid(), dev, nativeThreads, jobId);
            SweepWorker worker = new SweepWorker(sweeps, workbench.store(),
                    new ExperimentValidator(workbench.plugins()), workbench.home(), info,
                    heartbeat, DatabaseWait.configuredBound(), Duration.ofMillis(200),
                    line -> System.out.println("[" + id + "] " + line), ExitCodes.HALT_ON_LOST_DATABASE);
            if (dev.equals("cpu")) {
                worker.launchCores(launchCores(), nativeThreads);
            }
            if (limit != null) {
                // Counted from the JVM's start, a little after the scheduler's clock started: on the safe side.
                java.time.Instant started = java.time.Instant.ofEpochMilli(ProcessHandle.current().info().startInstant()
                        .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis()));
                worker.deadline(started.plus(limit), java.time.Clock.systemUTC());
            }
            TrialExecutor executor = simulate
                    ? new SimulatedExecutor(simulation.epochs(), simulation.epochMillis())
                    : new TrainingExecutor(workbench.store(), workbench.home(),
                            new ProgressView(System.out, System.err, false));
            CountDownLatch finished = new CountDownLatch(1);
            Thread onTerm = new Thread(() -> {
                worker.stop("worker " + id + " was asked to stop (SIGTERM)");
                try {
                    // Let the trial stop at its next batch and go back to the queue before the JVM ends.
                    finished.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-shutdown");
            Runtime.getRuntime().addShutdownHook(onTerm);
            try {
                System.out.println("[" + id + "] working on sweep " + sweepId + " (device " + dev + ", " + nativeThreads
                        + " native thread" + (nativeThreads == 1 ? "" : "s") + ")");
                SweepWorker.Summary summary = worker.run(sweepId, executor);
                System.out.println("[" + id + "] done after " + summary.trials() + " trial" + (summary.trials() == 1 ? "" : "s")
                        + ": " + summary.endReason());
            } finally {
                finished.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onTerm);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it waited for us.
            }
            return ExitCodes.OK;
        }
    }

    /**
     * Makes this process train on {@code dev}: on the CUDA backend, pins the training thread to the
     * GPU (its position among CUDA_VISIBLE_DEVICES when that is set, else its index). A GPU asked for
     * by index on the CPU build is an error; {@code auto} falls back to the CPU with a warning.
     */
    private String selectDevice(String dev) {
        if (!dev.startsWith("gpu")) {
            return dev;
        }
        int index = Integer.parseInt(dev.substring(3));
        if (!Devices.cuda()) {
            if (device.equals("auto")) {
                System.err.println("warning: a GPU is visible (CUDA_VISIBLE_DEVICES=" + System.getenv("CUDA_VISIBLE_DEVICES")
                        + ") but this workbench was built with the CPU backend; training on the CPU. Build with "
                        + "'mvn -Pcuda install' to use GPUs (see docs/gpu.md).");
                return "cpu";
            }
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--device " + device + ": this workbench was built with "
                    + "the CPU backend (nd4j-native), which cannot use a GPU; build with 'mvn -Pcuda install' (docs/gpu.md) "
                    + "or use --device cpu");
        }
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        int ordinal = index;
        if (visible != null && !visible.isBlank()) {
            List<String> ids = java.util.Arrays.stream(visible.split(",")).map(String::trim).toList();
            ordinal = ids.indexOf(Integer.toString(index));
            if (ordinal < 0) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--device " + index + ": not among the GPUs this "
                        + "process may use (CUDA_VISIBLE_DEVICES=" + visible + ")");
            }
        }
        try {
            Devices.pin(ordinal);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--device " + device + ": " + e.getMessage(), e);
        }
        return dev;
    }

    static String resolveDevice(String device) {
        if (device.equals("cpu")) {
            return "cpu";
        }
        if (device.equals("auto")) {
            String visible = System.getenv("CUDA_VISIBLE_DEVICES");
            return visible == null || visible.isBlank() ? "cpu" : "gpu" + visible.split(",")[0].trim();
        }
        if (device.matches("\\d+")) {
            return "gpu" + device;
        }
        throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--device must be cpu, auto or a GPU index (0, 1, ...), found '"
                + device + "'");
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** {@link WorkerLaunch#LAUNCH_CORES_ENV} as a positive number, else 0 (unknown: a worker started by hand or by Slurm). */
    static int launchCores() {
        String value = System.getenv(WorkerLaunch.LAUNCH_CORES_ENV);
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
