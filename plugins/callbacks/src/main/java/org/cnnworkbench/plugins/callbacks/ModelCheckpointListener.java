package org.cnnworkbench.plugins.callbacks;

import java.util.OptionalDouble;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.TrainingControl;

/**
 * One trial's checkpoints: the best monitored value among the epochs looked at, and the saved
 * checkpoint that holds it. A resumed trial replays the history to recover the best without saving.
 */
final class ModelCheckpointListener implements EpochListener {
    static final String BEST_CHECKPOINT_EPOCH = "best_checkpoint_epoch";
    static final String BEST_CHECKPOINT = "best_checkpoint";
    private static final String ID = "model-checkpoint";

    private final Monitor monitor;
    private final boolean bestOnly;
    private final int everyNEpochs;
    private final CheckpointFileName fileName;
    private final MissingMetric missing;

    private double best;

    ModelCheckpointListener(Monitor monitor, boolean bestOnly, int everyNEpochs, CheckpointFileName fileName) {
        this.monitor = monitor;
        this.bestOnly = bestOnly;
        this.everyNEpochs = everyNEpochs;
        this.fileName = fileName;
        this.best = monitor.worst();
        this.missing = new MissingMetric(ID, bestOnly ? "no checkpoint is saved while it is missing"
                : "checkpoints are saved but none is marked best");
    }

    @Override
    public void onTrainStart(TrainingControl control) {
        for (EpochMetrics earlier : control.history()) {
            if (lookedAt(earlier.epoch())) {
                monitor.valueIn(earlier).ifPresent(value -> {
                    if (monitor.improves(value, best)) {
                        best = value;
                    }
                });
            }
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, TrainingControl control) {
        if (!lookedAt(metrics.epoch())) {
            return;
        }
        OptionalDouble value = missing.read(monitor.metric(), metrics, control);
        boolean improves = value.isPresent() && monitor.improves(value.getAsDouble(), best);
        if (bestOnly && !improves) {
            return;
        }
        String name = fileName.forEpoch(metrics.epoch());
        control.saveModel(name);
        if (!improves) {
            if (!fileName.perEpoch()) {
                // The one file now holds this epoch: it is the only checkpoint there is.
                recordBest(metrics.epoch(), name, control);
            }
            return;
        }
        if (bestOnly) {
            control.log(ID + ": " + monitor.metric() + " improved " + (Double.isInfinite(best) ? "" : "from "
                    + Format.value(best) + " ") + "to " + Format.value(value.getAsDouble()) + " at epoch "
                    + metrics.epoch() + "; saved " + name);
        }
        best = value.getAsDouble();
        recordBest(metrics.epoch(), name, control);
    }

    private static void recordBest(int epoch, String name, TrainingControl control) {
        control.recordSummary(BEST_CHECKPOINT_EPOCH, epoch);
        control.recordSummary(BEST_CHECKPOINT, name);
    }

    private boolean lookedAt(int epoch) {
        return epoch % everyNEpochs == 0;
    }
}
