package org.cnnworkbench.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration that has stopped, as a sampler may learn from it: its number, its parameters (as
 * the sampler proposed them), whether a pruner stopped it, and its raw objective value (for a pruned
 * trial the last recorded value; NaN when none was recorded, which samplers rank last). Under
 * {@code objectives:} {@code values} holds the raw value of each objective in the file's order (NaN
 * where missing) and {@code objective} the first of them; otherwise {@code values} is empty.
 */
public record FinishedTrial(int number, Map<String, Object> params, boolean pruned, double objective, List<Double> values) {

    public FinishedTrial {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        values = List.copyOf(values == null ? List.of() : values);
    }

    /** A trial of a single-objective sweep. */
    public FinishedTrial(int number, Map<String, Object> params, boolean pruned, double objective) {
        this(number, params, pruned, objective, List.of());
    }
}
