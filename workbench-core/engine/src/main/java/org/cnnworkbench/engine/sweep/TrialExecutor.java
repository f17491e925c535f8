package org.cnnworkbench.engine.sweep;

import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.TrialWriter;

/** Runs one claimed trial to its end (recording it), for a {@link SweepWorker}. */
public interface TrialExecutor {
    /**
     * Trains (or simulates) the trial; records its description, epochs and end through {@code writer},
     * which is bound to the worker's lease on the trial.
     *
     * @return the status it ended in
     * @throws org.cnnworkbench.engine.run.TrialInterruptedException when {@code hooks} asked it to stop
     * @throws org.cnnworkbench.engine.run.TrialFailedException      when it failed (already recorded)
     * @throws org.cnnworkbench.engine.store.LeaseLostException      when the trial was given to another owner
     *                                                               (nothing more was recorded)
     */
    RunStatus execute(ClaimedTrial trial, TrialWriter writer, ExperimentSpec spec, TrialHooks hooks);
}
