package org.cnnworkbench.app.cli;

import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.store.RunDetail;
import picocli.CommandLine.Parameters;

/**
 * The one positional parameter of the commands that read a run ({@code show}, {@code logs}):
 * {@code @Mixin RunIdParameter run;}. A bare number names the run with that number (12 is r12).
 */
public final class RunIdParameter {
    @Parameters(paramLabel = "RUN_ID", description = "A run id, e.g. r12 (or 12)")
    String id;

    /** The run id as the store knows it: r12 for 12. */
    public String id() {
        return normalize(id);
    }

    /** {@code id} as the store knows it: r12 for a bare 12, anything else as given. */
    public static String normalize(String id) {
        return id.matches("[0-9]+") ? "r" + id : id;
    }

    /** The run, or a not-found error naming the home. */
    public RunDetail find(Workbench workbench) {
        return workbench.store().findRun(id()).orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND,
                "no run '" + id() + "' in " + workbench.home() + ". List the runs with ./workbench runs"));
    }
}
