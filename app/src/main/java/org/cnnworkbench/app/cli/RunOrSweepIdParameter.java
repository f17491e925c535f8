package org.cnnworkbench.app.cli;

import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Parameters;

/**
 * The one positional parameter of the commands that act on a sweep or a run ({@code cancel},
 * {@code resume}): {@code @Mixin RunOrSweepIdParameter target;}, its form checked by {@link #checkForm}
 * before the home opens.
 */
public final class RunOrSweepIdParameter {
    @Parameters(paramLabel = "ID", description = "A sweep id (s3) or a run id (r12)")
    String id;

    public String id() {
        return id;
    }

    /** Whether the id names a sweep (s3) rather than a run (r12). */
    public boolean isSweep() {
        return id.startsWith("s");
    }

    /** Refuses (exit 2) an argument that is neither a sweep id nor a run id. */
    public void checkForm() {
        if (!id.matches("[sr][0-9]{1,18}")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "'" + id + "' is not a sweep id (s3) or a run id (r12)"
                    + " (see ./workbench sweeps and ./workbench runs)");
        }
    }
}
