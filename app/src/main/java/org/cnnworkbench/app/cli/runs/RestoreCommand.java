package org.cnnworkbench.app.cli.runs;

import java.util.List;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.engine.store.RunCuration;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code workbench restore ID...}: brings runs or sweeps (with their trials) back from the trash. */
@Command(name = "restore", mixinStandardHelpOptions = true, header = "Bring runs or sweeps back from the trash.")
public final class RestoreCommand extends HomeCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "Runs (r12, or 12) or sweeps (s3)")
    List<String> ids;

    @Override
    protected void checkArguments() {
        ids.replaceAll(id -> id.matches("\\d+") ? "r" + id : id);
        for (String id : ids) {
            if (!id.matches("[rs]\\d{1,18}")) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "'" + id + "' is not a run id (r12) or a sweep id (s3)");
            }
        }
    }

    @Override
    protected int run(Workbench workbench) {
        RunCuration curation = workbench.curation();
        for (String id : ids) {
            List<String> back;
            try {
                back = curation.restore(id);
            } catch (IllegalStateException e) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new WorkbenchException(ErrorCode.NOT_FOUND, e.getMessage() + " in " + workbench.home()
                        + " (a run removed by gc is gone for good)");
            }
            System.out.println(back.isEmpty() && id.startsWith("r") ? id + " was not in the trash."
                    : "Restored " + id + (id.startsWith("s") ? " with " + back.size() + " trial" + (back.size() == 1 ? "" : "s") : "") + ".");
        }
        return ExitCodes.OK;
    }
}
