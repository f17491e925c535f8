package org.cnnworkbench.plugins.callbacks;

import java.util.List;
import java.util.OptionalDouble;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;

/**
 * Which metric a callback watches, which way is better, and by how much a value must beat another
 * to count as an improvement: Keras' {@code monitor}, {@code mode} and {@code min_delta}, shared by
 * early stopping, model checkpoint and reduce-LR-on-plateau. In mode {@code auto}, accuracy-like
 * metrics are maximised and the rest minimised ({@link MetricKeys#higherIsBetter}). Immutable.
 */
final class Monitor {
    static final String MONITOR = "monitor";
    static final String MODE = "mode";
    static final String MIN_DELTA = "min_delta";
    static final String PATIENCE = "patience";
    /** The metrics a {@code monitor} may name: the ones the engine records for every epoch that are worth watching. */
    static final List<String> METRICS =
            List.of(MetricKeys.LOSS, MetricKeys.ACCURACY, MetricKeys.VAL_LOSS, MetricKeys.VAL_ACCURACY);

    private final String metric;
    private final boolean maximise;
    private final double minDelta;

    Monitor(String metric, String mode, double minDelta) {
        this.metric = metric;
        this.maximise = switch (mode) {
            case "max" -> true;
            case "min" -> false;
            case "auto" -> MetricKeys.higherIsBetter(metric);
            default -> throw new IllegalArgumentException("mode is auto, min or max, found '" + mode + "'");
        };
        this.minDelta = Math.abs(minDelta);
    }

    /** The monitor the parameters {@link #MONITOR} and {@link #MODE} describe, with the given {@code min_delta}. */
    static Monitor of(Params params, double minDelta) {
        return new Monitor(params.getString(MONITOR), params.getString(MODE), minDelta);
    }

    /**
     * The monitor of the callbacks that declare {@code min_delta} ({@link #minDeltaParameter}) as
     * well as {@code monitor} and {@code mode}.
     */
    static Monitor withMinDelta(Params params) {
        return of(params, params.getDouble(MIN_DELTA));
    }

    /** The declaration of {@code min_delta}, the smallest change that counts. */
    static ParamSpec minDeltaParameter(double defaultValue) {
        return ParamSpec.number(MIN_DELTA, defaultValue, 0, Double.MAX_VALUE, "smallest change that counts as an improvement");
    }

    /** The declaration of {@code patience} (0 to 10,000 epochs), in the callback's words. */
    static ParamSpec patienceParameter(int defaultValue, String description) {
        return ParamSpec.integer(PATIENCE, defaultValue, 0, 10000, description);
    }

    /** The declaration of {@code monitor}, with the callback's default metric. */
    static ParamSpec monitorParameter(String defaultMetric) {
        return ParamSpec.choice(MONITOR, defaultMetric, METRICS, "the metric watched");
    }

    /** The declaration of {@code mode}. */
    static ParamSpec modeParameter() {
        return ParamSpec.choice(MODE, "auto", List.of("auto", "min", "max"),
                "whether the metric should fall (min) or rise (max); auto: rise for accuracies, fall otherwise");
    }

    String metric() {
        return metric;
    }

    double minDelta() {
        return minDelta;
    }

    /** A value every real value improves on: the starting point of a "best so far". */
    double worst() {
        return maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Whether {@code value} beats {@code reference} by more than {@code min_delta} in the right direction; NaN never does. */
    boolean improves(double value, double reference) {
        return maximise ? value - minDelta > reference : value + minDelta < reference;
    }

    /** The watched metric's value in this epoch, if it was recorded. */
    OptionalDouble valueIn(EpochMetrics metrics) {
        return metrics.get(metric);
    }

    /** "did not improve" or, with a {@code min_delta}, "did not improve by more than 0.01", for messages. */
    String noImprovement() {
        return minDelta > 0 ? "did not improve by more than " + Format.plain(minDelta) : "did not improve";
    }
}
