package org.cnnworkbench.plugins.callbacks;

import java.util.OptionalDouble;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.TrainingControl;

/**
 * Reads the metric a callback needs from each epoch and, the first time it is missing, tells the
 * user what the callback does without it (typically: a {@code val_} metric of a dataset without a
 * validation part). One per listener: it remembers that it has warned.
 */
final class MissingMetric {
    private final String callbackId;
    private final String consequence;
    private boolean warned;

    /** {@code consequence} completes "epoch N has no X (...); ", e.g. "early stopping does nothing while it is missing". */
    MissingMetric(String callbackId, String consequence) {
        this.callbackId = callbackId;
        this.consequence = consequence;
    }

    /** The value of {@code metric} in this epoch; empty (after one warning in the run's log) when it is not there. */
    OptionalDouble read(String metric, EpochMetrics metrics, TrainingControl control) {
        OptionalDouble value = metrics.get(metric);
        if (value.isEmpty() && !warned) {
            warned = true;
            String hint = metric.startsWith("val_") ? "; give the dataset a validation part to monitor " + metric : "";
            control.log(callbackId + ": warning: epoch " + metrics.epoch() + " has no " + metric + " (it has "
                    + String.join(", ", metrics.values().keySet()) + "); " + consequence + hint);
        }
        return value;
    }
}
