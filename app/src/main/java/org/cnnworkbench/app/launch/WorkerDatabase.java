package org.cnnworkbench.app.launch;

import java.util.Map;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;

/**
 * The database a sweep's workers connect to and the credentials they use: an H2 server already running
 * (--db, or the home's served database), else the home's own database served by this process while the
 * sweep runs. Closing it stops that server.
 *
 * @param url      the JDBC URL the workers connect to
 * @param user     the user they connect as
 * @param password that user's password (left out of {@link #toString})
 * @param server   the server this process started for the sweep, or {@code null} when the database was served already
 */
public record WorkerDatabase(String url, String user, String password, DatabaseServer server) implements AutoCloseable {

    /**
     * @param everyInterface serve the home's database on every interface (workers on other machines), else on loopback
     * @param why            why the database must be shared, for the error about an embedded --db
     */
    public static WorkerDatabase open(Workbench workbench, boolean everyInterface, String why) {
        String user;
        String password;
        if (workbench.usesHomeDatabase()) {
            user = HomeDatabase.USER;
            password = workbench.homeDatabase().password();
        } else {
            user = System.getenv().getOrDefault("WORKBENCH_DB_USER", HomeDatabase.USER);
            password = workbench.serverPassword();
        }
        String url = workbench.database().url();
        if (served(url)) {
            return new WorkerDatabase(url, user, password, null);
        }
        if (!workbench.usesHomeDatabase()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--db " + url + ": " + why + ", so the database must be "
                    + "the home's own (leave out --db) or an H2 server (jdbc:h2:tcp://HOST:PORT/...)");
        }
        DatabaseServer server = DatabaseServer.serve(workbench.homeDatabase(), 0, everyInterface);
        return new WorkerDatabase(server.url(), user, password, server);
    }

    /** Whether {@code url} names an H2 server (which other processes can reach), not an embedded file. */
    public static boolean served(String url) {
        return url.startsWith("jdbc:h2:tcp:");
    }

    /** The variables a worker finds its database and home in: credentials travel here, never on a command line ps shows. */
    public Map<String, String> environment(Workbench workbench) {
        return Map.of("WORKBENCH_DB", url, "WORKBENCH_DB_USER", user, "WORKBENCH_DB_PASSWORD", password,
                "WORKBENCH_HOME", workbench.home().toString());
    }

    /** The URL and user, never the password. */
    @Override
    public String toString() {
        return "WorkerDatabase[" + url + " as " + user + "]";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
