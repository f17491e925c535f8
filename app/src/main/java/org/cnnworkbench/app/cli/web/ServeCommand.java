package org.cnnworkbench.app.cli.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Option;
import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.home.HomeOptions;
import org.cnnworkbench.app.cli.StopSignal;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench serve}: the dashboard on the home's database until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Start the web dashboard (runs, sweeps, compare, predict, plugins; live) until Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    WebOptions web;

    @Mixin
    HomeOptions homeOptions;

    @Option(names = "--experiments", paramLabel = "DIR", defaultValue = "experiments",
            description = "Folder of experiment files the New page lists; pasted text's relative paths resolve "
                    + "against it (default ${DEFAULT-VALUE})")
    Path experiments;

    @Option(names = "--launcher", paramLabel = "local|slurm", defaultValue = "local",
            description = "Where sweeps launched from the dashboard run: worker processes here (local, the default) or a "
                    + "Slurm job array (slurm)")
    String launcher;

    @Override
    public Integer call() throws InterruptedException {
        if (!launcher.equals("local") && !launcher.equals("slurm")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--launcher is local or slurm, found '" + launcher + "'");
        }
        if (Files.exists(experiments) && !Files.isDirectory(experiments)) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--experiments " + experiments + " is a file; give the "
                    + "folder of experiment files");
        }
        try (StopSignal stop = new StopSignal("serve-stop");
             Workbench workbench = new Workbench(homeOptions);
             DatabaseServer ignored = workbench.serveHomeDatabase();
             WebServer server = web.start(workbench, new DashboardLaunches(workbench, experiments,
                     launcher.equals("slurm"), homeOptions.arguments()))) {
            System.out.println(server.url());
            System.out.flush();
            stop.await();
        }
        return ExitCodes.OK;
    }
}
