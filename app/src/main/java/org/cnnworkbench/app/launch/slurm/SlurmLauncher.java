package org.cnnworkbench.app.launch.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.app.launch.SweepLauncher;
import org.cnnworkbench.app.launch.DatabaseWait;
import org.cnnworkbench.app.launch.SweepMonitor;
import org.cnnworkbench.app.launch.WaitingSweepStore;
import org.cnnworkbench.app.launch.WorkerDatabase;
import org.cnnworkbench.app.launch.WorkerLaunch;
import org.cnnworkbench.app.text.SweepOutcome;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.sweep.SweepDefinition;
import org.cnnworkbench.engine.store.SweepJob;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;

/**
 * Runs a recorded sweep on a Slurm cluster, for {@code sweep --launcher slurm} and {@code resume}:
 * makes the database reachable from the nodes (serving the home's own database on every
 * interface while the sweep runs, unless it is a server already), submits the workers as a job
 * array, and has {@link SweepMonitor} watch the sweep until it ends. Job arrays that end with work left
 * (time limits, pre-emption) are followed by a new one; Ctrl-C {@code scancel}s the jobs, whose workers put
 * their trials back in the queue, so {@code resume} continues later.
 */
public final class SlurmLauncher implements SweepLauncher {
    private static final long POLL_MILLIS = 1_000;
    /** How often squeue is asked whether the jobs still run. */
    private static final long CHECK_MILLIS = 5_000;
    /** Slurm's KillWait (30 s by default) and some margin: how long scancelled workers get to re-queue. */
    private static final long CANCEL_WAIT_MILLIS = 50_000;

    private final Workbench workbench;
    private final WaitingSweepStore sweeps;
    private final String sweepId;
    private final int tasks;
    private final SlurmBatch.Settings settings;
    private final List<String> workerArgs;
    private final Map<String, String> environment;
    private long lastCheck;
    private int finishedAtSubmit;
    private int fruitless;

    private SlurmLauncher(Workbench workbench, String sweepId, int tasks, SlurmBatch.Settings settings,
                          List<String> workerArgs, Map<String, String> environment) {
        this.workerArgs = List.copyOf(workerArgs);
        this.workbench = workbench;
        this.sweeps = new WaitingSweepStore(workbench.sweeps(), DatabaseWait.configured(System.out::println));
        this.sweepId = sweepId;
        this.tasks = tasks;
        this.settings = settings;
        this.environment = environment;
    }

    /** Refuses --detach (before anything is recorded) when this process would have to serve the database itself. */
    public static void checkDetach(Workbench workbench, boolean detach) {
        if (detach && !WorkerDatabase.served(workbench.database().url())) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--detach needs a database that stays served when this "
                    + "command ends: start './workbench db serve --bind 0.0.0.0' and pass the URL it prints with --db");
        }
    }

    /** The batch script {@code --dry-run} prints, for {@code sweepId} (or SWEEP_ID when no sweep is recorded yet). */
    public static String dryRunScript(String sweepId, Path home, int tasks, SlurmBatch.Settings settings, List<String> workerArgs) {
        String script = SlurmBatch.script(sweepId == null ? "SWEEP_ID" : sweepId, home, tasks, settings,
                WorkerLaunch.scriptCommand(), workerArgs);
        // The note goes after the #! line, so that the printed script can be saved and submitted as it is.
        return sweepId != null ? script : script.replaceFirst("\n",
                "\n# (dry run: nothing was submitted or recorded; SWEEP_ID stands for the id the sweep gets)\n");
    }

    /**
     * Submits the workers and, unless {@code detach}, watches the sweep to its end and prints the outcome.
     *
     * @return the sweep's state at the end (still running when detached)
     */
    public static SweepState run(Workbench workbench, String sweepId, SweepPlan plan, int tasks, SlurmBatch.Settings settings,
                                 boolean detach, boolean terminal, List<String> workerArgs, java.time.Duration heartbeat) {
        String url = workbench.database().url();
        if (WorkerDatabase.served(url) && url.matches("jdbc:h2:tcp://(localhost|127\\.[0-9.]+)(:\\d+)?/.*")) {
            System.err.println("warning: the database is served on this machine's loopback interface only (" + url + "); "
                    + "workers on other nodes cannot reach it. Serve it with './workbench db serve --bind 0.0.0.0' instead.");
        }
        // The nodes connect from elsewhere: the home's database is served on every interface, with its credentials.
        try (WorkerDatabase db = WorkerDatabase.open(workbench, true, "the workers of a Slurm job run on other machines")) {
            SlurmLauncher launcher = new SlurmLauncher(workbench, sweepId, tasks, settings, workerArgs, db.environment(workbench));
            if (detach) {
                launcher.start();
                System.out.println("Detached: follow with ./workbench sweep-status " + sweepId + ", stop with ./workbench cancel "
                        + sweepId + ".");
                return launcher.sweeps.findSweep(sweepId).orElseThrow().summary().state();
            }
            SweepState end = new SweepMonitor(launcher.sweeps, sweepId, plan, launcher, System.out, terminal, heartbeat)
                    .replanning(SweepDefinition.planReader(new ExperimentValidator(workbench.plugins()))).run();
            SweepOutcome.print(launcher.sweeps.findSweep(sweepId).orElseThrow(), System.out);
            return end;
        }
    }

    @Override
    public void start() {
        submit();
        finishedAtSubmit = finished(sweeps.findSweep(sweepId).orElseThrow());
    }

    /** Whether any of the sweep's Slurm tasks may still run (asked of squeue every {@value #CHECK_MILLIS} ms). */
    @Override
    public boolean watch() {
        if (System.currentTimeMillis() - lastCheck < CHECK_MILLIS) {
            return true;
        }
        lastCheck = System.currentTimeMillis();
        return !SlurmBatch.activeTasks(jobIds()).isEmpty();
    }

    /** Every worker's job ended (time limit, pre-emption, failure) and work is left: a new job array, unless fruitless. */
    @Override
    public String resume(SweepDetail detail) {
        int finished = finished(detail);
        fruitless = finished > finishedAtSubmit ? 0 : fruitless + 1;
        if (fruitless >= 2) {
            return "its Slurm jobs ended twice without finishing a trial; see " + workbench.home().resolve("workers")
                    + "/slurm-" + sweepId + "-*.log";
        }
        System.out.println("The workers' jobs ended with work left (time limit, pre-emption or failure); submitting new ones.");
        finishedAtSubmit = finished;
        submit();
        return null;
    }

    /** Ctrl-C: scancel (SIGTERM to the workers, which re-queue their trials) and wait until the jobs are gone. */
    @Override
    public void cancel() {
        List<String> ids = jobIds();
        if (ids.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Cancelling the workers' Slurm jobs (" + String.join(", ", ids) + "); their trials go back to the queue...");
        SlurmBatch.cancel(ids);
        long deadline = System.currentTimeMillis() + CANCEL_WAIT_MILLIS;
        while (!SlurmBatch.activeTasks(ids).isEmpty() && System.currentTimeMillis() < deadline) {
            SweepMonitor.sleep(POLL_MILLIS);
        }
    }

    /** The sweep ended: workers leave on their own; tasks still pending (or stuck) are cancelled. */
    @Override
    public void finish() {
        long deadline = System.currentTimeMillis() + 30_000;
        Set<String> active = SlurmBatch.activeTasks(jobIds());
        while (!active.isEmpty() && System.currentTimeMillis() < deadline) {
            SweepMonitor.sleep(POLL_MILLIS);
            active = SlurmBatch.activeTasks(jobIds());
        }
        if (!active.isEmpty()) {
            SlurmBatch.cancel(jobIds());
        }
    }

    @Override
    public long pollMillis() {
        return POLL_MILLIS;
    }

    @Override
    public long cancelWaitMillis() {
        return CANCEL_WAIT_MILLIS;
    }

    @Override
    public String interruptedMessage(String sweepId) {
        return "Interrupted: the workers' jobs were cancelled and their trials put back in the queue; "
                + "resume with ./workbench resume " + sweepId + " --launcher slurm";
    }

    private void submit() {
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
    }

    private List<String> jobIds() {
        return sweeps.jobs(sweepId).stream().filter(j -> j.launcher().equals("slurm")).map(SweepJob::jobId).toList();
    }

    private static int finished(SweepDetail detail) {
        var s = detail.summary();
        return s.count(RunStatus.COMPLETED) + s.count(RunStatus.PRUNED) + s.count(RunStatus.FAILED) + s.count(RunStatus.CANCELLED);
    }
}
