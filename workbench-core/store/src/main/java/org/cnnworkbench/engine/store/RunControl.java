package org.cnnworkbench.engine.store;

/**
 * Control of running work from outside it: a run outside sweeps keeps itself alive with heartbeats
 * (which is how a {@code cancel} from another process reaches it), and a user cancels a sweep or a
 * run.
 */
public interface RunControl {

    /**
     * Keeps a running run outside sweeps alive: {@link Heartbeat#OK} while it runs,
     * {@link Heartbeat#CANCELLED} once it was cancelled, {@link Heartbeat#LOST} when it ended otherwise.
     */
    default Heartbeat heartbeatRun(String runId) {
        return heartbeatRun(runId, Lease.DEFAULT_HEARTBEAT);
    }

    /**
     * As {@link #heartbeatRun(String)}, from a holder that beats every {@code interval}: the run's lease
     * is renewed until {@link Lease#expiresAt} of now and that interval.
     */
    Heartbeat heartbeatRun(String runId, java.time.Duration interval);

    /**
     * Keeps the lease of a run outside sweeps that its owner started or took over
     * ({@link RunStore#startRun(NewRun, String, java.time.Duration)}, {@link RunStore#takeOver}):
     * {@link Heartbeat#OK} while the run is running under this lease, {@link Heartbeat#CANCELLED} once it
     * was cancelled, {@link Heartbeat#LOST} when another process took it over or it ended otherwise.
     */
    Heartbeat heartbeatRun(Lease lease, java.time.Duration interval);

    /**
     * When the lease of the running run or trial {@code runId} expires unless its holder sends another
     * heartbeat (milliseconds since the epoch, possibly past: its holder died); empty when it is not
     * running or has sent no heartbeat yet.
     */
    java.util.OptionalLong leaseExpiresAt(String runId);

    /**
     * Cancels a sweep (with its queued and running trials) when {@code id} is a sweep id, else one run or
     * trial; false if it had already ended.
     */
    boolean cancel(String id, String reason);
}
