package org.cnnworkbench.api;

import org.pf4j.ExtensionPoint;

/**
 * Hears a trial's training: start, each epoch end with that epoch's metrics, and the end. It may
 * stop training, change the learning rate, keep and restore weights, save a checkpoint or add
 * metrics through {@link TrainingControl}. The engine calls {@link #create} once per trial with
 * validated parameters; all per-trial state lives in the returned listener, never in the
 * extension (one extension instance serves every trial). Example:
 * <pre>{@code
 * public EpochListener create(Params p) {
 *     double floor = p.getDouble("min_lr");
 *     return (metrics, control) -> control.setLearningRate(Math.max(floor, control.learningRate() / 2));
 * }
 * }</pre>
 */
public interface TrainingCallback extends ExtensionPoint, Configurable {

    /** The listener for one trial. */
    EpochListener create(Params params);
}
