package org.cnnworkbench.app.cli.sweep;

import java.util.Map;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.SweepIdParameter;
import org.cnnworkbench.app.cli.JsonOption;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.store.SweepState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code workbench pause SWEEP_ID}: no new claims; running trials stop at their next batch and go back
 * to the queue with their checkpoints; the workers (local processes and Slurm jobs alike) leave; the
 * {@code sweep} command watching it ends with exit 0. {@code workbench resume SWEEP_ID} continues it.
 */
@Command(name = "pause", mixinStandardHelpOptions = true,
        header = "Pause a sweep: its running trials go back to the queue at their next batch, its workers leave; "
                + "./workbench resume SWEEP_ID continues it.")
public final class PauseCommand extends HomeCommand {
    @Mixin
    SweepIdParameter sweep;

    @Mixin
    JsonOption json;

    @Override
    protected void checkArguments() {
        sweep.checkForm("pause");
    }

    @Override
    protected int run(Workbench workbench) {
        String id = sweep.id();
        var detail = sweep.find(workbench);
        SweepState state = detail.summary().state();
        if (state.isFinished()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "sweep " + id + " has already " + (state == SweepState.COMPLETED
                    ? "completed" : "ended (" + state.label() + ")") + "; only a queued or running sweep can be paused");
        }
        boolean already = state == SweepState.PAUSED;
        if (!already) {
            workbench.sweeps().setSweepState(id, SweepState.PAUSED, "paused by the user");
        }
        String message = already ? "Sweep " + id + " is already paused. Resume it with ./workbench resume " + id
                : "Paused " + id + ": no new trials start; running trials stop at their next batch and go back to the queue "
                + "with their checkpoints, and its workers leave. Resume it with ./workbench resume " + id;
        if (json.on()) {
            json.print(Map.of("id", id, "status", SweepState.PAUSED.label(), "was", state.label(), "message", message));
        } else {
            System.out.println(message);
        }
        return ExitCodes.OK;
    }
}
