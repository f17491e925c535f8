package org.cnnworkbench.app.cli.web;

import java.util.concurrent.Callable;
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

    @Override
    public Integer call() throws InterruptedException {
        try (StopSignal stop = new StopSignal("serve-stop");
             Workbench workbench = new Workbench(homeOptions);
             DatabaseServer ignored = workbench.serveHomeDatabase();
             WebServer server = web.start(workbench)) {
            System.out.println(server.url());
            System.out.flush();
            stop.await();
        }
        return ExitCodes.OK;
    }
}
