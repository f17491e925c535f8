package org.cnnworkbench.engine.run;

/** A recorded run failed while training; its stack trace is stored with the run. */
public class TrialFailedException extends RuntimeException {
    private final String runId;

    public TrialFailedException(String runId, Throwable cause) {
        super("run " + runId + " failed: " + cause, cause);
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
