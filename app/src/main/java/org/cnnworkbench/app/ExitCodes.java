package org.cnnworkbench.app;

/** The exit codes scripts can rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    static final int USAGE = 2;

    /** The process could not reach its database for several heartbeats: nothing more can be recorded. */
    public static final int DATABASE_LOST = 3;

    /**
     * The CLI's answer when the database stops answering a trial's heartbeats: nothing more could be recorded,
     * so the process halts with {@link #DATABASE_LOST} (a sweep's trial goes back to the queue once its heartbeat
     * expires). The engine only reports; the command owning the process decides.
     */
    public static final org.cnnworkbench.engine.sweep.HeartbeatHooks.DatabaseLost HALT_ON_LOST_DATABASE = message -> {
        System.err.println(message);
        Runtime.getRuntime().halt(DATABASE_LOST);
    };

    private ExitCodes() {
    }
}
