package org.cnnworkbench.app.home;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.db.DatabaseInUseException;
import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.store.SweepStore;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.plugin.PluginCatalog;
import org.cnnworkbench.engine.store.RunStore;
import org.cnnworkbench.engine.store.TransientFailures;

/**
 * One command's view of a workbench home: its store and its plugins, opened on first use and
 * closed when the command ends. The only place where the engine, the store and the plugins are
 * wired together.
 */
public final class Workbench implements AutoCloseable {
    /** System property the launcher sets to the distribution's built-in plugin folder. */
    public static final String BUILTIN_PLUGINS_PROPERTY = "workbench.builtin.plugins";

    private final HomeOptions options;
    private H2Database database;
    private RunStore store;
    private SweepStore sweeps;
    private org.cnnworkbench.engine.store.RunCuration curation;
    private PluginCatalog plugins;
    private java.time.Duration databaseWait = TransientFailures.DEFAULT_BOUND;

    public Workbench(HomeOptions options) {
        this.options = options;
    }

    /**
     * How long the run store retries a trial's write (an epoch, an end, an artifact) that failed for a transient
     * reason (a restarted {@code db serve}, a broken connection) before it fails: the command's
     * {@code --db-wait-seconds}. Set before the first {@link #store()}; returns this workbench.
     */
    public Workbench databaseWait(java.time.Duration bound) {
        if (store != null) {
            throw new IllegalStateException("the run store is open already; set the database wait before using it");
        }
        this.databaseWait = bound;
        return this;
    }

    public Path home() {
        return options.home();
    }

    /** The run store, opening (and if needed creating) the database. */
    public RunStore store() {
        if (store == null) {
            store = new H2RunStore(database(), java.time.Clock.systemUTC(), databaseWait);
        }
        return store;
    }

    /** The sweep store, on the same database. */
    public SweepStore sweeps() {
        if (sweeps == null) {
            sweeps = new H2SweepStore(database());
        }
        return sweeps;
    }

    /** Notes and trash of runs and sweeps, on the same database. */
    public org.cnnworkbench.engine.store.RunCuration curation() {
        if (curation == null) {
            curation = new org.cnnworkbench.db.H2RunCuration(database());
        }
        return curation;
    }

    /** The home's database files and credentials. */
    public HomeDatabase homeDatabase() {
        return new HomeDatabase(home());
    }

    /** Whether this command uses the home's own database file (not a --db server). */
    public boolean usesHomeDatabase() {
        return options.dbUrl() == null;
    }

    /**
     * The open database: the one --db names (credentials from WORKBENCH_DB_USER and
     * WORKBENCH_DB_PASSWORD, or the home's credentials file), else the home's, through the process serving it if one is alive.
     */
    public H2Database database() {
        if (database == null) {
            String url = options.dbUrl();
            try {
                if (url == null) {
                    Files.createDirectories(home());
                    database = homeDatabase().open();
                } else {
                    database = H2Database.open(url, System.getenv().getOrDefault("WORKBENCH_DB_USER", HomeDatabase.USER),
                            serverPassword());
                }
            } catch (DatabaseInUseException e) {
                throw new WorkbenchException(ErrorCode.UNAVAILABLE, e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--db: " + e.getMessage(), e);
            } catch (java.io.IOException e) {
                throw new WorkbenchException(ErrorCode.UNAVAILABLE, "cannot create the workbench home " + home() + ": " + e.getMessage(), e);
            }
        }
        return database;
    }

    /**
     * The password for a --db server: WORKBENCH_DB_PASSWORD, else the one in the home's credentials
     * file (mode 600) when the home is the served one, shared with the nodes; else empty.
     */
    public String serverPassword() {
        String env = System.getenv("WORKBENCH_DB_PASSWORD");
        if (env != null) {
            return env;
        }
        Path credentials = home().resolve("db").resolve("credentials");
        return Files.isRegularFile(credentials) ? homeDatabase().password() : "";
    }

    /**
     * While this command holds the home's database file, serves it over TCP on the loopback
     * interface so that other commands (runs, show, cancel, the web UI) work meanwhile; {@code null}
     * (nothing to close) when the database is a server already.
     */
    public DatabaseServer serveHomeDatabase() {
        if (!usesHomeDatabase() || database().url().startsWith("jdbc:h2:tcp:")) {
            return null;
        }
        return DatabaseServer.serve(homeDatabase(), 0, false);
    }

    /** The loaded plugins: built-ins, the home's plugins folder, and any --plugins folders. */
    public PluginCatalog plugins() {
        if (plugins == null) {
            List<Path> userDirs = new ArrayList<>();
            userDirs.add(home().resolve("plugins"));
            userDirs.addAll(options.pluginDirs);
            plugins = PluginCatalog.load(builtInPluginDir(), userDirs);
            plugins.problems().forEach(p -> System.err.println("warning: " + p));
        }
        return plugins;
    }

    public static Path builtInPluginDir() {
        String dir = System.getProperty(BUILTIN_PLUGINS_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("the built-in plugin folder is not set (-D" + BUILTIN_PLUGINS_PROPERTY
                    + "); start the workbench with its launcher script");
        }
        return Path.of(dir);
    }

    /** Closes what was opened; idempotent. */
    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
        }
        sweeps = null;
        if (database != null) {
            database.close();
            database = null;
        }
        if (plugins != null) {
            plugins.close();
            plugins = null;
        }
    }
}
