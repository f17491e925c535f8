package org.cnnworkbench.engine.run;

import java.util.Optional;
import org.cnnworkbench.api.EpochMetrics;

/**
 * How the one running a trial (the {@code run} command, a sweep's worker) steers it: a stop asked
 * from outside, checked between batches, and a pruning decision after each recorded epoch. Called
 * on the training thread; implementations answer quickly.
 */
public interface TrialHooks {
    /** No outside stops, no pruning. */
    TrialHooks NONE = new TrialHooks() {
    };

    /** The run is recorded as {@code runId} and about to train (called once, before the first epoch). */
    default void started(String runId) {
    }

    /**
     * The run is recorded and held by {@code lease} (started by this process, which keeps the lease with
     * heartbeats), about to train; called once instead of {@link #started(String)}, which it calls by default.
     */
    default void started(org.cnnworkbench.engine.store.Lease lease) {
        started(lease.runId());
    }

    /** A stop asked from outside (a cancel, a worker told to shut down), or {@code null} to go on. */
    default Interruption interruption() {
        return null;
    }

    /** After epoch {@code epoch} of {@code runId} was recorded: the reason to prune it, or empty to go on. */
    default Optional<String> prune(String runId, EpochMetrics epoch) {
        return Optional.empty();
    }

    /**
     * The cores the trial may use when whoever runs it knows more than the process's environment: a sweep's
     * trial that starts alone at the end of its sweep gets its idle workers' cores ({@code SweepWorker}). Empty
     * (the default): {@code training.replicas: auto} reads the cores from the environment. Asked once, when
     * the trial starts; a resumed trial keeps the replica count it started with whatever this says.
     */
    default java.util.OptionalInt cores() {
        return java.util.OptionalInt.empty();
    }

    /**
     * Why a trial stopped in the middle.
     *
     * @param requeue true when the trial should run again later (its worker is stopping); false when
     *                it was cancelled (already recorded as such by whoever cancelled it)
     */
    record Interruption(boolean requeue, String reason) {
    }
}
