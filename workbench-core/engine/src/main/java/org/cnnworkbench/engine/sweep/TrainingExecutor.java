package org.cnnworkbench.engine.sweep;

import org.cnnworkbench.engine.run.TrainingObserver;
import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.run.TrialRunner;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunStore;
import org.cnnworkbench.engine.store.TrialWriter;

/** Trains a claimed trial with the {@link TrialRunner}: real DL4J training, resumed from its checkpoint. */
public final class TrainingExecutor implements TrialExecutor {
    private final TrialRunner runner;

    public TrainingExecutor(RunStore runs, java.nio.file.Path home, TrainingObserver observer) {
        this.runner = new TrialRunner(runs, home, observer);
    }

    @Override
    public RunStatus execute(ClaimedTrial trial, TrialWriter writer, ExperimentSpec spec, TrialHooks hooks) {
        return runner.execute(writer, spec, hooks).status();
    }
}
