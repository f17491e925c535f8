package org.cnnworkbench.engine.store;

import java.util.Map;

/**
 * An experiment with its runs counted by state, for the home page.
 *
 * @param bestValAccuracy the best {@code val_accuracy} of any of its runs, or null
 * @param lastActivity    UTC milliseconds of the newest start, end or heartbeat of its runs
 */
public record ExperimentSummary(String name, int runs, int sweeps, Map<RunStatus, Integer> counts, Double bestValAccuracy,
                                long lastActivity) {
    public ExperimentSummary {
        counts = Map.copyOf(counts);
    }
}
