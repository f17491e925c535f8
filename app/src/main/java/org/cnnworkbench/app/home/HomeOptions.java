package org.cnnworkbench.app.home;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the workbench keeps its state; shared by every command that touches it. */
public final class HomeOptions {
    @Option(names = "--home", paramLabel = "DIR",
            description = "Workbench home (database, models, plugins). Default: $WORKBENCH_HOME, else ./.workbench")
    public Path home;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database URL instead of the home's embedded H2 file. Default: $WORKBENCH_DB")
    String db;

    @Option(names = "--plugins", paramLabel = "DIR", description = "Another folder of plugin jars (repeatable)")
    List<Path> pluginDirs = new ArrayList<>();

    /** These options as command-line arguments, for a command that hands over to another ({@code extend} to {@code resume}). */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--home", home().toString()));
        if (db != null && !db.isBlank()) {
            args.addAll(List.of("--db", db));
        }
        pluginDirs.forEach(dir -> args.addAll(List.of("--plugins", dir.toString())));
        return args;
    }

    /** The home directory in force. */
    public Path home() {
        if (home != null) {
            return home.toAbsolutePath().normalize();
        }
        String env = System.getenv("WORKBENCH_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(".workbench").toAbsolutePath().normalize();
    }

    /** Whether the command uses the home's own database (no --db, no WORKBENCH_DB). */
    public boolean isHomeDatabase() {
        return dbUrl() == null;
    }

    /** The database URL given, or null for the home's embedded file. */
    public String dbUrl() {
        if (db != null && !db.isBlank()) {
            return db;
        }
        String env = System.getenv("WORKBENCH_DB");
        return env == null || env.isBlank() ? null : env;
    }
}
