package org.cnnworkbench.app.cli;

import java.util.concurrent.Callable;
import org.cnnworkbench.app.home.HomeOptions;
import org.cnnworkbench.app.home.Workbench;
import picocli.CommandLine.Mixin;

/**
 * A command that works in an open workbench home: it takes the home's options ({@code --home},
 * {@code --db}, {@code --plugins}), checks its own arguments before it touches the home (so that bad
 * input creates no home and opens no database), then opens the {@link Workbench}, runs, and closes it.
 * A subclass implements {@link #run(Workbench)} and, when it has arguments to check, overrides
 * {@link #checkArguments()}.
 */
public abstract class HomeCommand implements Callable<Integer> {
    @Mixin
    protected HomeOptions homeOptions;

    @Override
    public final Integer call() throws Exception {
        checkArguments();
        try (Workbench workbench = open()) {
            return run(workbench);
        }
    }

    /**
     * Checks the command's arguments and options before the home is opened; throws a
     * {@link org.cnnworkbench.engine.WorkbenchException} naming what is wrong. None by default.
     */
    protected void checkArguments() throws Exception {
    }

    /** Opens the home; a command whose writes wait out a database outage sets its wait here. */
    protected Workbench open() {
        return new Workbench(homeOptions);
    }

    /** The command's work in the open home; returns the exit code. */
    protected abstract int run(Workbench workbench) throws Exception;
}
