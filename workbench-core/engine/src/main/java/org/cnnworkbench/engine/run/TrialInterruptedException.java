package org.cnnworkbench.engine.run;

/**
 * A trial stopped in the middle because it was asked to from outside ({@link TrialHooks#interruption()}).
 * Nothing about its end is recorded by the runner: a cancelled trial was marked by whoever
 * cancelled it; a trial to re-queue is put back by its worker and resumes from its last checkpoint.
 */
public class TrialInterruptedException extends RuntimeException {
    private final String runId;
    private final TrialHooks.Interruption interruption;

    public TrialInterruptedException(String runId, TrialHooks.Interruption interruption) {
        super("run " + runId + " stopped: " + interruption.reason());
        this.runId = runId;
        this.interruption = interruption;
    }

    public String runId() {
        return runId;
    }

    public TrialHooks.Interruption interruption() {
        return interruption;
    }
}
