package org.cnnworkbench.plugins.callbacks;

import java.util.List;
import java.util.OptionalDouble;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.TrainingControl;

/**
 * One trial's plateau watch, step for step as Keras' {@code ReduceLROnPlateau.on_epoch_end}: the
 * best value, the epochs waited and the cooldown left. A resumed trial replays the history (with
 * the rates recorded there) to recover them, without changing the rate.
 */
final class ReduceLrOnPlateauListener implements EpochListener {
    static final String LR_REDUCTIONS = "lr_reductions";
    private static final String ID = "reduce-lr-on-plateau";

    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minLr;
    private final MissingMetric missing = new MissingMetric(ID, "the learning rate is not changed while it is missing");

    private double best;
    private int bestEpoch;
    private int waited;
    private int cooldownLeft;
    private int reductions;

    ReduceLrOnPlateauListener(Monitor monitor, double factor, int patience, int cooldown, double minLr) {
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.best = monitor.worst();
    }

    @Override
    public void onTrainStart(TrainingControl control) {
        List<EpochMetrics> history = control.history();
        for (int i = 0; i < history.size(); i++) {
            EpochMetrics earlier = history.get(i);
            // The rate in force when the epoch ended is the one the next epoch ran with.
            double rateThen = i + 1 < history.size() ? history.get(i + 1).get(MetricKeys.LR).orElse(Double.NaN)
                    : control.learningRate();
            monitor.valueIn(earlier).ifPresent(value -> {
                if (step(earlier.epoch(), value, rateThen)) {
                    reduced();
                }
            });
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, TrainingControl control) {
        OptionalDouble value = missing.read(monitor.metric(), metrics, control);
        if (value.isEmpty()) {
            return;
        }
        double rate = control.learningRate();
        if (!step(metrics.epoch(), value.getAsDouble(), rate)) {
            return;
        }
        int stale = waited;
        reduced();
        double newRate = Math.max(rate * factor, minLr);
        control.setLearningRate(newRate);
        control.recordSummary(LR_REDUCTIONS, reductions);
        control.log(ID + ": " + monitor.metric() + " " + monitor.noImprovement() + " for "
                + (stale == 1 ? "1 epoch" : stale + " epochs") + " ("
                + (bestEpoch > 0 ? "best " + Format.value(best) + " at epoch " + bestEpoch : "no usable value yet")
                + "); learning rate " + Format.plain(rate) + " -> " + Format.plain(newRate)
                + " from epoch " + (metrics.epoch() + 1));
    }

    /** Keras' step: takes one epoch's value; returns whether the rate (now {@code rate}) is to be reduced. */
    private boolean step(int epoch, double value, double rate) {
        if (cooldownLeft > 0) {
            cooldownLeft--;
            waited = 0;
        }
        if (monitor.improves(value, best)) {
            best = value;
            bestEpoch = epoch;
            waited = 0;
            return false;
        }
        if (cooldownLeft > 0) {
            return false;
        }
        waited++;
        return waited >= patience && rate > minLr;
    }

    private void reduced() {
        reductions++;
        cooldownLeft = cooldown;
        waited = 0;
    }
}
