package org.cnnworkbench.engine.store;

import java.util.Map;

/**
 * A configuration of a sweep: the sampled value of each parameter.
 *
 * @param number        the configuration's number, from 0
 * @param params        parameter path → value as JSON text, in search-space order
 * @param distributions parameter path → the distribution it was drawn from, as JSON text
 */
public record Configuration(int number, Map<String, String> params, Map<String, String> distributions) {
    public Configuration {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        distributions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(distributions));
    }

    /**
     * A finished configuration a strategy may learn from.
     *
     * @param pruned    whether any of its trials was pruned
     * @param objective the mean objective of its trials that recorded one
     */
    public record Finished(int number, Map<String, String> params, boolean pruned, double objective) {
        public Finished {
            params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        }
    }

    /** Proposes the next configuration of a sweep, given the finished ones; empty when it has none left (a grid is done). */
    @FunctionalInterface
    public interface Source {
        java.util.Optional<Configuration> next(int number, java.util.List<Finished> finished);
    }
}
