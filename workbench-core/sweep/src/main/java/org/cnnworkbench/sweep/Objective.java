package org.cnnworkbench.sweep;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a sweep optimises: one recorded metric, the direction that is better, and whether a trial
 * counts with its best epoch or its last one. Non-finite values (NaN, infinities) are never a value.
 */
public record Objective(String metric, Direction direction, Over over) {

    public enum Direction {
        MAXIMIZE, MINIMIZE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Over {
        /** The best finite value over all epochs. */
        BEST,
        /** The last finite value recorded. */
        LAST;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Objective {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(over, "over");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("objective metric must not be blank");
        }
    }

    /** The model's parameter count, usable as an objective next to the recorded metrics. */
    public static final String TOTAL_PARAMS = "total_params";

    /** The default direction for a metric: minimise what ends in "loss" and {@value #TOTAL_PARAMS}, maximise the rest. */
    public static Direction defaultDirection(String metric) {
        return metric.endsWith("loss") || metric.equals(TOTAL_PARAMS) ? Direction.MINIMIZE : Direction.MAXIMIZE;
    }

    /**
     * The objective of a trial from its epochs (index 0 = epoch 1; each map holds all metrics of that
     * epoch); empty if the metric was never recorded with a finite value.
     */
    public OptionalDouble value(List<Map<String, Double>> epochs) {
        return value(epochs, epochs.size());
    }

    /** As {@link #value(List)}, looking only at the first {@code epochCount} epochs. */
    public OptionalDouble value(List<Map<String, Double>> epochs, int epochCount) {
        OptionalDouble result = OptionalDouble.empty();
        for (int i = 0; i < Math.min(epochCount, epochs.size()); i++) {
            OptionalDouble v = at(epochs, i + 1);
            if (v.isPresent() && (over == Over.LAST || result.isEmpty() || better(v.getAsDouble(), result.getAsDouble()))) {
                result = v;
            }
        }
        return result;
    }

    /** The best finite value of the metric over epochs 1..{@code epochCount}, whatever {@link #over}. */
    public OptionalDouble bestUpTo(List<Map<String, Double>> epochs, int epochCount) {
        OptionalDouble result = OptionalDouble.empty();
        for (int epoch = 1; epoch <= Math.min(epochCount, epochs.size()); epoch++) {
            OptionalDouble v = at(epochs, epoch);
            if (v.isPresent() && (result.isEmpty() || better(v.getAsDouble(), result.getAsDouble()))) {
                result = v;
            }
        }
        return result;
    }

    /** The metric's finite value at {@code epoch} (1-based), if recorded. */
    public OptionalDouble at(List<Map<String, Double>> epochs, int epoch) {
        if (epoch < 1 || epoch > epochs.size() || epochs.get(epoch - 1) == null) {
            return OptionalDouble.empty();
        }
        Double v = epochs.get(epoch - 1).get(metric);
        return v != null && Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    /** True if {@code a} is strictly better than {@code b} in this direction. */
    public boolean better(double a, double b) {
        return direction == Direction.MAXIMIZE ? a > b : a < b;
    }

    /** The value turned so that smaller is better; NaN becomes +infinity (worst). */
    double asLoss(double raw) {
        if (Double.isNaN(raw)) {
            return Double.POSITIVE_INFINITY;
        }
        return direction == Direction.MAXIMIZE ? -raw : raw;
    }

    public JsonNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("metric", metric);
        node.put("direction", direction.label());
        node.put("over", over.label());
        return node;
    }
}
