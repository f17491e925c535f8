package org.cnnworkbench.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepJob;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.SweepStore;

/**
 * Runs a recorded sweep on a Slurm cluster, for {@code sweep --launcher slurm} and {@code resume}:
 * makes the database reachable from the nodes (serving the home's own database on every
 * interface while the sweep runs, unless it is a server already), submits the workers as a job
 * array, and watches the sweep until it ends. Job arrays that end with work left (time limits,
 * pre-emption) are followed by a new one; Ctrl-C {@code scancel}s the jobs, whose workers put
 * their trials back in the queue, so {@code resume} continues later.
 */
final class SlurmSweepRun {
    private static final long POLL_MILLIS = 1_000;
    private static final long CHECK_MILLIS = 5_000;
    private static final long STALE_MILLIS = 30_000;
    /** Slurm's KillWait (30 s by default) and some margin: how long scancelled workers get to re-queue. */
    private static final long CANCEL_WAIT_MILLIS = 50_000;

    private final Workbench workbench;
    private final SweepStore sweeps;
    private final String sweepId;
    private final SweepPlan plan;
    private final int tasks;
    private final SlurmBatch.Settings settings;
    private final List<String> workerArgs;
    private volatile boolean stopping;

    private SlurmSweepRun(Workbench workbench, String sweepId, SweepPlan plan, int tasks, SlurmBatch.Settings settings,
                          List<String> workerArgs) {
        this.workerArgs = List.copyOf(workerArgs);
        this.workbench = workbench;
        this.sweeps = workbench.sweeps();
        this.sweepId = sweepId;
        this.plan = plan;
        this.tasks = tasks;
        this.settings = settings;
    }

    /** Refuses --detach (before anything is recorded) when this process would have to serve the database itself. */
    static void checkDetach(Workbench workbench, boolean detach) {
        if (detach && !workbench.database().url().startsWith("jdbc:h2:tcp:")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--detach needs a database that stays served when this "
                    + "command ends: start './workbench db serve --bind 0.0.0.0' and pass the URL it prints with --db");
        }
    }

    /** The batch script {@code sweep --dry-run} prints, for the sweep id the sweep will get. */
    static String dryRunScript(Path home, int tasks, SlurmBatch.Settings settings) {
        // The note goes after the #! line, so that the printed script can be saved and submitted as it is.
        return SlurmBatch.script("SWEEP_ID", home, tasks, settings, WorkerLaunch.scriptCommand(), List.of())
                .replaceFirst("\n", "\n# (dry run: nothing was submitted or recorded; SWEEP_ID stands for the id the sweep gets)\n");
    }

    static int run(Workbench workbench, String sweepId, SweepPlan plan, int tasks, SlurmBatch.Settings settings,
                   boolean detach, boolean terminal, List<String> workerArgs) {
        return new SlurmSweepRun(workbench, sweepId, plan, tasks, settings, workerArgs).run(detach, terminal);
    }

    private int run(boolean detach, boolean terminal) {
        String user;
        String password;
        if (workbench.usesHomeDatabase()) {
            user = HomeDatabase.USER;
            password = workbench.homeDatabase().password();
        } else {
            user = System.getenv().getOrDefault("WORKBENCH_DB_USER", HomeDatabase.USER);
            password = workbench.serverPassword();
        }
        String url = workbench.database().url();
        DatabaseServer server = null;
        if (!url.startsWith("jdbc:h2:tcp:")) {
            if (!workbench.usesHomeDatabase()) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--db " + url + ": the workers of a Slurm job run on "
                        + "other machines, so the database must be the home's own (leave out --db) or an H2 server "
                        + "(jdbc:h2:tcp://HOST:PORT/...)");
            }
            // The nodes connect from elsewhere: every interface, with the home's credentials.
            server = DatabaseServer.serve(workbench.homeDatabase(), 0, true);
            url = server.url();
        } else if (url.matches("jdbc:h2:tcp://(localhost|127\\.[0-9.]+)(:\\d+)?/.*")) {
            System.err.println("warning: the database is served on this machine's loopback interface only (" + url + "); "
                    + "workers on other nodes cannot reach it. Serve it with './workbench db serve --bind 0.0.0.0' instead.");
        }
        Map<String, String> environment = Map.of("WORKBENCH_DB", url, "WORKBENCH_DB_USER", user,
                "WORKBENCH_DB_PASSWORD", password, "WORKBENCH_HOME", workbench.home().toString());
        try {
            submit(environment);
            if (detach) {
                System.out.println("Detached: follow with ./workbench sweep-status " + sweepId + ", stop with ./workbench cancel "
                        + sweepId + ".");
                return ExitCodes.OK;
            }
            SweepState end = watch(environment, terminal);
            SweepRun.printOutcome(sweeps.findSweep(sweepId).orElseThrow());
            return end == SweepState.COMPLETED ? ExitCodes.OK : ExitCodes.FAILURE;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private String submit(Map<String, String> environment) {
        int number = sweeps.jobs(sweepId).size() + 1;
        Path workers = workbench.home().resolve("workers");
        Path script = workers.resolve("slurm-" + sweepId + "-" + number + ".sh");
        try {
            Files.createDirectories(workers);
            Files.writeString(script, SlurmBatch.script(sweepId, workbench.home(), tasks, settings, WorkerLaunch.scriptCommand(),
                    workerArgs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch script " + script, e);
        }
        String jobId = SlurmBatch.submit(script, environment);
        sweeps.recordJob(sweepId, new SweepJob("slurm", jobId, tasks, System.currentTimeMillis()));
        System.out.println("Submitted Slurm job array " + jobId + ": " + tasks + " worker" + (tasks == 1 ? "" : "s")
                + (settings.gpusPerWorker() > 0 ? " with " + settings.gpusPerWorker() + " GPU" + (settings.gpusPerWorker() == 1
                ? "" : "s") + " each" : " on CPUs (" + settings.cpusPerWorker() + " per worker)")
                + "; script " + script + ", logs " + workers.resolve("slurm-" + sweepId + "-" + jobId + "_*.log"));
        return jobId;
    }

    private List<String> jobIds() {
        return sweeps.jobs(sweepId).stream().filter(j -> j.launcher().equals("slurm")).map(SweepJob::jobId).toList();
    }

    private SweepState watch(Map<String, String> environment, boolean terminal) {
        CountDownLatch cancelled = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            stopping = true;
            try {
                cancelJobsAndWait();
            } finally {
                cancelled.countDown();
            }
        }, "slurm-sweep-shutdown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        SweepView view = new SweepView(System.out, terminal);
        long lastCheck = 0;
        int finishedAtSubmit = finished(sweeps.findSweep(sweepId).orElseThrow());
        int fruitless = 0;
        try {
            while (true) {
                sleep(POLL_MILLIS);
                if (stopping) {
                    await(cancelled);
                    view.finish();
                    System.out.println("Interrupted: the workers' jobs were cancelled and their trials put back in the queue; "
                            + "resume with ./workbench resume " + sweepId + " --launcher slurm");
                    return sweeps.findSweep(sweepId).orElseThrow().summary().state();
                }
                SweepDetail detail = sweeps.findSweep(sweepId).orElseThrow();
                view.update(detail);
                if (detail.summary().state().isFinished()) {
                    finishJobs();
                    view.update(sweeps.findSweep(sweepId).orElseThrow());
                    view.finish();
                    return detail.summary().state();
                }
                if (System.currentTimeMillis() - lastCheck < CHECK_MILLIS) {
                    continue;
                }
                lastCheck = System.currentTimeMillis();
                // Workers on other machines can die without a trace: their trials come back when heartbeats stop.
                sweeps.releaseStaleTrials(sweepId, STALE_MILLIS, plan.maxAttempts());
                if (!SlurmBatch.activeTasks(jobIds()).isEmpty() || stopping) {
                    continue;
                }
                if (sweeps.completeIfDone(sweepId, plan)) {
                    continue;
                }
                // Every worker's job ended (time limit, pre-emption, failure) and work is left.
                int finished = finished(detail);
                fruitless = finished > finishedAtSubmit ? 0 : fruitless + 1;
                if (fruitless >= 2) {
                    view.finish();
                    sweeps.setSweepState(sweepId, SweepState.FAILED, "its Slurm jobs ended twice without finishing a trial; "
                            + "see " + workbench.home().resolve("workers") + "/slurm-" + sweepId + "-*.log");
                    return SweepState.FAILED;
                }
                view.finish();
                System.out.println("The workers' jobs ended with work left (time limit, pre-emption or failure); "
                        + "submitting new ones.");
                finishedAtSubmit = finished;
                submit(environment);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Already running.
            }
        }
    }

    private static int finished(SweepDetail detail) {
        var s = detail.summary();
        return s.count(RunStatus.COMPLETED) + s.count(RunStatus.PRUNED) + s.count(RunStatus.FAILED) + s.count(RunStatus.CANCELLED);
    }

    /** The sweep ended: workers leave on their own; tasks still pending (or stuck) are cancelled. */
    private void finishJobs() {
        long deadline = System.currentTimeMillis() + 30_000;
        Set<String> active = SlurmBatch.activeTasks(jobIds());
        while (!active.isEmpty() && System.currentTimeMillis() < deadline) {
            sleep(POLL_MILLIS);
            active = SlurmBatch.activeTasks(jobIds());
        }
        if (!active.isEmpty()) {
            SlurmBatch.cancel(jobIds());
        }
    }

    /** Ctrl-C: scancel (SIGTERM to the workers, which re-queue their trials) and wait until the jobs are gone. */
    private void cancelJobsAndWait() {
        List<String> ids = jobIds();
        if (ids.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Cancelling the workers' Slurm jobs (" + String.join(", ", ids) + "); their trials go back to the queue...");
        SlurmBatch.cancel(ids);
        long deadline = System.currentTimeMillis() + CANCEL_WAIT_MILLIS;
        while (!SlurmBatch.activeTasks(ids).isEmpty() && System.currentTimeMillis() < deadline) {
            sleep(POLL_MILLIS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(CANCEL_WAIT_MILLIS + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
