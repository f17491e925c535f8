package org.cnnworkbench.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration that has stopped, as a sampler may learn from it: its number, its parameters (as
 * the sampler proposed them), whether a pruner stopped it, and its raw objective value (for a pruned
 * trial the last recorded value; NaN when none was recorded, which samplers rank last).
 */
public record FinishedTrial(int number, Map<String, Object> params, boolean pruned, double objective) {

    public FinishedTrial {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
