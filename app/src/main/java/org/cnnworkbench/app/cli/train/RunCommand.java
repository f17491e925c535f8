package org.cnnworkbench.app.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.app.cli.ExperimentFileArguments;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.run.RunResult;
import org.cnnworkbench.engine.run.TrialInterruptedException;
import org.cnnworkbench.engine.run.TrialRunner;
import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.text.ProgressView;
import org.cnnworkbench.app.text.Reports;
import org.cnnworkbench.app.cli.web.ServeOption;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.app.cli.sweep.LauncherOptions;
import org.cnnworkbench.app.launch.DatabaseWait;
import org.cnnworkbench.engine.store.Lease;

/** {@code workbench run FILE}: train once, recording every epoch. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Train an experiment file once, recording every epoch.")
public final class RunCommand extends HomeCommand {
    @Mixin
    ExperimentFileArguments experiment;

    @Mixin
    ServeOption serve;

    @Option(names = "--no-progress", description = "No progress bars (they are shown only on an interactive terminal anyway)")
    boolean noProgress;

    @Option(names = "--heartbeat-seconds", paramLabel = "S", defaultValue = "2",
            description = "Seconds between the run's heartbeats; it counts as interrupted (resumable) after "
                    + Lease.HEARTBEATS_PER_LEASE + " intervals without one (default ${DEFAULT-VALUE})")
    double heartbeatSeconds;

    @Override
    protected void checkArguments() {
        // No arguments to check before the home opens (the file is validated in the home, with its
        // plugins); ND4J's native libraries start loading here, while the plugins, the file and the
        // database are read.
        org.cnnworkbench.engine.nd4j.Backend.preload();
        LauncherOptions.heartbeat(heartbeatSeconds);
    }

    @Override
    protected Workbench open() {
        return super.open().databaseWait(DatabaseWait.configuredBound());
    }

    @Override
    protected int run(Workbench workbench) {
        ExperimentSpec spec = new ExperimentValidator(workbench.plugins()).validate(experiment.file(), experiment.overrides());
        if (spec.hasSweep()) {
            // On standard error: the run id stays the first line of standard output.
            System.err.println("note: " + experiment.file() + " has a sweep: section; this runs its base experiment once "
                    + "(`workbench sweep " + experiment.file() + "` runs the sweep).");
        }
        ProgressView view = new ProgressView(System.out, System.err, !noProgress && System.console() != null);
        RunResult result;
        try (DatabaseServer ignored = workbench.serveHomeDatabase(); RunHooks hooks = new RunHooks(workbench.store(),
                LauncherOptions.heartbeat(heartbeatSeconds), DatabaseWait.configuredBound());
             org.cnnworkbench.web.WebServer dashboard = serve.startIfAsked(workbench)) {
            result = new TrialRunner(workbench.store(), workbench.home(), view).run(spec, hooks, Lease.processOwner(), LauncherOptions.heartbeat(heartbeatSeconds));
        } catch (TrialInterruptedException e) {
            System.out.println();
            System.out.println("Run " + e.runId() + " " + (e.interruption().requeue() ? "interrupted" : "stopped: "
                    + e.interruption().reason()) + "; its recorded epochs are kept."
                    + (e.interruption().requeue() ? " Continue it from its last checkpoint: ./workbench resume " + e.runId() : ""));
            return ExitCodes.FAILURE;
        }
        printResult(result);
        return ExitCodes.OK;
    }

    static void printResult(RunResult result) {
        if (result.stopReason() != null) {
            System.out.println("Stopped early: " + result.stopReason());
        }
        if (result.testAccuracy() != null) {
            System.out.printf("Test accuracy %.4f, test loss %.4f%n%n", result.testAccuracy(), result.testLoss());
            var tree = Json.MAPPER.valueToTree(result.report());
            System.out.print(Reports.classificationReport(tree));
        } else {
            System.out.println("No test data: the run has no test accuracy.");
        }
        System.out.println();
        System.out.println("Model saved to " + result.modelPath());
        System.out.println("Details: ./workbench show " + result.runId());
    }
}
