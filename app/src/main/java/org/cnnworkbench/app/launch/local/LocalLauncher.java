package org.cnnworkbench.app.launch.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.app.launch.DatabaseWait;
import org.cnnworkbench.app.launch.WaitingSweepStore;
import org.cnnworkbench.app.launch.SweepLauncher;
import org.cnnworkbench.app.launch.SweepMonitor;
import org.cnnworkbench.app.launch.WorkerDatabase;
import org.cnnworkbench.app.launch.WorkerLaunch;
import org.cnnworkbench.app.text.SweepOutcome;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.sweep.SweepDefinition;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.SweepStore;

/**
 * Runs a sweep's workers as processes on this machine, one per device: a worker that dies has its trial put
 * back in the queue (or failed after its last attempt) and is replaced; a cancelled sweep stops its workers.
 * {@link SweepMonitor} watches the sweep.
 */
public final class LocalLauncher implements SweepLauncher {
    private static final long POLL_MILLIS = 500;
    /** How long stopped workers get to put their trials back before they are killed. */
    private static final long STOP_WAIT_SECONDS = 30;

    private final SweepStore sweeps;
    private final String sweepId;
    private final SweepPlan plan;
    private final Path home;
    private final Map<String, String> environment;
    private final List<String> devices;
    private final int threads;
    private final List<String> extraWorkerArgs;
    private final PrintStream out;
    /** Read by the shutdown hook's {@link #cancel} too. */
    private final Map<String, Process> workers = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> workerDevice = new HashMap<>();
    private int started;
    private int restarts;
    /** Set once the workers are being stopped (cancel, Ctrl-C): no worker is started or reported dead after it. */
    private volatile boolean stopping;

    /**
     * @param environment the workers' database and home ({@link WorkerDatabase#environment})
     * @param devices     one entry per worker: {@code cpu} or a GPU index
     * @param threads     native threads per CPU worker
     * @param workerArgs  arguments every worker gets (e.g. {@code --simulate-epochs})
     */
    LocalLauncher(SweepStore sweeps, String sweepId, SweepPlan plan, Path home, Map<String, String> environment,
                  List<String> devices, int threads, List<String> workerArgs, PrintStream out) {
        this.sweeps = sweeps;
        this.sweepId = sweepId;
        this.plan = plan;
        this.home = home;
        this.environment = environment;
        this.devices = devices;
        this.threads = threads;
        this.extraWorkerArgs = List.copyOf(workerArgs);
        this.out = out;
    }

    /**
     * Runs a recorded sweep to its end on this machine, for {@code sweep} and {@code resume}: serves the home's
     * database to the workers (unless another process already does, or --db names a server), watches the
     * workers, and prints the outcome.
     */
    public static SweepState run(Workbench workbench, String sweepId, SweepPlan plan, WorkerPlan workers, boolean terminal,
                                 List<String> workerArgs, java.time.Duration heartbeat) {
        try (WorkerDatabase db = WorkerDatabase.open(workbench, false, "a sweep's workers share its database")) {
            System.out.println("Workers: " + workers.describe() + "; their logs are in " + workbench.home().resolve("workers"));
            // workerArgs carry --heartbeat-seconds and --db-wait-seconds: workers wait for the database as long as this
            // process does, and beat as often as the monitor expects.
            List<String> args = new ArrayList<>(workerArgs);
            WaitingSweepStore sweeps = new WaitingSweepStore(workbench.sweeps(), DatabaseWait.configured(System.out::println));
            LocalLauncher launcher = new LocalLauncher(sweeps, sweepId, plan, workbench.home(),
                    db.environment(workbench), workers.devices(), workers.threads(), args, System.out);
            SweepState end = new SweepMonitor(sweeps, sweepId, plan, launcher, System.out, terminal, heartbeat)
                    .replanning(SweepDefinition.planReader(new ExperimentValidator(workbench.plugins()))).run();
            SweepOutcome.print(sweeps.findSweep(sweepId).orElseThrow(), System.out);
            return end;
        }
    }

    @Override
    public void start() {
        for (String device : devices) {
            startWorker(device);
        }
    }

    @Override
    public boolean watch() {
        reapWorkers();
        return !workers.isEmpty();
    }

    @Override
    public String resume(SweepDetail detail) {
        if (restarts >= maxRestarts()) {
            return "its workers kept dying (" + restarts + " restarts); see " + home.resolve("workers");
        }
        // Work is left (a trial re-queued after the last worker ended): start a worker for it.
        restarts++;
        startWorker(devices.get(0));
        return null;
    }

    @Override
    public void cancel() {
        stopWorkers();
    }

    @Override
    public void finish() {
        stopWorkers();
        reapWorkers();
    }

    @Override
    public long pollMillis() {
        return POLL_MILLIS;
    }

    @Override
    public long cancelWaitMillis() {
        return TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS + 5);
    }

    @Override
    public String interruptedMessage(String sweepId) {
        return "Interrupted: resume with ./workbench resume " + sweepId;
    }

    private int maxRestarts() {
        return 3 * Math.max(1, devices.size()) + plan.maxAttempts();
    }

    private void startWorker(String device) {
        if (stopping) {
            return;
        }
        String id = "w-" + sweepId + "-" + ProcessHandle.current().pid() + "-" + (++started);
        List<String> command = new ArrayList<>(WorkerLaunch.javaCommand());
        command.addAll(List.of("worker", "--sweep", sweepId, "--worker-id", id, "--home", home.toString(),
                "--device", device.equals("cpu") ? "cpu" : "auto"));
        if (device.equals("cpu")) {
            command.addAll(List.of("--threads", Integer.toString(threads)));
        }
        command.addAll(extraWorkerArgs);
        Path log = home.resolve("workers").resolve(id + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            if (device.equals("cpu")) {
                builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
                // The cores of the whole launch: a trial alone at the end of the sweep may use its idle workers' (issue 19).
                builder.environment().put(WorkerLaunch.LAUNCH_CORES_ENV, Integer.toString(threads * (int) devices.stream()
                        .filter("cpu"::equals).count()));
            } else {
                builder.environment().put("CUDA_VISIBLE_DEVICES", device);
            }
            workers.put(id, builder.start());
            workerDevice.put(id, device);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process (" + command.get(0) + ")", e);
        }
    }

    /** Handles workers that ended: their trials go back to the queue, and a worker that died is replaced. */
    private void reapWorkers() {
        Map<String, Process> ended = new LinkedHashMap<>();
        workers.forEach((id, process) -> {
            if (!process.isAlive()) {
                ended.put(id, process);
            }
        });
        for (Map.Entry<String, Process> entry : ended.entrySet()) {
            String id = entry.getKey();
            workers.remove(id);
            int code = entry.getValue().exitValue();
            int released = sweeps.releaseWorkerTrials(id, "worker " + id + " ended with exit code " + code,
                    plan.maxAttempts());
            sweeps.workerEnded(id, code != 0 && !stopping);
            if (code != 0 && !stopping) {
                out.println("Worker " + id + " died (exit code " + code + "; log " + home.resolve("workers").resolve(id + ".log")
                        + ")" + (released > 0 ? "; its trial went back to the queue" : ""));
                SweepState state = sweeps.findSweep(sweepId).orElseThrow().summary().state();
                if (!state.isFinished() && restarts < maxRestarts()) {
                    restarts++;
                    startWorker(workerDevice.get(id));
                }
            }
        }
    }

    /** Asks every worker to stop (SIGTERM: its trial goes back to the queue), then kills those that do not. */
    private void stopWorkers() {
        stopping = true;
        List<Process> running;
        synchronized (workers) {
            running = List.copyOf(workers.values());
        }
        for (Process p : running) {
            p.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        for (Process p : running) {
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
