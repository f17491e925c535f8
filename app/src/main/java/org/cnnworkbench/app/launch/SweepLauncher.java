package org.cnnworkbench.app.launch;

import org.cnnworkbench.engine.store.SweepDetail;

/**
 * A way of starting a sweep's workers (local processes, a Slurm job array, ...). {@link SweepMonitor}
 * drives it: {@link #start} once, {@link #watch} at every poll, {@link #resume} when every worker ended
 * with work left, {@link #finish} when the sweep ended and {@link #cancel} on Ctrl-C. The workers share
 * the sweep's database and put their trials back in the queue when stopped (SIGTERM).
 */
public interface SweepLauncher {
    /** Starts the sweep's workers. */
    void start();

    /**
     * Called at every poll: looks after the workers (e.g. replaces one that died).
     *
     * @return whether any worker may still be at work (false: all ended)
     */
    boolean watch();

    /**
     * Every worker ended and work is left (a trial re-queued, a time limit): starts new workers.
     *
     * @return null when it did, else why the sweep fails instead
     */
    String resume(SweepDetail detail);

    /** Ctrl-C: stops every worker so that its trial goes back to the queue; returns when they are gone or after {@link #cancelWaitMillis}. */
    void cancel();

    /** The sweep ended (completed, cancelled, failed): lets the workers leave, stopping those that do not. */
    void finish();

    /** How often the monitor looks at the sweep. */
    long pollMillis();

    /** How long {@link #cancel} may take at most. */
    long cancelWaitMillis();

    /** The line printed after Ctrl-C: what happened to the workers and how to resume. */
    String interruptedMessage(String sweepId);
}
