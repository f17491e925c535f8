package org.cnnworkbench.plugins.callbacks;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalDouble;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.TrainingControl;

/**
 * One trial's early stopping: the best value so far, its epoch, and the epochs waited since.
 * A trial that resumes replays the recorded history first, so a restart does not reset patience.
 */
final class EarlyStoppingListener implements EpochListener {
    static final String SNAPSHOT = "best";
    static final String STOPPED_EPOCH = "stopped_epoch";
    static final String BEST_EPOCH = "best_epoch";
    private static final String PREFIX = "early-stopping: ";

    private final String monitor;
    private final boolean maximise;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;

    private double best;
    private int bestEpoch;
    private int waited;
    private double last = Double.NaN;
    private boolean stopped;
    private boolean warnedMissing;

    EarlyStoppingListener(String monitor, boolean maximise, int patience, double minDelta, boolean restoreBestWeights) {
        this.monitor = monitor;
        this.maximise = maximise;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restoreBestWeights;
        this.best = maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onTrainStart(TrainingControl control) {
        for (EpochMetrics earlier : control.history()) {
            earlier.get(monitor).ifPresent(value -> observe(earlier.epoch(), value));
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, TrainingControl control) {
        OptionalDouble value = metrics.get(monitor);
        if (value.isEmpty()) {
            warnMissingOnce(metrics, control);
            return;
        }
        if (observe(metrics.epoch(), value.getAsDouble())) {
            if (restoreBestWeights) {
                control.snapshotWeights(SNAPSHOT);
            }
        } else if (waited >= patience && !stopped) {
            stopped = true;
            control.stop(stopReason());
            control.recordSummary(STOPPED_EPOCH, metrics.epoch());
        }
    }

    @Override
    public void onTrainEnd(TrainingControl control) {
        if (bestEpoch == 0) {
            return;
        }
        control.recordSummary(BEST_EPOCH, bestEpoch);
        if (!restoreBestWeights || bestEpoch == control.epoch()) {
            return;
        }
        if (control.restoreWeights(SNAPSHOT)) {
            control.log(PREFIX + "restored the weights of epoch " + bestEpoch + ", the best " + monitor + " ("
                    + format(best) + "), in place of those of epoch " + control.epoch());
        } else {
            control.log(PREFIX + "could not restore the weights of epoch " + bestEpoch
                    + ": no snapshot of them was kept (the trial resumed after that epoch); keeping epoch "
                    + control.epoch() + "'s");
        }
    }

    /** Takes one epoch's value; returns whether it improves on the best. */
    private boolean observe(int epoch, double value) {
        last = value;
        boolean improves = maximise ? value - minDelta > best : value + minDelta < best;
        if (improves) {
            best = value;
            bestEpoch = epoch;
            waited = 0;
        } else {
            waited++;
        }
        return improves;
    }

    private String stopReason() {
        String by = minDelta > 0 ? " by more than " + BigDecimal.valueOf(minDelta).stripTrailingZeros().toPlainString()
                : "";
        String epochs = waited == 1 ? "1 epoch" : waited + " epochs";
        String since = bestEpoch > 0 ? "best " + format(best) + " at epoch " + bestEpoch
                : "no usable value yet, last " + format(last);
        return monitor + " did not improve" + by + " for " + epochs + " (" + since + ")";
    }

    private void warnMissingOnce(EpochMetrics metrics, TrainingControl control) {
        if (warnedMissing) {
            return;
        }
        warnedMissing = true;
        String hint = monitor.startsWith("val_") ? "; give the dataset a validation part to monitor " + monitor : "";
        control.log(PREFIX + "warning: epoch " + metrics.epoch() + " has no " + monitor + " (it has "
                + String.join(", ", metrics.values().keySet()) + "); early stopping does nothing while it is missing"
                + hint);
    }

    private static String format(double value) {
        boolean plain = value == 0 || Double.isNaN(value) || Double.isInfinite(value)
                || (Math.abs(value) >= 1e-3 && Math.abs(value) < 1e6);
        return String.format(Locale.ROOT, plain ? "%.4f" : "%.4g", value);
    }
}
