package org.cnnworkbench.app.cli.db;

import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.StopSignal;
import org.cnnworkbench.app.home.Workbench;

/**
 * {@code workbench db serve}: serves the home's database over H2's TCP server until stopped, so
 * that commands on other machines (workers of a cluster, a dashboard) use it with
 * {@code --db jdbc:h2:tcp://HOST:PORT/workbench} and the home's credentials.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Serve the home's database over TCP until stopped (Ctrl-C); prints its URL and credentials once.")
public final class DbServeCommand extends HomeCommand {
    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "TCP port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "127.0.0.1 (default): this machine only. Any other value lets other machines connect (with the "
                    + "credentials); H2 then listens on every interface, and the URL printed names this host (or HOST "
                    + "when it is not 0.0.0.0)")
    String bind;

    @Override
    protected void checkArguments() {
        if (port < 0 || port > 65535) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--port must be 0..65535, found " + port);
        }
        if (!homeOptions.isHomeDatabase()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "db serve serves the home's own database; leave out --db");
        }
    }

    @Override
    protected int run(Workbench workbench) throws InterruptedException {
        boolean others = !bind.equals("127.0.0.1") && !bind.equals("localhost");
        if (workbench.database().url().startsWith("jdbc:h2:tcp:")) {
            throw new WorkbenchException(ErrorCode.UNAVAILABLE, "the database of " + workbench.home()
                    + " is already served by another process: " + workbench.database().url());
        }
        try (StopSignal stop = new StopSignal("db-serve-stop");
             DatabaseServer server = DatabaseServer.serve(workbench.homeDatabase(), port, others,
                     others && !bind.equals("0.0.0.0") ? bind : null)) {
            System.out.println("url: " + server.url());
            System.out.println("user: " + HomeDatabase.USER);
            System.out.println("password: " + workbench.homeDatabase().password());
            System.out.println("Other commands: --db " + server.url() + " with WORKBENCH_DB_USER and WORKBENCH_DB_PASSWORD "
                    + "set (or the credentials file " + workbench.home().resolve("db/credentials") + " copied, readable by "
                    + "you only). Stop with Ctrl-C.");
            System.out.flush();
            stop.await();
            // The server stops first, then the database closes, then the JVM may end.
            server.close();
            workbench.close();
        }
        return ExitCodes.OK;
    }
}
