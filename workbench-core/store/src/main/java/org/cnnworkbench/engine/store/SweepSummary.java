package org.cnnworkbench.engine.store;

import java.util.Map;

/**
 * One row of the sweeps list.
 *
 * @param counts       trials by status
 * @param best         the best configuration's objective so far, or {@code null}
 * @param bestTrialId  a trial of the best configuration, or {@code null}
 */
public record SweepSummary(String id, String experiment, SweepState state, String strategy, String objectiveMetric,
                           String direction, String objectiveOver, Integer budgetTrials, Integer budgetMinutes,
                           int parallelism, Map<RunStatus, Integer> counts, Double best, String bestTrialId,
                           long createdAt, Long startedAt, Long endedAt, String reason) {
    public SweepSummary {
        counts = Map.copyOf(counts);
    }

    public int trials() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(RunStatus status) {
        return counts.getOrDefault(status, 0);
    }
}
