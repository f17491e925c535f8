package org.cnnworkbench.app;

import org.cnnworkbench.db.StoreException;
import org.cnnworkbench.engine.Versions;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.run.TrialFailedException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.cnnworkbench.app.cli.train.AugmentPreviewCommand;
import org.cnnworkbench.app.cli.runs.CancelCommand;
import org.cnnworkbench.app.cli.train.CheckCommand;
import org.cnnworkbench.app.cli.tools.DatasetsCommand;
import org.cnnworkbench.app.cli.db.DbCommand;
import org.cnnworkbench.app.cli.tools.DoctorCommand;
import org.cnnworkbench.app.cli.runs.ExportCommand;
import org.cnnworkbench.app.cli.runs.LogsCommand;
import org.cnnworkbench.app.cli.plugins.NewPluginCommand;
import org.cnnworkbench.app.cli.plugins.PluginsCommand;
import org.cnnworkbench.app.cli.train.PredictCommand;
import org.cnnworkbench.app.cli.train.ResumeCommand;
import org.cnnworkbench.app.cli.train.RunCommand;
import org.cnnworkbench.app.cli.runs.RunsCommand;
import org.cnnworkbench.app.cli.web.ServeCommand;
import org.cnnworkbench.app.cli.runs.ShowCommand;
import org.cnnworkbench.app.cli.sweep.SweepCommand;
import org.cnnworkbench.app.cli.sweep.SweepStatusCommand;
import org.cnnworkbench.app.cli.sweep.PauseCommand;
import org.cnnworkbench.app.cli.sweep.ExtendCommand;
import org.cnnworkbench.app.cli.sweep.SweepsCommand;
import org.cnnworkbench.app.cli.runs.TagCommand;
import org.cnnworkbench.app.cli.runs.NoteCommand;
import org.cnnworkbench.app.cli.runs.DeleteCommand;
import org.cnnworkbench.app.cli.runs.RestoreCommand;
import org.cnnworkbench.app.cli.runs.GcCommand;
import org.cnnworkbench.app.cli.sweep.WorkerCommand;

/** The top-level {@code workbench} command. */
@Command(name = "workbench",
        header = "CNN Workbench: train and compare CNNs, every epoch recorded.",
        mixinStandardHelpOptions = true,
        versionProvider = WorkbenchCommand.VersionProvider.class,
        subcommands = {RunCommand.class, SweepCommand.class, RunsCommand.class, SweepsCommand.class, ShowCommand.class,
                SweepStatusCommand.class, PauseCommand.class, ExtendCommand.class, CancelCommand.class, ResumeCommand.class, LogsCommand.class, WorkerCommand.class, DbCommand.class, ServeCommand.class, ExportCommand.class, TagCommand.class, NoteCommand.class, DeleteCommand.class, RestoreCommand.class, GcCommand.class, DoctorCommand.class, PluginsCommand.class, CheckCommand.class, PredictCommand.class,
                NewPluginCommand.class, DatasetsCommand.class, AugmentPreviewCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "State (database, models, plugins) lives under --home, else $WORKBENCH_HOME, else ./.workbench.",
                "Exit codes: 0 success, 2 invalid input, 1 other failure."})
public final class WorkbenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new WorkbenchCommand());
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage()
                .header("Print a bash/zsh completion script: source <(./workbench generate-completion)");
        cl.setExecutionExceptionHandler(WorkbenchCommand::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
        if (e instanceof WorkbenchException w) {
            cl.getErr().println("error: " + w.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof StoreException s) {
            cl.getErr().println("error: " + s.getMessage());
            return ExitCodes.FAILURE;
        }
        if (e instanceof TrialFailedException f) {
            cl.getErr().println("error: " + f.getMessage());
            cl.getErr().println("The run is recorded as failed with its stack trace: ./workbench show " + f.runId());
            return ExitCodes.FAILURE;
        }
        cl.getErr().println("error: unexpected failure (a bug; please report it with this trace):");
        e.printStackTrace(cl.getErr());
        return ExitCodes.FAILURE;
    }

    /** Versions for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"CNN Workbench " + Versions.workbench(),
                    "DL4J " + Versions.dl4j() + ", PF4J " + Versions.pf4j() + ", Java " + System.getProperty("java.version")
                            + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")"};
        }
    }
}
