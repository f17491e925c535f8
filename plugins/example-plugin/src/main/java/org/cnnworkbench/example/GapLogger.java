package org.cnnworkbench.example;

import java.util.Locale;
import java.util.OptionalDouble;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.TrainingControl;

/**
 * One trial's {@link GapLoggerCallback}: the last gap and how many epochs in a row it has grown.
 * A trial that resumes replays its recorded history first, so a restart does not reset the count.
 */
final class GapLogger implements EpochListener {
    /** The metric this listener adds to every epoch that has both losses. */
    static final String METRIC = "train_val_gap";

    private final String callbackId;
    private final int patience;

    private double lastGap = Double.NaN;
    private int growing;
    private boolean warnedMissing;

    /** @param callbackId the callback's id, to prefix log lines with */
    GapLogger(String callbackId, int patience) {
        this.callbackId = callbackId;
        this.patience = patience;
    }

    @Override
    public void onTrainStart(TrainingControl control) {
        for (EpochMetrics earlier : control.history()) {
            gap(earlier).ifPresent(this::observe);
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, TrainingControl control) {
        OptionalDouble gap = gap(metrics);
        if (gap.isEmpty()) {
            warnMissingOnce(metrics, control);
            return;
        }
        double previous = lastGap;
        control.recordMetric(METRIC, gap.getAsDouble());
        if (observe(gap.getAsDouble()) && growing == patience) {
            control.log(String.format(Locale.ROOT, "%s: the train-validation gap has grown for %d epoch%s in a row"
                            + " (%.4f at epoch %d, up from %.4f); the model may be starting to overfit",
                    callbackId, growing, growing == 1 ? "" : "s", gap.getAsDouble(), metrics.epoch(), previous));
        }
    }

    /** Takes one epoch's gap; returns whether it grew. */
    private boolean observe(double gap) {
        boolean grew = !Double.isNaN(lastGap) && gap > lastGap;
        growing = grew ? growing + 1 : 0;
        lastGap = gap;
        return grew;
    }

    private static OptionalDouble gap(EpochMetrics metrics) {
        OptionalDouble loss = metrics.get(MetricKeys.LOSS);
        OptionalDouble valLoss = metrics.get(MetricKeys.VAL_LOSS);
        return loss.isPresent() && valLoss.isPresent()
                ? OptionalDouble.of(valLoss.getAsDouble() - loss.getAsDouble())
                : OptionalDouble.empty();
    }

    private void warnMissingOnce(EpochMetrics metrics, TrainingControl control) {
        if (!warnedMissing) {
            warnedMissing = true;
            control.log(callbackId + ": epoch " + metrics.epoch() + " has no " + MetricKeys.VAL_LOSS + ", so no "
                    + METRIC + " is recorded; give the dataset validation data to measure the gap");
        }
    }
}
