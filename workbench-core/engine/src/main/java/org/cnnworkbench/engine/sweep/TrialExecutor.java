package org.cnnworkbench.engine.sweep;

import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.RunStatus;

/** Runs one claimed trial to its end (recording it), for a {@link SweepWorker}. */
public interface TrialExecutor {
    /**
     * Trains (or simulates) the trial; records its epochs and its end.
     *
     * @return the status it ended in
     * @throws org.cnnworkbench.engine.run.TrialInterruptedException when {@code hooks} asked it to stop
     * @throws org.cnnworkbench.engine.run.TrialFailedException      when it failed (already recorded)
     */
    RunStatus execute(ClaimedTrial trial, ExperimentSpec spec, TrialHooks hooks);
}
