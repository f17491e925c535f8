package org.cnnworkbench.app.cli.web;

import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.web.WebServer;
import picocli.CommandLine.Option;

/**
 * {@code --serve} and {@code --serve-port} of the commands that train ({@code run}, {@code sweep}):
 * the dashboard beside them, on this machine's loopback interface, for as long as they run.
 */
public final class ServeOption {
    @Option(names = "--serve", description = "Also start the dashboard while this command runs (see --serve-port)")
    boolean serve;

    @Option(names = "--serve-port", defaultValue = "7070", paramLabel = "PORT",
            description = "The dashboard's port with --serve, 0 for any free one (default ${DEFAULT-VALUE})")
    int port;

    /** The dashboard, started when {@code --serve} was given; null otherwise (a try-with-resources skips it). */
    public WebServer startIfAsked(Workbench workbench) {
        return serve ? WebOptions.start(workbench, "127.0.0.1", port, null) : null;
    }
}
