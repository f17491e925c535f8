package org.cnnworkbench.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;

/**
 * Computes a run's {@link OverfittingSummary} from its recorded epochs (any order; NaN and infinite
 * values are skipped for the quantity they would define). Pure and cheap: linear in the epochs.
 */
public final class OverfittingAnalysis {
    /** The default patience of the onset and of early stopping (Keras' examples use 2 to 5). */
    public static final int DEFAULT_PATIENCE = 2;

    private OverfittingAnalysis() {
    }

    public static OverfittingSummary of(List<EpochMetrics> epochs, int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, found " + patience);
        }
        List<EpochMetrics> sorted = new ArrayList<>(epochs);
        sorted.sort(Comparator.comparingInt(EpochMetrics::epoch));
        int lastEpoch = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).epoch();

        EpochMetrics best = null;
        String bestKey = sorted.stream().anyMatch(e -> finite(e, MetricKeys.VAL_LOSS)) ? MetricKeys.VAL_LOSS : MetricKeys.LOSS;
        for (EpochMetrics e : sorted) {
            if (finite(e, bestKey) && (best == null || value(e, bestKey) < value(best, bestKey))) {
                best = e;
            }
        }
        EpochMetrics lastLoss = null;
        EpochMetrics lastAccuracy = null;
        for (EpochMetrics e : sorted) {
            if (finite(e, MetricKeys.LOSS) && finite(e, MetricKeys.VAL_LOSS)) {
                lastLoss = e;
            }
            if (finite(e, MetricKeys.ACCURACY) && finite(e, MetricKeys.VAL_ACCURACY)) {
                lastAccuracy = e;
            }
        }
        return new OverfittingSummary(
                best == null ? null : best.epoch(),
                best == null ? null : orNull(best, MetricKeys.VAL_LOSS),
                best == null ? null : orNull(best, MetricKeys.VAL_ACCURACY),
                best == null ? null : gap(best, MetricKeys.VAL_LOSS, MetricKeys.LOSS),
                lastLoss == null ? null : gap(lastLoss, MetricKeys.VAL_LOSS, MetricKeys.LOSS),
                best == null ? null : gap(best, MetricKeys.ACCURACY, MetricKeys.VAL_ACCURACY),
                lastAccuracy == null ? null : gap(lastAccuracy, MetricKeys.ACCURACY, MetricKeys.VAL_ACCURACY),
                onset(sorted, patience),
                earlyStop(sorted, patience),
                lastEpoch, patience);
    }

    /** The first epoch after which val_loss rose {@code patience} times in a row while loss fell each time. */
    static Integer onset(List<EpochMetrics> sorted, int patience) {
        List<EpochMetrics> both = sorted.stream().filter(e -> finite(e, MetricKeys.LOSS) && finite(e, MetricKeys.VAL_LOSS)).toList();
        for (int i = 0; i + patience < both.size(); i++) {
            boolean overfits = true;
            for (int k = 1; k <= patience && overfits; k++) {
                EpochMetrics prev = both.get(i + k - 1);
                EpochMetrics cur = both.get(i + k);
                overfits = value(cur, MetricKeys.VAL_LOSS) > value(prev, MetricKeys.VAL_LOSS)
                        && value(cur, MetricKeys.LOSS) < value(prev, MetricKeys.LOSS);
            }
            if (overfits) {
                return both.get(i).epoch();
            }
        }
        return null;
    }

    /** Keras' EarlyStopping on val_loss (min_delta 0): the epoch at which {@code patience} epochs passed without improving. */
    static Integer earlyStop(List<EpochMetrics> sorted, int patience) {
        double best = Double.POSITIVE_INFINITY;
        int wait = 0;
        boolean seen = false;
        for (EpochMetrics e : sorted) {
            if (!finite(e, MetricKeys.VAL_LOSS)) {
                continue;
            }
            double v = value(e, MetricKeys.VAL_LOSS);
            if (!seen || v < best) {
                best = v;
                wait = 0;
                seen = true;
            } else if (++wait >= patience) {
                return e.epoch();
            }
        }
        return null;
    }

    private static Double gap(EpochMetrics e, String minuend, String subtrahend) {
        return finite(e, minuend) && finite(e, subtrahend) ? value(e, minuend) - value(e, subtrahend) : null;
    }

    private static Double orNull(EpochMetrics e, String key) {
        return finite(e, key) ? value(e, key) : null;
    }

    private static boolean finite(EpochMetrics e, String key) {
        Map<String, Double> v = e.values();
        Double x = v.get(key);
        return x != null && Double.isFinite(x);
    }

    private static double value(EpochMetrics e, String key) {
        return e.values().get(key);
    }
}
