package org.cnnworkbench.app.cli.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.run.RunResult;
import org.cnnworkbench.engine.run.TrialRunner;
import org.cnnworkbench.engine.spec.ExperimentDocument;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.LeaseHeldException;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.engine.run.TrialInterruptedException;
import org.cnnworkbench.engine.sweep.SweepDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.RunOrSweepIdParameter;
import org.cnnworkbench.app.launch.DatabaseWait;
import org.cnnworkbench.app.launch.local.LocalLauncher;
import org.cnnworkbench.app.launch.slurm.SlurmLauncher;
import org.cnnworkbench.app.text.SweepOutcome;
import org.cnnworkbench.app.cli.sweep.LauncherOptions;
import org.cnnworkbench.app.cli.sweep.SimulationOptions;
import org.cnnworkbench.app.cli.sweep.WorkerPoolOptions;
import org.cnnworkbench.app.text.ProgressView;
import org.cnnworkbench.app.launch.slurm.SlurmBatch;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.app.launch.local.WorkerPlan;

/** {@code workbench resume ID}: finish a sweep, or a single run, that was interrupted. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        header = "Finish an interrupted sweep (sN) or run (rN), from the trials' last checkpoints.")
public final class ResumeCommand extends HomeCommand {
    @Mixin
    RunOrSweepIdParameter target;

    @Mixin
    WorkerPoolOptions pool;

    @Mixin
    SimulationOptions simulation;

    @Mixin
    LauncherOptions launcher;

    @Option(names = "--no-progress", description = "No live status line")
    boolean noProgress;

    @Override
    protected void checkArguments() {
        target.checkForm();
        launcher.heartbeat();   // checked before anything is opened
    }

    @Override
    protected Workbench open() {
        return super.open().databaseWait(DatabaseWait.configuredBound());
    }

    @Override
    protected int run(Workbench workbench) {
        return target.isSweep() ? resumeSweep(workbench, target.id()) : resumeRun(workbench, target.id());
    }

    private int resumeSweep(Workbench workbench, String sweepId) {
        SweepDetail detail = workbench.sweeps().findSweep(sweepId).orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND,
                "no sweep with id '" + sweepId + "' in " + workbench.home() + " (see ./workbench sweeps)"));
        SweepState state = detail.summary().state();
        if (state == SweepState.COMPLETED) {
            System.out.println("Sweep " + sweepId + " has already completed; nothing to resume.");
            SweepOutcome.print(detail, System.out);
            return ExitCodes.OK;
        }
        if (state == SweepState.CANCELLED) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "sweep " + sweepId + " was cancelled; a cancelled sweep "
                    + "is not resumed. Start it again: ./workbench sweep FILE");
        }
        SweepDefinition definition = SweepDefinition.fromJson(detail.specJson(), new ExperimentValidator(workbench.plugins()));
        var plan = definition.plan();
        var sweep = definition.sweep();
        int useful = (int) Math.min(Integer.MAX_VALUE, (long) sweep.configurationBudget() * sweep.repeats());
        // A sweep that ran on Slurm resumes there unless --launcher says otherwise.
        boolean slurm = launcher.slurm(!workbench.sweeps().jobs(sweepId).isEmpty());
        SlurmBatch.Settings slurmSettings = null;
        int slurmTasks = 0;
        if (slurm) {
            slurmSettings = pool.slurmSettings(launcher);
            slurmTasks = pool.slurmTasks(detail.summary().parallelism(), useful);
            if (launcher.dryRun) {
                System.out.print(SlurmLauncher.dryRunScript(sweepId, workbench.home(), slurmTasks, slurmSettings,
                        launcher.workerArgs(simulation.workerArgs())));
                return ExitCodes.OK;
            }
            SlurmLauncher.checkDetach(workbench, launcher.detach);
            if (!SlurmBatch.available()) {
                throw new WorkbenchException(ErrorCode.UNAVAILABLE, "sweep " + sweepId + " runs its workers on Slurm, whose "
                        + "client commands (sbatch, squeue, scancel) are not on the PATH here; run resume on a login node of the "
                        + "cluster, or pass --launcher local to finish it on this machine");
            }
        }
        // This process owns the home's database file: no worker of an earlier run of the sweep can still
        // be writing, so every trial left running goes back to the queue now (through a served database,
        // only those whose heartbeats expired).
        boolean owner = !workbench.database().url().startsWith("jdbc:h2:tcp:");
        // Expired leases are read from the trials' rows; the derived age only judges rows from before leases.
        int released = workbench.sweeps().releaseStaleTrials(sweepId, owner ? -1 : Lease.expiresAt(0, launcher.heartbeat()),
                plan.maxAttempts());
        workbench.sweeps().setSweepState(sweepId, SweepState.RUNNING, "resumed");
        System.out.println(sweepId);
        System.out.println("Resuming sweep " + sweepId + " of " + detail.summary().experiment() + ": "
                + detail.summary().trials() + " trials recorded" + (released > 0 ? ", " + released + " interrupted trial"
                + (released == 1 ? "" : "s") + " back in the queue" : "") + ".");
        if (slurm) {
            return launcher.exitCode(SlurmLauncher.run(workbench, sweepId, plan, slurmTasks, slurmSettings, launcher.detach,
                    !noProgress && System.console() != null, launcher.workerArgs(simulation.workerArgs()), launcher.heartbeat()));
        }
        WorkerPlan workerPlan = WorkerPlan.choose(pool.devices(), pool.workers(), pool.threads(),
                pool.workers() == null ? detail.summary().parallelism() : null,
                useful, Runtime.getRuntime().availableProcessors());
        return launcher.exitCode(LocalLauncher.run(workbench, sweepId, plan, workerPlan, !noProgress && System.console() != null,
                launcher.workerArgs(simulation.workerArgs()), launcher.heartbeat()));
    }

    /**
     * Takes the run over for this process: refused (exit 2) while its lease is fresh, since a live process is
     * training it (its heartbeats arrive) and resuming it would train it twice. The check and the take-over are
     * one transaction, so of two resumes started at the same moment only one passes.
     */
    private Lease takeOver(Workbench workbench, String id, java.time.Duration heartbeat) {
        try {
            return workbench.store().takeOver(id, Lease.processOwner(), heartbeat);
        } catch (LeaseHeldException e) {
            long now = System.currentTimeMillis();
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "run " + id + " is still running: "
                    + (e.owner() == null ? "its process" : "its owner " + e.owner()) + " sent a heartbeat recently, and "
                    + "its lease expires at " + java.time.Instant.ofEpochMilli(e.expiresAt()) + " (in "
                    + Math.max(1, (e.expiresAt() - now + 999) / 1000) + " s) unless another one arrives. Only an "
                    + "interrupted run is resumed: stop the running one (Ctrl-C in its terminal) or, if its process is "
                    + "gone, wait until its lease expires and run ./workbench resume " + id + " again");
        }
    }

    private int resumeRun(Workbench workbench, String id) {
        RunDetail run = workbench.store().findRun(id).orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND,
                "no run with id '" + id + "' in " + workbench.home() + " (see ./workbench runs)"));
        if (run.summary().sweepId() != null) {
            System.out.println("Run " + id + " is a trial of sweep " + run.summary().sweepId() + "; resuming the sweep.");
            return resumeSweep(workbench, run.summary().sweepId());
        }
        if (run.summary().status().isFinished()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "run " + id + " has already ended ("
                    + run.summary().status().label() + "); only an interrupted run is resumed");
        }
        java.time.Duration heartbeat = launcher.heartbeat();
        ObjectNode tree;
        try {
            tree = (ObjectNode) Json.MAPPER.readTree(run.configJson());
        } catch (Exception e) {
            throw new IllegalStateException("the recorded configuration of " + id + " is not JSON", e);
        }
        // The recorded configuration has every default filled in and every path absolute.
        Path file = Path.of("recorded configuration of " + id);
        ExperimentSpec spec = new ExperimentValidator(workbench.plugins()).validate(ExperimentDocument.of(file, tree, Map.of()));
        Lease lease = takeOver(workbench, id, heartbeat);
        System.out.println("Resuming run " + id + " after epoch " + run.summary().epochs() + ".");
        ProgressView view = new ProgressView(System.out, System.err, !noProgress && System.console() != null);
        RunResult result;
        try (DatabaseServer ignored = workbench.serveHomeDatabase();
             RunHooks hooks = new RunHooks(workbench.store(), heartbeat, DatabaseWait.configuredBound())) {
            hooks.started(lease);
            result = new TrialRunner(workbench.store(), workbench.home(), view).execute(workbench.store().writer(lease), spec,
                    hooks);
        } catch (TrialInterruptedException e) {
            System.out.println();
            System.out.println("Run " + id + " " + (e.interruption().requeue() ? "interrupted again" : "stopped: "
                    + e.interruption().reason()) + "; its recorded epochs are kept."
                    + (e.interruption().requeue() ? " Continue it: ./workbench resume " + id : ""));
            return ExitCodes.FAILURE;
        }
        RunCommand.printResult(result);
        return ExitCodes.OK;
    }
}
