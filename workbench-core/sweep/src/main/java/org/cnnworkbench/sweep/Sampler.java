package org.cnnworkbench.sweep;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Proposes the parameters of a sweep's configurations. The sweep's scheduler calls {@link #sample}
 * when it creates configuration {@code number}, from any thread (implementations keep no mutable
 * state), with an immutable snapshot of the configurations that have stopped so far; it must not
 * touch the store. The answer depends only on the spec's seed, {@code number} and the history, so a
 * sweep can be replayed. Example:
 * <pre>{@code
 * Sampler sampler = Samplers.create(spec);
 * Map<String, Object> params = sampler.sample(trials.size(), finishedSoFar);
 * }</pre>
 */
public interface Sampler {

    /**
     * Parameters of configuration {@code number} (0-based), ordered as the search space; inactive
     * conditional parameters are absent. Values: Double for uniform and log_uniform, Long for int, the
     * YAML scalar (String, Integer, Long, Double or Boolean) for choice and fixed.
     */
    Map<String, Object> sample(int number, List<FinishedTrial> history);

    /** For grid search the number of configurations; otherwise empty (unbounded). */
    OptionalInt size();
}
