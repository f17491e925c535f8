package org.cnnworkbench.engine.store;

import java.util.Map;

/**
 * One trial of a sweep, as the trials table shows it.
 *
 * @param params      parameter path → value as JSON text
 * @param objective   the trial's objective so far (best or last epoch), or {@code null}
 * @param reason      why it ended as it did or went back to the queue, or {@code null}
 * @param heartbeatAt UTC milliseconds of the last heartbeat, or {@code null}
 */
public record TrialRow(String id, int number, int configuration, int repeat, RunStatus status, Map<String, String> params,
                       int epochs, Double objective, int attempts, String workerId, Long heartbeatAt, String reason,
                       Long startedAt, Long endedAt) {
    public TrialRow {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }
}
