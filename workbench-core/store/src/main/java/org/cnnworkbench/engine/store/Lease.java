package org.cnnworkbench.engine.store;

import java.util.Objects;

/**
 * The right to write one running trial: the owner that claimed it (or started or resumed a run
 * outside sweeps) and the attempt it was claimed as. Every write of the trial (its description, epochs, end, artifacts) made through a
 * {@link TrialWriter} bound to a lease is refused with {@link LeaseLostException} once the trial's
 * row no longer names this owner and attempt (it went back to the queue and another worker, or a
 * later attempt of this one, holds it) or it is no longer running.
 *
 * @param runId   the trial's (run's) id
 * @param owner   who holds it: a sweep worker's id, or for a run outside sweeps the process that started or
 *                resumed it (e.g. {@code run-4242@host})
 * @param attempt the trial's attempt number when it was claimed (1 for a first run)
 */
public record Lease(String runId, String owner, int attempt) {
    /**
     * How many heartbeat intervals a lease lasts after a heartbeat: the holder is judged dead (its
     * trial stale) once this many heartbeats in a row did not arrive.
     */
    public static final int HEARTBEATS_PER_LEASE = 15;

    /** The heartbeat interval when none is set. */
    public static final java.time.Duration DEFAULT_HEARTBEAT = java.time.Duration.ofSeconds(2);

    /** When a lease renewed at {@code nowMillis} by a holder beating every {@code interval} expires. */
    public static long expiresAt(long nowMillis, java.time.Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a heartbeat interval is above 0, found " + interval);
        }
        return nowMillis + HEARTBEATS_PER_LEASE * interval.toMillis();
    }

    /** An owner name for this process, {@code run-PID@HOST}, for the lease of a run outside sweeps. */
    public static String processOwner() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return "run-" + ProcessHandle.current().pid() + "@" + host;
    }

    public Lease {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(owner, "owner");
        if (attempt < 1) {
            throw new IllegalArgumentException("a lease's attempt counts from 1, found " + attempt + " for " + runId);
        }
    }

    @Override
    public String toString() {
        return runId + " (owner " + owner + ", attempt " + attempt + ")";
    }
}
