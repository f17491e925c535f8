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
    Heartbeat heartbeatRun(String runId);

    /**
     * Cancels a sweep (with its queued and running trials) when {@code id} is a sweep id, else one run or
     * trial; false if it had already ended.
     */
    boolean cancel(String id, String reason);
}
