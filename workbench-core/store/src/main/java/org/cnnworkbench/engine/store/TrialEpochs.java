package org.cnnworkbench.engine.store;

import java.util.List;
import org.cnnworkbench.api.EpochMetrics;

/** A trial's recorded epochs, as pruners see the other trials of a sweep. */
public record TrialEpochs(String id, int number, RunStatus status, List<EpochMetrics> epochs) {
    public TrialEpochs {
        epochs = List.copyOf(epochs);
    }
}
