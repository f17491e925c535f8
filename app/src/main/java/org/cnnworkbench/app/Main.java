package org.cnnworkbench.app;

import org.cnnworkbench.engine.nd4j.Backend;
import picocli.CommandLine;

/** Entry point of the {@code workbench} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (used by tests too). */
    public static int execute(String... args) {
        Backend.prepare();
        return WorkbenchCommand.commandLine().execute(args);
    }
}
