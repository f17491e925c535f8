package org.cnnworkbench.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cnnworkbench.app.home.HomeOptions;
import org.cnnworkbench.app.home.Workbench;
import picocli.CommandLine.Mixin;

/**
 * A command that works on the home's files and opens its database only when, and after, the files
 * are in order: installing and removing plugin jars, restoring a database backup. It takes the
 * home's options as a {@link HomeCommand} does; a subclass implements {@link #run(Path)} and calls
 * {@link #openHome()} when it needs the open home.
 */
public abstract class HomeFilesCommand implements Callable<Integer> {
    @Mixin
    protected HomeOptions homeOptions;

    @Override
    public final Integer call() throws IOException {
        return run(homeOptions.home());
    }

    /** Opens the home (its database and plugins); the caller closes it. */
    protected Workbench openHome() {
        return new Workbench(homeOptions);
    }

    /** The command's work on the home folder {@code home}; returns the exit code. */
    protected abstract int run(Path home) throws IOException;
}
