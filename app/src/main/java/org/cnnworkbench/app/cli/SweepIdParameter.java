package org.cnnworkbench.app.cli;

import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.store.SweepDetail;
import picocli.CommandLine.Parameters;

/**
 * The one positional parameter of the commands that act on a sweep ({@code pause}, {@code extend},
 * {@code sweep-status}): {@code @Mixin SweepIdParameter sweep;}, then {@link #checkForm} before the
 * home opens and {@link #find} in it.
 */
public final class SweepIdParameter {
    @Parameters(paramLabel = "SWEEP_ID", description = "A sweep id, e.g. s3")
    String id;

    public String id() {
        return id;
    }

    /** Refuses (exit 2) an argument that is not a sweep id: {@code command} takes one such as s3. */
    public void checkForm(String command) {
        if (!id.matches("s[0-9]+")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "'" + id + "' is not a sweep id; " + command
                    + " takes a sweep id such as s3 (see ./workbench sweeps)");
        }
    }

    /** The sweep, or a not-found error naming the home. */
    public SweepDetail find(Workbench workbench) {
        return workbench.sweeps().findSweep(id).orElseThrow(() -> new WorkbenchException(ErrorCode.NOT_FOUND,
                "no sweep with id '" + id + "' in " + workbench.home() + " (see ./workbench sweeps)"));
    }
}
