package org.cnnworkbench.engine.store;

import java.util.Map;

/**
 * Storage of runs and their per-epoch metrics (its reads are {@link RunReads}'s), and control of
 * running ones ({@link RunControl}: heartbeats of runs outside sweeps, cancelling). Implementations
 * are safe for use from several threads; every method is one transaction.
 */
public interface RunStore extends RunReads, RunControl, AutoCloseable {

    /** Records a new run in status {@code running}, started now, and returns its id ({@code r<n>}). */
    String startRun(NewRun run);

    /**
     * Records a new run as {@link #startRun(NewRun)} does, held by {@code owner} (the process that trains it,
     * e.g. {@code run-4242@host}) as attempt 1, with a lease that lasts {@link Lease#expiresAt} of now and
     * {@code heartbeat}; the owner keeps it with {@link #heartbeatRun(Lease, java.time.Duration)} and writes
     * through {@link #writer(Lease)}.
     */
    Lease startRun(NewRun run, String owner, java.time.Duration heartbeat);

    /**
     * Takes over the running run {@code runId} outside sweeps (to resume it) for {@code owner}, as the next
     * attempt, with a lease as {@link #startRun(NewRun, String, java.time.Duration)} gives: in one
     * transaction, with the run's row locked, so of two processes that try at the same moment one gets the
     * lease and the other finds it held. Whatever still holds the older lease can write nothing more.
     *
     * @throws LeaseHeldException       while the run's lease has not expired (its process is alive)
     * @throws IllegalStateException    when the run has ended, or is a sweep's trial
     * @throws IllegalArgumentException when there is no such run
     */
    Lease takeOver(String runId, String owner, java.time.Duration heartbeat);

    /**
     * Fills in the description of a run whose row already exists (a sweep's trial, created when it
     * was sampled, or a run being resumed): its resolved configuration, overrides, seed,
     * provenance and source file. The run must not have ended.
     */
    void describeRun(String runId, NewRun run);

    /**
     * Records one finished epoch's metrics in one transaction, and updates the run's epoch count and
     * best validation accuracy. Recording the same (run, epoch) twice is refused
     * ({@link IllegalStateException}), so no epoch is ever counted twice.
     */
    void recordEpoch(String runId, int epoch, Map<String, Double> metrics);

    /** Records the run's end. */
    void finishRun(String runId, RunOutcome outcome);

    /** Records a file the run produced. */
    void addArtifact(String runId, Artifact artifact);

    /**
     * The writes of run {@code runId} without a lease: for the process that started the run (or
     * resumes it) and is its only writer.
     */
    TrialWriter writer(String runId);

    /**
     * The writes of the trial {@code lease} names, fenced by the lease: each one, in its own
     * transaction, first checks with the trial's row locked that the trial is still running under
     * this owner and attempt, and otherwise changes nothing and throws {@link LeaseLostException}.
     * A write that fails for a transient reason ({@link TransientFailures}) is tried again for a bounded
     * time; recording an epoch that is already recorded with the same values under this lease (a retry
     * whose first try committed but whose answer was lost) is a success that changes nothing.
     */
    TrialWriter writer(Lease lease);

    /** Sets a tag of the run (a key, with a value or none), replacing the key's earlier value. */
    void tag(String runId, String key, String value);

    /** Removes a tag of the run; false when it had none with that key. */
    boolean untag(String runId, String key);

    @Override
    void close();

    /**
     * Appends per-batch points of a running run in one transaction (a block of points at a time, never one
     * transaction per batch); a point whose (key, step) is already recorded is ignored. Ignored by default
     * (a store without per-batch curves).
     */
    default void recordBatches(String runId, java.util.List<BatchPoint> points) {
    }
}
