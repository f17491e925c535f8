package org.cnnworkbench.engine.store;

import java.util.Map;

/**
 * The writes of one running trial, bound to it by {@link RunStore#writer(String)} (a run outside
 * sweeps, written by the process that started it) or {@link RunStore#writer(Lease)} (a claimed
 * trial: every write is refused with {@link LeaseLostException}, changing nothing, once the lease is
 * no longer the trial's). Each method is one transaction, with the same rules as the
 * {@link RunStore} method of the same name.
 */
public interface TrialWriter {

    /** The trial's (run's) id. */
    String runId();

    /** See {@link RunStore#describeRun}. */
    void describe(NewRun run);

    /** See {@link RunStore#recordEpoch}. */
    void recordEpoch(int epoch, Map<String, Double> metrics);

    /** See {@link RunStore#recordBatches}: a block of per-batch points in one transaction. */
    void recordBatches(java.util.List<BatchPoint> points);

    /** See {@link RunStore#finishRun}. */
    void finish(RunOutcome outcome);

    /** See {@link RunStore#addArtifact}. */
    void addArtifact(Artifact artifact);
}
