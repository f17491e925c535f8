package org.cnnworkbench.plugins.callbacks;

import java.util.OptionalDouble;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.TrainingControl;

/**
 * One trial's early stopping: the best value so far, its epoch, and the epochs waited since the
 * last improvement that counted (Keras' {@code wait}). A trial that resumes replays the recorded
 * history first, so a restart does not reset patience.
 */
final class EarlyStoppingListener implements EpochListener {
    static final String SNAPSHOT = "best";
    static final String STOPPED_EPOCH = "stopped_epoch";
    static final String BEST_EPOCH = "best_epoch";
    private static final String ID = "early-stopping";

    private final Monitor monitor;
    private final int patience;
    private final boolean restoreBestWeights;
    private final Double baseline;
    private final int startFromEpoch;
    private final MissingMetric missing = new MissingMetric(ID, "early stopping does nothing while it is missing");

    private double best;
    private int bestEpoch;
    private int firstWatched;
    private int waited;
    private double last = Double.NaN;
    private boolean stopped;

    EarlyStoppingListener(Monitor monitor, int patience, boolean restoreBestWeights, Double baseline, int startFromEpoch) {
        this.monitor = monitor;
        this.patience = patience;
        this.restoreBestWeights = restoreBestWeights;
        this.baseline = baseline;
        this.startFromEpoch = startFromEpoch;
        this.best = monitor.worst();
    }

    @Override
    public void onTrainStart(TrainingControl control) {
        for (EpochMetrics earlier : control.history()) {
            monitor.valueIn(earlier).ifPresent(value -> {
                if (earlier.epoch() > startFromEpoch) {
                    observe(earlier.epoch(), value);
                }
            });
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, TrainingControl control) {
        OptionalDouble value = missing.read(monitor.metric(), metrics, control);
        if (value.isEmpty() || metrics.epoch() <= startFromEpoch) {
            return;
        }
        if (observe(metrics.epoch(), value.getAsDouble()) && restoreBestWeights) {
            control.snapshotWeights(SNAPSHOT);
        }
        // Keras: an epoch that resets the wait never stops, nor does the first watched epoch.
        if (waited > 0 && waited >= patience && metrics.epoch() > firstWatched && !stopped) {
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
            control.log(ID + ": restored the weights of epoch " + bestEpoch + ", the best " + monitor.metric() + " ("
                    + Format.value(best) + "), in place of those of epoch " + control.epoch());
        } else {
            control.log(ID + ": could not restore the weights of epoch " + bestEpoch
                    + ": no snapshot of them was kept (the trial resumed after that epoch); keeping epoch "
                    + control.epoch() + "'s");
        }
    }

    /** Takes one watched epoch's value, as Keras does; returns whether it improves on the best. */
    private boolean observe(int epoch, double value) {
        if (firstWatched == 0) {
            firstWatched = epoch;
        }
        last = value;
        waited++;
        boolean improves = monitor.improves(value, best);
        if (improves) {
            best = value;
            bestEpoch = epoch;
            if (baseline == null || monitor.improves(value, baseline)) {
                waited = 0;
            }
        }
        return improves;
    }

    private String stopReason() {
        String epochs = waited == 1 ? "1 epoch" : waited + " epochs";
        String since = bestEpoch > 0 ? "best " + Format.value(best) + " at epoch " + bestEpoch
                : "no usable value yet, last " + Format.value(last);
        if (baseline != null && !(bestEpoch > 0 && monitor.improves(best, baseline))) {
            return monitor.metric() + " did not get past the baseline " + Format.plain(baseline) + " in " + epochs
                    + " (" + since + ")";
        }
        return monitor.metric() + " " + monitor.noImprovement() + " for " + epochs + " (" + since + ")";
    }
}
