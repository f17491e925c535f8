package org.cnnworkbench.engine.store;

/** A worker as sweep-status shows it. */
public record WorkerRow(String id, String host, long pid, String device, int threads, String jobId, String state,
                        String trialId, long startedAt, long lastSeenAt) {
}
