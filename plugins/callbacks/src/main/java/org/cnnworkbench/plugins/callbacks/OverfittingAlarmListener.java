package org.cnnworkbench.plugins.callbacks;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.TrainingControl;

/**
 * One trial's overfitting watch: the losses of every epoch with a {@code val_loss}, the lowest of
 * them, where early stopping would have stopped, and the onset once found. A resumed trial replays
 * the history first (without logging or stopping again).
 */
final class OverfittingAlarmListener implements EpochListener {
    static final String GAP_LOSS = "gap_loss";
    static final String GAP_ACCURACY = "gap_accuracy";
    static final String ONSET_EPOCH = "overfitting_onset_epoch";
    static final String BEST_EPOCH = "best_epoch";
    static final String GAP_AT_BEST = "gap_at_best";
    static final String EARLY_STOP_EPOCH = "early_stop_epoch_would_be";
    private static final String ID = "overfitting-alarm";

    /** One epoch's losses; {@code loss} is NaN when the epoch did not record it. */
    private record Point(int epoch, double loss, double valLoss) {
    }

    private final int patience;
    private final boolean stop;
    private final MissingMetric missing =
            new MissingMetric(ID, "neither the gap nor the onset of overfitting can be computed without it");
    private final List<Point> points = new ArrayList<>();

    private Point best;
    private int earlyStopEpoch;
    private int onsetEpoch;

    OverfittingAlarmListener(int patience, boolean stop) {
        this.patience = patience;
        this.stop = stop;
    }

    @Override
    public void onTrainStart(TrainingControl control) {
        for (EpochMetrics earlier : control.history()) {
            earlier.get(MetricKeys.VAL_LOSS).ifPresent(
                    valLoss -> observe(earlier.epoch(), earlier.get(MetricKeys.LOSS).orElse(Double.NaN), valLoss));
        }
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics, TrainingControl control) {
        OptionalDouble loss = metrics.get(MetricKeys.LOSS);
        OptionalDouble valLoss = missing.read(MetricKeys.VAL_LOSS, metrics, control);
        OptionalDouble accuracy = metrics.get(MetricKeys.ACCURACY);
        OptionalDouble valAccuracy = metrics.get(MetricKeys.VAL_ACCURACY);
        if (loss.isPresent() && valLoss.isPresent()) {
            control.recordMetric(GAP_LOSS, valLoss.getAsDouble() - loss.getAsDouble());
        }
        if (accuracy.isPresent() && valAccuracy.isPresent()) {
            control.recordMetric(GAP_ACCURACY, accuracy.getAsDouble() - valAccuracy.getAsDouble());
        }
        if (valLoss.isEmpty()) {
            return;
        }
        boolean onsetNow = observe(metrics.epoch(), loss.orElse(Double.NaN), valLoss.getAsDouble());
        recordSummary(control);
        if (onsetNow) {
            control.log(ID + ": " + rise() + "; overfitting set in after epoch " + onsetEpoch + " (lowest val_loss "
                    + Format.value(lowestUpTo(onsetEpoch).valLoss()) + ")" + (stop ? "; stopping" : ""));
            if (stop) {
                control.stop("overfitting: val_loss rose for " + epochs(patience) + " in a row while loss fell"
                        + " (lowest val_loss " + Format.value(lowestUpTo(onsetEpoch).valLoss()) + " at epoch "
                        + onsetEpoch + ")");
            }
        }
    }

    /** Takes one epoch's losses; returns whether this epoch revealed the onset of overfitting. */
    private boolean observe(int epoch, double loss, double valLoss) {
        Point point = new Point(epoch, loss, valLoss);
        points.add(point);
        if (best == null ? !Double.isNaN(valLoss) : valLoss < best.valLoss()) {
            best = point;
        }
        if (earlyStopEpoch == 0 && best != null && epoch - best.epoch() >= patience) {
            earlyStopEpoch = epoch;
        }
        if (onsetEpoch == 0 && risingWhileTrainingFalls()) {
            onsetEpoch = lowestUpTo(points.get(points.size() - 1 - patience).epoch()).epoch();
            return true;
        }
        return false;
    }

    /** Whether the last {@code patience} epochs each raised val_loss and lowered loss, epoch after epoch. */
    private boolean risingWhileTrainingFalls() {
        int n = points.size();
        if (n <= patience) {
            return false;
        }
        for (int k = n - patience; k < n; k++) {
            Point before = points.get(k - 1);
            Point now = points.get(k);
            if (now.epoch() != before.epoch() + 1 || !(now.valLoss() > before.valLoss()) || !(now.loss() < before.loss())) {
                return false;
            }
        }
        return true;
    }

    /** The point with the lowest val_loss among epochs up to {@code epoch} (the earliest of equals). */
    private Point lowestUpTo(int epoch) {
        Point lowest = null;
        for (Point p : points) {
            if (p.epoch() <= epoch && (lowest == null || p.valLoss() < lowest.valLoss() || Double.isNaN(lowest.valLoss()))) {
                lowest = p;
            }
        }
        return lowest;
    }

    private void recordSummary(TrainingControl control) {
        if (best == null) {
            return;
        }
        control.recordSummary(BEST_EPOCH, best.epoch());
        if (!Double.isNaN(best.loss())) {
            control.recordSummary(GAP_AT_BEST, best.valLoss() - best.loss());
        }
        control.recordSummary(EARLY_STOP_EPOCH, earlyStopEpoch > 0 ? earlyStopEpoch : best.epoch() + patience);
        if (onsetEpoch > 0) {
            control.recordSummary(ONSET_EPOCH, onsetEpoch);
        }
    }

    /** "val_loss rose for 2 epochs in a row (0.4100 -> 0.4500 -> 0.5200) while loss fell (0.3000 -> ...)". */
    private String rise() {
        List<Point> last = points.subList(points.size() - 1 - patience, points.size());
        return "val_loss rose for " + epochs(patience) + " in a row ("
                + last.stream().map(p -> Format.value(p.valLoss())).collect(Collectors.joining(" -> "))
                + ") while loss fell (" + last.stream().map(p -> Format.value(p.loss())).collect(Collectors.joining(" -> "))
                + ")";
    }

    private static String epochs(int n) {
        return n == 1 ? "1 epoch" : n + " epochs";
    }
}
