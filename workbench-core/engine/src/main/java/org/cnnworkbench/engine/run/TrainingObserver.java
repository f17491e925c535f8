package org.cnnworkbench.engine.run;

import org.cnnworkbench.api.EpochMetrics;

/**
 * Hears a trial's progress, on the trial's thread, for display (the CLI's progress bars). It must
 * return quickly: {@link #batchFinished} runs inside the training loop.
 */
public interface TrainingObserver {

    /** A line for the user (a callback's log, a warning). */
    default void message(String line) {
    }

    /** The run is recorded and about to train. */
    default void started(String runId, ModelSummary summary, int trainSamples, int validationSamples, int testSamples) {
    }

    default void epochStarted(int epoch, int epochs, int batches) {
    }

    /** After each batch: its 1-based index and the epoch's mean loss so far. */
    default void batchFinished(int batch, double meanLoss) {
    }

    default void epochFinished(EpochMetrics metrics) {
    }

    TrainingObserver SILENT = new TrainingObserver() {
    };
}
