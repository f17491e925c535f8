package org.cnnworkbench.engine.store;

import java.util.Map;

/**
 * A trial a worker now holds.
 *
 * @param id             the run id
 * @param number         its number in the sweep
 * @param configuration  the configuration it runs
 * @param repeat         which repeat of the configuration (its seed is the base seed plus this)
 * @param seed           the trial's seed
 * @param params         parameter path → value as JSON text
 * @param attempt        1 for a first run, higher when it resumes after its worker died
 * @param recordedEpochs epochs already recorded (a resumed trial continues after them)
 */
public record ClaimedTrial(String id, int number, int configuration, int repeat, long seed, Map<String, String> params,
                           int attempt, int recordedEpochs) {
    public ClaimedTrial {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
