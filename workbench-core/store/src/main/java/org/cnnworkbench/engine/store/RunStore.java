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
    default TrialWriter writer(String runId) {
        java.util.Objects.requireNonNull(runId, "runId");
        RunStore store = this;
        return new TrialWriter() {
            @Override
            public String runId() {
                return runId;
            }

            @Override
            public void describe(NewRun run) {
                store.describeRun(runId, run);
            }

            @Override
            public void recordEpoch(int epoch, Map<String, Double> metrics) {
                store.recordEpoch(runId, epoch, metrics);
            }

            @Override
            public void recordBatches(java.util.List<BatchPoint> points) {
                store.recordBatches(runId, points);
            }

            @Override
            public void finish(RunOutcome outcome) {
                store.finishRun(runId, outcome);
            }

            @Override
            public void addArtifact(Artifact artifact) {
                store.addArtifact(runId, artifact);
            }
        };
    }

    /**
     * The writes of the trial {@code lease} names, fenced by the lease: each one, in its own
     * transaction, first checks with the trial's row locked that the trial is still running under
     * this owner and attempt, and otherwise changes nothing and throws {@link LeaseLostException}.
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
