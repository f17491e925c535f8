package org.cnnworkbench.api;

/**
 * The per-trial state of a {@link TrainingCallback}. The engine calls it on the trial's thread:
 * {@link #onTrainStart} once, {@link #onEpochEnd} after each epoch's metrics (including
 * validation) are computed, and {@link #onTrainEnd} once, also after a stop. The epoch is
 * recorded once every listener has heard it, with the metrics listeners added, in one
 * transaction; the {@code metrics} passed must not be changed (they are immutable).
 */
public interface EpochListener {

    default void onTrainStart(TrainingControl control) {
    }

    void onEpochEnd(EpochMetrics metrics, TrainingControl control);

    default void onTrainEnd(TrainingControl control) {
    }
}
