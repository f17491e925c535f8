package org.cnnworkbench.api;

import java.util.List;

/**
 * What a {@link TrainingCallback}'s listener may do to the trial it hears. Valid only during the
 * call it was passed to; the engine applies requests in listener order after the call returns
 * (a stop takes effect once the epoch's listeners have all run).
 */
public interface TrainingControl {

    /** The epoch just finished (1-based), or 0 before the first. */
    int epoch();

    /** The epoch budget from the file. */
    int maxEpochs();

    /** The metrics of every finished epoch so far, oldest first. */
    List<EpochMetrics> history();

    /** Stops training after this epoch; {@code reason} is recorded with the run. */
    void stop(String reason);

    /** The learning rate in force. */
    double learningRate();

    /** Sets the learning rate for the next epochs (recorded as {@code lr}). */
    void setLearningRate(double learningRate);

    /** Keeps a copy of the current weights under {@code name} (e.g. "best"), replacing an older one. */
    void snapshotWeights(String name);

    /** Restores the weights kept under {@code name}; returns false when there is no such snapshot. */
    boolean restoreWeights(String name);

    /** Saves the model now as an artifact of the run under {@code fileName} (no folders). */
    void saveModel(String fileName);

    /** Adds a metric of the callback's own to this epoch's record (key in snake_case). */
    void recordMetric(String key, double value);

    /** Records a value about the whole run (e.g. {@code stopped_epoch}) in the run's summary. */
    void recordSummary(String key, Object value);

    /** Writes a line to the run's log and the user's terminal. */
    void log(String message);
}
