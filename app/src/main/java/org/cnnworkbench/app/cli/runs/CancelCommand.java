package org.cnnworkbench.app.cli.runs;

import java.util.List;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.store.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.RunOrSweepIdParameter;
import org.cnnworkbench.app.launch.slurm.SlurmBatch;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench cancel ID}: stop a sweep (all its trials) or one run. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        header = "Cancel a sweep (sN: its queued and running trials, and its Slurm jobs) or one run or trial (rN).")
public final class CancelCommand extends HomeCommand {
    @Mixin
    RunOrSweepIdParameter target;

    @Override
    protected void checkArguments() {
        target.checkForm();
    }

    @Override
    protected int run(Workbench workbench) {
        String id = target.id();
        boolean sweep = target.isSweep();
        if (sweep ? workbench.sweeps().findSweep(id).isEmpty() : workbench.store().findRun(id).isEmpty()) {
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "no " + (sweep ? "sweep" : "run") + " with id '" + id + "' in "
                    + workbench.home() + " (ids look like s3 or r12; see ./workbench sweeps and ./workbench runs)");
        }
        if (workbench.store().cancel(id, "cancelled by the user")) {
            System.out.println("Cancelled " + id + (sweep ? " and its queued and running trials" : "")
                    + "; running trials stop at their next batch.");
        } else {
            System.out.println(id + " had already ended; nothing to cancel.");
        }
        return sweep ? cancelJobs(workbench, id) : ExitCodes.OK;
    }

    /** The sweep's Slurm jobs are cancelled too (their workers have nothing left to do). */
    private int cancelJobs(Workbench workbench, String id) {
        List<String> jobs = workbench.sweeps().jobs(id).stream().filter(j -> j.launcher().equals("slurm"))
                .map(SweepJob::jobId).toList();
        if (jobs.isEmpty()) {
            return ExitCodes.OK;
        }
        if (!SlurmBatch.available()) {
            System.err.println("warning: scancel is not on the PATH here; cancel the sweep's Slurm jobs where it is: scancel "
                    + String.join(" ", jobs));
            return ExitCodes.OK;
        }
        SlurmBatch.Result result = SlurmBatch.cancel(jobs);
        if (result.code() == 0) {
            System.out.println("scancel " + String.join(" ", jobs) + ": done.");
        } else {
            System.err.println("warning: scancel " + String.join(" ", jobs) + " failed (exit code " + result.code() + "): "
                    + result.output().strip());
        }
        return ExitCodes.OK;
    }
}
