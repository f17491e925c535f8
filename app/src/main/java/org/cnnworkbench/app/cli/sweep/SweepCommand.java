package org.cnnworkbench.app.cli.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.cli.ExperimentFileArguments;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.spec.ExperimentDocument;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.sweep.SweepDefinition;
import org.cnnworkbench.engine.sweep.WarmStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.launch.slurm.SlurmBatch;
import org.cnnworkbench.app.launch.slurm.SlurmLauncher;
import org.cnnworkbench.app.launch.local.LocalLauncher;
import org.cnnworkbench.app.cli.web.ServeOption;
import org.cnnworkbench.app.home.HomeOptions;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.app.launch.local.WorkerPlan;

/** {@code workbench sweep FILE}: run the file's sweep on worker processes. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        header = "Run the sweep: section of an experiment file on worker processes, recording every trial.")
public final class SweepCommand implements Callable<Integer> {
    @Mixin
    ExperimentFileArguments experiment;

    @Mixin
    WorkerPoolOptions pool;

    @Mixin
    LauncherOptions launcher;

    @Mixin
    ServeOption serve;

    @Option(names = "--no-progress", description = "No live status line (it is shown only on an interactive terminal anyway)")
    boolean noProgress;

    @Option(names = "--warm-start", paramLabel = "SWEEP_ID",
            description = "Hand the finished trials of an earlier sweep to the strategy as history (repeatable; "
                    + "adds to warm_start: in the file); trials outside this search space are listed and left out")
    List<String> warmStart = new ArrayList<>();

    @Mixin
    SimulationOptions simulation;

    @Mixin
    HomeOptions homeOptions;

    @Override
    public Integer call() {
        try (Workbench workbench = new Workbench(homeOptions)) {
            ExperimentDocument document = ExperimentDocument.read(experiment.file(), experiment.overrides());
            SweepDefinition definition = SweepDefinition.validate(document, new ExperimentValidator(workbench.plugins()));
            var sweep = definition.sweep();
            definition = warmStart(workbench, definition);
            int useful = (int) Math.min(Integer.MAX_VALUE, (long) sweep.configurationBudget() * sweep.repeats());
            List<String> workerArgs = launcher.workerArgs(simulation.workerArgs());
            boolean slurm = launcher.slurm(false);
            SlurmBatch.Settings slurmSettings = null;
            int slurmTasks = 0;
            WorkerPlan plan = null;
            if (slurm) {
                slurmSettings = pool.slurmSettings(launcher);
                slurmTasks = pool.slurmTasks(sweep.parallelism(), useful);
                if (launcher.dryRun) {
                    System.out.print(SlurmLauncher.dryRunScript(null, workbench.home(), slurmTasks, slurmSettings,
                            launcher.workerArgs(List.of())));
                    return ExitCodes.OK;
                }
                SlurmLauncher.checkDetach(workbench, launcher.detach);
                if (!SlurmBatch.available()) {
                    throw new WorkbenchException(ErrorCode.UNAVAILABLE, "--launcher slurm needs Slurm's client commands (sbatch, "
                            + "squeue, scancel) on the PATH; none found. Run it on a login node of the cluster, or see the "
                            + "script with --dry-run.");
                }
            } else {
                plan = WorkerPlan.choose(pool.devices(), pool.workers(), pool.threads(), sweep.parallelism(), useful, Runtime.getRuntime().availableProcessors());
            }
            String metric = sweep.objective().metric();
            if (!java.util.Set.of("loss", "accuracy", "val_loss", "val_accuracy").contains(metric)) {
                System.err.println("warning: the objective metric '" + metric + "' is not one the workbench records itself "
                        + "(loss, accuracy, val_loss, val_accuracy); unless a callback records it, trials will have no objective.");
            }
            String id = workbench.sweeps().createSweep(definition.newSweep(slurm ? slurmTasks : plan.devices().size()));
            System.out.println(id);
            System.out.println("Sweep " + id + " of " + definition.base().name() + ": strategy " + sweep.strategy().label()
                    + ", " + budget(sweep) + ", objective " + sweep.objective().direction().label() + " "
                    + sweep.objective().metric() + " (" + sweep.objective().over().label() + " epoch)"
                    + (sweep.repeats() > 1 ? ", " + sweep.repeats() + " seeds per configuration" : "") + ".");
            try (org.cnnworkbench.web.WebServer dashboard = serve.startIfAsked(workbench)) {
                if (slurm) {
                    return launcher.exitCode(SlurmLauncher.run(workbench, id, definition.plan(), slurmTasks, slurmSettings,
                            launcher.detach, !noProgress && System.console() != null, workerArgs, launcher.heartbeat()));
                }
                return launcher.exitCode(LocalLauncher.run(workbench, id, definition.plan(), plan, !noProgress && System.console() != null,
                        workerArgs, launcher.heartbeat()));
            }
        }
    }

    /** The earlier sweeps' trials that fit, as the strategy's history; says which were left out and why. */
    private SweepDefinition warmStart(Workbench workbench, SweepDefinition definition) {
        List<String> ids = new ArrayList<>(definition.sweep().warmStart());
        for (String id : warmStart) {
            if (!id.matches("s[0-9]+")) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--warm-start takes the id of an earlier sweep such as s3, "
                        + "found '" + id + "'");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return definition;
        }
        WarmStart.Result result = WarmStart.collect(workbench.sweeps(), ids, definition.sweep());
        System.err.println("Warm start: " + result.used().size() + " finished trial" + (result.used().size() == 1 ? "" : "s")
                + " of " + String.join(", ", ids) + " as the strategy's history" + (result.leftOut().isEmpty() ? "."
                : "; left out (they do not fit this sweep):"));
        for (WarmStart.LeftOut out : result.leftOut()) {
            System.err.println("  " + (out.trial() == null ? out.sweep() : out.trial() + " of " + out.sweep()) + ": " + out.reason());
        }
        return definition.withWarmStart(result.used());
    }

    private static String budget(org.cnnworkbench.sweep.SweepSpec sweep) {
        List<String> parts = new ArrayList<>();
        if (sweep.configurationBudget() < Integer.MAX_VALUE) {
            parts.add(sweep.configurationBudget() + " configurations");
        }
        if (sweep.maxMinutes() != null) {
            parts.add("at most " + sweep.maxMinutes() + " min");
        }
        return String.join(", ", parts);
    }
}
