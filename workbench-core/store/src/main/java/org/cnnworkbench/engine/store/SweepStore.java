package org.cnnworkbench.engine.store;

import java.util.List;
import java.util.Optional;

/**
 * Storage of sweeps, their trials and the workers that run them. Shared by many processes through
 * one database; every method is one transaction, and each state change is conditional on the
 * state it expects, so two workers can never both hold a trial.
 */
public interface SweepStore {

    /** Records a new sweep in state {@code running} and returns its id ({@code s<n>}). */
    String createSweep(NewSweep sweep);

    /** Registers a worker process (or refreshes its row when it re-registers). */
    void registerWorker(WorkerInfo worker);

    /** Marks a worker as exited (or {@code lost} when it died); its running trials are not touched. */
    void workerEnded(String workerId, boolean lost);

    /**
     * Gives {@code workerId} a trial of the sweep: the first queued trial (a re-queued one resumes),
     * else a new configuration from {@code source} while the plan's budget lasts (configurations are
     * added one at a time, under the sweep's lock, so numbers never repeat and the strategy sees every
     * result recorded so far).
     */
    Claim claim(String sweepId, String workerId, SweepPlan plan, Configuration.Source source);

    /** Keeps the trial alive; says whether it is still this worker's to run. */
    Heartbeat heartbeat(String trialId, String workerId);

    /**
     * Puts the trials {@code workerId} holds back in the queue (its process died or was told to stop),
     * or marks them failed once they have had {@code maxAttempts} attempts. Returns how many it touched.
     */
    int releaseWorkerTrials(String workerId, String reason, int maxAttempts);

    /**
     * Re-queues (or fails, past {@code maxAttempts}) running trials of the sweep whose heartbeat is older
     * than {@code staleMillis}. A negative {@code staleMillis} re-queues every running trial without
     * counting the attempt: the caller owns the database, so no worker can still be running them.
     */
    int releaseStaleTrials(String sweepId, long staleMillis, int maxAttempts);

    /**
     * Puts one running trial of {@code workerId} back in the queue when the worker is asked to stop; the
     * attempt is not counted against {@code max_attempts} (nothing failed).
     */
    boolean requeue(String trialId, String workerId, String reason);

    /** Cancels a sweep (its queued and running trials too) or one trial; false if it had already ended. */
    boolean cancel(String id, String reason);

    /** Sets a sweep's state (and end time when finished), with a reason. */
    void setSweepState(String sweepId, SweepState state, String reason);

    /** Marks the sweep completed if nothing is queued or running and no configuration is left to add. */
    boolean completeIfDone(String sweepId, SweepPlan plan);

    /**
     * Every trial's epochs up to {@code upToEpoch} for pruners, which compare a trial with the others
     * at the same epoch: trial {@code runId} with the metrics in {@code ownKeys}, the others with
     * those in {@code otherKeys} only. Trials without such epochs are left out, except {@code runId}.
     */
    List<TrialEpochs> sweepEpochs(String sweepId, String runId, java.util.Set<String> ownKeys,
                                  java.util.Set<String> otherKeys, int upToEpoch);

    /** Records a scheduler job submitted to run workers of the sweep. */
    void recordJob(String sweepId, SweepJob job);

    /** The scheduler jobs submitted for the sweep, oldest first. */
    List<SweepJob> jobs(String sweepId);

    /** Sweeps, newest first. */
    List<SweepSummary> listSweeps(int limit);

    Optional<SweepDetail> findSweep(String sweepId);
}
