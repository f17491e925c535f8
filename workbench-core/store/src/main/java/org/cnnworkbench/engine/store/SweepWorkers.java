package org.cnnworkbench.engine.store;

import java.util.List;
import java.util.Set;

/**
 * What a sweep's worker process needs: it registers, claims trials, keeps them alive, puts one back
 * when told to stop, reads the epochs its pruner compares, and ends. Every method is one
 * transaction (a claim may be a few), and each state change is conditional on the state it
 * expects, so two workers can never both hold a trial.
 */
public interface SweepWorkers {

    /**
     * Only the sweep's state, if it exists: what a worker polls while it trains (a pause), one row rather
     * than every trial as {@link SweepReads#findSweep} reads.
     */
    java.util.Optional<SweepState> state(String sweepId);

    /** Registers a worker process (or refreshes its row when it re-registers). */
    void registerWorker(WorkerInfo worker);

    /** Marks a worker as exited (or {@code lost} when it died); its running trials are not touched. */
    void workerEnded(String workerId, boolean lost);

    /**
     * Gives {@code workerId} a trial of the sweep: the first queued trial (a re-queued one resumes),
     * else a new configuration from {@code source} while the plan's budget lasts (configuration
     * numbers never repeat, and the strategy sees every result recorded before it samples).
     */
    default Claim claim(String sweepId, String workerId, SweepPlan plan, Configuration.Source source) {
        return claim(sweepId, workerId, plan, source, Lease.DEFAULT_HEARTBEAT);
    }

    /**
     * As {@link #claim(String, String, SweepPlan, Configuration.Source)}, for a worker that beats every
     * {@code heartbeat}: the claimed trial's lease expires {@link Lease#expiresAt} of the claim's time and
     * that interval, until the worker's first heartbeat renews it.
     */
    Claim claim(String sweepId, String workerId, SweepPlan plan, Configuration.Source source, java.time.Duration heartbeat);

    /**
     * Keeps the trial alive; says whether it is still this worker's to run. A {@code null}
     * {@code workerId} (a run outside sweeps) is answered as {@link RunControl#heartbeatRun} would,
     * for callers not yet moved to it.
     */
    default Heartbeat heartbeat(String trialId, String workerId) {
        return heartbeat(trialId, workerId, Lease.DEFAULT_HEARTBEAT);
    }

    /**
     * As {@link #heartbeat(String, String)}, from a worker that beats every {@code interval}: the
     * trial's lease is renewed until {@link Lease#expiresAt} of now and that interval, which is how
     * other processes judge the worker alive whatever its interval.
     */
    Heartbeat heartbeat(String trialId, String workerId, java.time.Duration interval);

    /**
     * Puts one running trial of {@code workerId} back in the queue when the worker is asked to stop; the
     * attempt is not counted against {@code max_attempts} (nothing failed).
     */
    boolean requeue(String trialId, String workerId, String reason);

    /**
     * Every trial's epochs up to {@code upToEpoch} for pruners, which compare a trial with the others
     * at the same epoch: trial {@code runId} with the metrics in {@code ownKeys}, the others with
     * those in {@code otherKeys} only. Trials without such epochs are left out, except {@code runId}.
     */
    List<TrialEpochs> sweepEpochs(String sweepId, String runId, Set<String> ownKeys, Set<String> otherKeys, int upToEpoch);
}
