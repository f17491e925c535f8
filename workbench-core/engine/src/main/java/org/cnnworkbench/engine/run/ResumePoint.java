package org.cnnworkbench.engine.run;

import java.util.List;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.network.Network;

/**
 * Where a trial's training starts: a new run from epoch 1; a run with recorded epochs (a resumed
 * run, a sweep trial given back to the queue) from the checkpoint of its last recorded epoch, its
 * callbacks first seeing the recorded epochs again. Without that checkpoint it trains again from
 * the start, and the epochs recorded before are kept, not written twice.
 *
 * @param network  the network to train: the prepared one, or the one restored from the checkpoint
 * @param recorded how many epochs the run had recorded
 * @param replayed the recorded epochs training continues after (empty when it starts at epoch 1)
 */
record ResumePoint(Network network, int recorded, List<EpochMetrics> replayed) {

    static ResumePoint find(String runId, Network prepared, List<EpochMetrics> recorded, Checkpoints checkpoints,
                            TrainingObserver observer) {
        int done = recorded.size();
        if (done == 0) {
            return new ResumePoint(prepared, 0, List.of());
        }
        var restored = checkpoints.restore(done);
        if (restored.isPresent()) {
            observer.message("Resuming run " + runId + " after epoch " + done + " from its checkpoint.");
            return new ResumePoint(restored.get(), done, recorded);
        }
        observer.message("Run " + runId + " has " + done + " recorded epochs but no checkpoint of epoch " + done
                + "; training again from the start (recorded epochs are kept, not written twice).");
        return new ResumePoint(prepared, done, List.of());
    }

    /** The first epoch to train. */
    int firstEpoch() {
        return replayed.size() + 1;
    }

    /** Whether {@code epoch} is new to the record (not recorded before the run was resumed). */
    boolean isNew(int epoch) {
        return epoch > recorded;
    }
}
