package org.cnnworkbench.app.cli.web;

import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.json.PluginJson;
import org.cnnworkbench.web.WebServer;
import org.cnnworkbench.web.WebSources;
import picocli.CommandLine.Option;
import org.cnnworkbench.app.home.Workbench;

/** Where the dashboard listens: for {@code serve}, and for {@code run --serve} / {@code sweep --serve}. */
public final class WebOptions {
    /** Environment variable with the dashboard's access token (an explicit --token wins). */
    public static final String TOKEN_ENV = "WORKBENCH_TOKEN";

    @Option(names = "--port", defaultValue = "7070", paramLabel = "PORT",
            description = "Dashboard port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"--host", "--bind"}, defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Interface to listen on, e.g. 0.0.0.0 (default ${DEFAULT-VALUE}: this machine only); any other "
                    + "needs a token. --bind is the same option")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Access token, required beyond the loopback interface (default: $" + TOKEN_ENV + " when set, "
                    + "which keeps it out of ps; else a generated one beyond the loopback interface)")
    String token;

    /** Starts the dashboard on the workbench's store and prints where it is. */
    public WebServer start(Workbench workbench) {
        return start(workbench, bind, port, token, null);
    }

    /** As {@link #start(Workbench)}, with what the dashboard may launch and control. */
    public WebServer start(Workbench workbench, org.cnnworkbench.web.Launches launches) {
        return start(workbench, bind, port, token, launches);
    }

    /** Starts the dashboard on the workbench's store and prints its address on standard error. */
    public static WebServer start(Workbench workbench, String bind, int port, String token) {
        return start(workbench, bind, port, token, null);
    }

    /** As {@link #start(Workbench, String, int, String)}; {@code launches} null: a dashboard that launches nothing. */
    public static WebServer start(Workbench workbench, String bind, int port, String token, org.cnnworkbench.web.Launches launches) {
        if (port < 0 || port > 65535) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--port must be 0..65535, found " + port);
        }
        boolean loopback = bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
        String fromEnv = System.getenv(TOKEN_ENV);
        String given = token != null ? token : fromEnv != null && !fromEnv.isBlank() ? fromEnv.strip() : null;
        String t = given != null ? given : loopback ? null : java.util.UUID.randomUUID().toString().replace("-", "");
        WebSources sources = new WebSources(workbench.store(), new H2RunQueries(workbench.database()), workbench.sweeps(),
                () -> PluginJson.of(workbench.plugins()), workbench.home(), workbench.curation());
        WebServer server;
        try {
            server = WebServer.start(sources, bind, port, t, launches);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e.getCause() instanceof java.net.BindException || why.contains("Failed to bind") || why.contains("Address already in use")) {
                throw new WorkbenchException(ErrorCode.UNAVAILABLE, "cannot listen on " + bind + ":" + port
                        + " (in use?); choose another --port, or --port 0 for any free one", e);
            }
            throw e;
        }
        System.err.println("Dashboard: " + server.url() + (t == null ? "" : "?token=" + t));
        return server;
    }
}
