package org.cnnworkbench.engine.sweep;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.SweepStore;

/**
 * Keeps a running trial alive in the database and turns what its heartbeats learn into stops: a
 * cancelled trial stops; a trial given to another worker stops without recording more. When the
 * database has not answered {@value #MAX_MISSED} heartbeats in a row, nothing more could be
 * recorded: the caller's {@link DatabaseLost} handler decides what the process does (the CLI halts
 * it, and the trial goes back to the queue once its heartbeat expires); if the handler returns, the
 * trial stops at its next batch without recording more.
 */
public final class HeartbeatHooks implements TrialHooks, AutoCloseable {
    static final int MAX_MISSED = 3;

    /** What to do when the database stopped answering heartbeats; called once, on the heartbeat thread. */
    @FunctionalInterface
    public interface DatabaseLost {
        /** @param message what happened, for the user (names the run and the database's last error) */
        void lost(String message);
    }

    private final SweepStore store;
    private final String runId;
    private final String workerId;
    private final Duration interval;
    private final Supplier<Interruption> stopping;
    private final BiFunction<String, EpochMetrics, Optional<String>> pruner;
    private final DatabaseLost databaseLost;
    private final ScheduledExecutorService beats;
    private final AtomicInteger missed = new AtomicInteger();
    private volatile Interruption interruption;

    /**
     * Starts sending heartbeats for {@code runId} every {@code interval}, the first at once. Each renews the
     * trial's lease for {@value org.cnnworkbench.engine.store.Lease#HEARTBEATS_PER_LEASE} intervals, so
     * other processes judge it alive by this interval, whatever it is.
     *
     * @param workerId the worker holding the trial, or {@code null} for a run outside sweeps
     * @param stopping a stop asked of the whole process (e.g. SIGTERM), or a supplier of {@code null}
     * @param pruner   the pruning decision after each epoch
     * @param databaseLost what the process does when the database has not answered {@value #MAX_MISSED} heartbeats
     */
    public HeartbeatHooks(SweepStore store, String runId, String workerId, Duration interval, Supplier<Interruption> stopping,
                          BiFunction<String, EpochMetrics, Optional<String>> pruner, DatabaseLost databaseLost) {
        this.store = store;
        this.runId = runId;
        this.workerId = workerId;
        this.interval = interval;
        this.stopping = stopping;
        this.pruner = pruner;
        this.databaseLost = databaseLost;
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + runId);
            t.setDaemon(true);
            return t;
        });
        // The first beat at once: it records the lease's expiry for this interval, which a claim alone does not.
        beats.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            Heartbeat answer = store.heartbeat(runId, workerId, interval);
            missed.set(0);
            if (answer == Heartbeat.CANCELLED) {
                interruption = new Interruption(false, "cancelled");
            } else if (answer == Heartbeat.LOST) {
                interruption = new Interruption(false, "the trial was given to another worker (this process's "
                        + "heartbeats stopped reaching the database in time)");
            }
        } catch (RuntimeException e) {
            if (missed.incrementAndGet() == MAX_MISSED) {
                String message = "The database has not answered " + MAX_MISSED + " heartbeats of " + runId + " ("
                        + e.getMessage() + "); stopping. The trial can be resumed from its last checkpoint.";
                interruption = new Interruption(false, message);
                databaseLost.lost(message);
            }
        }
    }

    @Override
    public Interruption interruption() {
        Interruption stop = stopping.get();
        return stop != null ? stop : interruption;
    }

    @Override
    public Optional<String> prune(String id, EpochMetrics epoch) {
        return pruner.apply(id, epoch);
    }

    @Override
    public void close() {
        beats.shutdownNow();
    }
}
