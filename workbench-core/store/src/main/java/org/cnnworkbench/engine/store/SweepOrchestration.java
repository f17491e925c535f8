package org.cnnworkbench.engine.store;

/**
 * What the process that runs a sweep (the orchestrator: {@code workbench sweep}, {@code resume}, a
 * Slurm launcher) needs: it creates the sweep, records its scheduler jobs, supervises its workers
 * (releasing the trials of dead or silent ones), sets its state and completes it.
 */
public interface SweepOrchestration {

    /** Records a new sweep in state {@code running} and returns its id ({@code s<n>}). */
    String createSweep(NewSweep sweep);

    /**
     * Puts the trials {@code workerId} holds back in the queue (its process died or was told to stop),
     * or marks them failed once they have had {@code maxAttempts} attempts. Returns how many it touched.
     */
    int releaseWorkerTrials(String workerId, String reason, int maxAttempts);

    /**
     * Re-queues (or fails, past {@code maxAttempts}) running trials of the sweep whose lease has expired
     * (see {@link SweepWorkers#heartbeat(String, String, java.time.Duration)}: the expiry follows each
     * worker's own heartbeat interval); a trial with no expiry yet (claimed, first heartbeat not arrived)
     * counts as expired once its claim is older than {@code staleMillis}. A negative {@code staleMillis} re-queues every running trial without
     * counting the attempt: the caller owns the database, so no worker can still be running them.
     */
    int releaseStaleTrials(String sweepId, long staleMillis, int maxAttempts);

    /** Sets a sweep's state (and end time when finished), with a reason. */
    void setSweepState(String sweepId, SweepState state, String reason);

    /**
     * Gives a sweep a new budget ({@code ./workbench extend}): its stored definition and budget columns are
     * replaced. A running or queued sweep keeps its state (its workers read the new definition when the old
     * budget is spent); any other becomes {@code paused} with {@code reason} (not finished, no end time) until
     * workers are started for it.
     */
    void extendSweep(String sweepId, String specJson, Integer budgetTrials, Integer budgetMinutes, String reason);

    /** Marks the sweep completed if nothing is queued or running and no configuration is left to add. */
    boolean completeIfDone(String sweepId, SweepPlan plan);

    /** Records a scheduler job submitted to run workers of the sweep. */
    void recordJob(String sweepId, SweepJob job);
}
