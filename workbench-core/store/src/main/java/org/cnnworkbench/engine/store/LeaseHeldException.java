package org.cnnworkbench.engine.store;

/**
 * A run could not be taken over (resumed) because another process holds its lease: its heartbeats
 * arrive, so it is still training the run. Nothing was changed.
 */
public class LeaseHeldException extends RuntimeException {
    private final String runId;
    private final String owner;
    private final long expiresAt;

    public LeaseHeldException(String runId, String owner, long expiresAt) {
        super("run " + runId + " is still running: " + (owner == null ? "its process" : "its owner " + owner)
                + " sent a heartbeat recently, and its lease expires at " + java.time.Instant.ofEpochMilli(expiresAt)
                + " unless another one arrives");
        this.runId = runId;
        this.owner = owner;
        this.expiresAt = expiresAt;
    }

    /** The run. */
    public String runId() {
        return runId;
    }

    /** Who holds the lease (e.g. {@code run-4242@host}), or {@code null} when the run was started without one. */
    public String owner() {
        return owner;
    }

    /** When the lease expires unless its holder sends another heartbeat, in milliseconds since the epoch. */
    public long expiresAt() {
        return expiresAt;
    }
}
