package org.cnnworkbench.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The metrics of one finished epoch (1-based), keyed by {@link MetricKeys}. Immutable.
 */
public record EpochMetrics(int epoch, Map<String, Double> values) {

    public EpochMetrics {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs count from 1, found " + epoch);
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code key}, if this epoch recorded it. */
    public OptionalDouble get(String key) {
        Double value = values.get(key);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
