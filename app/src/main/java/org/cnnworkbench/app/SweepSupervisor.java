package org.cnnworkbench.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.SweepStore;

/**
 * Starts a sweep's worker processes on this machine and watches over them until the sweep ends:
 * a worker that dies has its trial put back in the queue (or failed after its last attempt) and
 * is replaced; trials whose heartbeats stopped are put back; a cancelled sweep stops its workers.
 * Prints a live view of the trials as they run and end.
 */
final class SweepSupervisor {
    private static final long POLL_MILLIS = 500;
    /** How often trials with expired heartbeats are looked for. */
    private static final long STALE_CHECK_MILLIS = 5_000;
    private static final long STALE_MILLIS = 30_000;

    private final SweepStore sweeps;
    private final String sweepId;
    private final SweepPlan plan;
    private final Path home;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final List<String> devices;
    private final int threads;
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Process> workers = new LinkedHashMap<>();
    private final Map<String, String> workerDevice = new HashMap<>();
    private int started;
    private int restarts;
    /** Set once the workers are being stopped (cancel, Ctrl-C): no worker is started or reported dead after it. */
    private volatile boolean stopping;
    private long lastStaleCheck;

    /**
     * @param devices one entry per worker: {@code cpu} or a GPU index
     * @param threads native threads per CPU worker
     */
    SweepSupervisor(SweepStore sweeps, String sweepId, SweepPlan plan, Path home, String dbUrl, String dbUser,
                    String dbPassword, List<String> devices, int threads, PrintStream out, boolean terminal) {
        this.sweeps = sweeps;
        this.sweepId = sweepId;
        this.plan = plan;
        this.home = home;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.devices = devices;
        this.threads = threads;
        this.out = out;
        this.terminal = terminal;
    }

    /** Runs the sweep to its end; returns its final state. */
    SweepState supervise() {
        Thread onInterrupt = new Thread(this::stopWorkers, "sweep-shutdown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            for (String device : devices) {
                startWorker(device);
            }
            SweepView view = new SweepView(out, terminal);
            while (!stopping) {
                sleep(POLL_MILLIS);
                reapWorkers();
                if (System.currentTimeMillis() - lastStaleCheck >= STALE_CHECK_MILLIS) {
                    sweeps.releaseStaleTrials(sweepId, STALE_MILLIS, plan.maxAttempts());
                    lastStaleCheck = System.currentTimeMillis();
                }
                SweepDetail detail = sweeps.findSweep(sweepId).orElseThrow();
                view.update(detail);
                if (detail.summary().state().isFinished()) {
                    stopWorkers();
                    reapWorkers();
                    view.update(sweeps.findSweep(sweepId).orElseThrow());
                    view.finish();
                    return detail.summary().state();
                }
                if (workers.isEmpty()) {
                    if (sweeps.completeIfDone(sweepId, plan)) {
                        continue;
                    }
                    if (restarts >= maxRestarts()) {
                        view.finish();
                        sweeps.setSweepState(sweepId, SweepState.FAILED, "its workers kept dying (" + restarts
                                + " restarts); see " + home.resolve("workers"));
                        return SweepState.FAILED;
                    }
                    // Work is left (a trial re-queued after the last worker ended): start a worker for it.
                    restarts++;
                    startWorker(devices.get(0));
                }
            }
            // Interrupted (Ctrl-C): the shutdown hook stops the workers and their trials go back to the
            // queue; the database stays served until they have.
            for (Process p : workers.values()) {
                try {
                    p.waitFor(35, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            view.finish();
            out.println("Interrupted: resume with ./workbench resume " + sweepId);
            return sweeps.findSweep(sweepId).orElseThrow().summary().state();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Already running.
            }
        }
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
            // Credentials travel in the environment, never on a command line that ps shows.
            builder.environment().put("WORKBENCH_DB", dbUrl);
            builder.environment().put("WORKBENCH_DB_USER", dbUser);
            builder.environment().put("WORKBENCH_DB_PASSWORD", dbPassword);
            builder.environment().put("WORKBENCH_HOME", home.toString());
            if (device.equals("cpu")) {
                builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            } else {
                builder.environment().put("CUDA_VISIBLE_DEVICES", device);
            }
            workers.put(id, builder.start());
            workerDevice.put(id, device);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process (" + command.get(0) + ")", e);
        }
    }

    private List<String> extraWorkerArgs = List.of();

    /** Arguments every worker gets (e.g. the hidden simulation options of benchmarks). */
    SweepSupervisor workerArgs(List<String> args) {
        this.extraWorkerArgs = List.copyOf(args);
        return this;
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
        for (Process p : workers.values()) {
            p.destroy();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Process p : workers.values()) {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
