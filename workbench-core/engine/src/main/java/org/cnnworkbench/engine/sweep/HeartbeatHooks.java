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
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.RunControl;
import org.cnnworkbench.engine.store.SweepStore;
import org.cnnworkbench.engine.store.TransientFailures;

/**
 * Keeps a running trial (or a run outside sweeps) alive in the database and turns what its heartbeats
 * learn into stops: a cancelled trial stops; a trial given to another owner stops without recording
 * more. A heartbeat that fails for a transient reason ({@link TransientFailures}: a restarted
 * {@code db serve}, a broken connection, a lock timeout) is simply tried again at the next beat, for up
 * to the same bound the trial's writes are retried for ({@code --db-wait-seconds}); other failures are
 * tolerated {@value #MAX_MISSED} times in a row. After that nothing more could be recorded: the
 * caller's {@link DatabaseLost} handler decides what the process does (the CLI halts it, and the trial
 * goes back to the queue once its lease expires); if the handler returns, the trial stops at its next
 * batch without recording more.
 */
public final class HeartbeatHooks implements TrialHooks, AutoCloseable {
    static final int MAX_MISSED = 3;

    /** What to do when the database stopped answering heartbeats; called once, on the heartbeat thread. */
    @FunctionalInterface
    public interface DatabaseLost {
        /** @param message what happened, for the user (names the run and the database's last error) */
        void lost(String message);
    }

    /** One heartbeat, renewing the lease for holders that beat every {@code interval}. */
    @FunctionalInterface
    public interface Beat {
        Heartbeat beat(Duration interval);
    }

    private final Beat beat;
    private final String runId;
    private final Duration interval;
    private final Duration bound;
    private final Supplier<Interruption> stopping;
    private final BiFunction<String, EpochMetrics, Optional<String>> pruner;
    private final DatabaseLost databaseLost;
    private final ScheduledExecutorService beats;
    private final AtomicInteger missed = new AtomicInteger();
    /** When the current run of failed heartbeats began (System.nanoTime), or 0. */
    private long failingSince;
    private boolean reported;
    private volatile Interruption interruption;
    private java.util.OptionalInt cores = java.util.OptionalInt.empty();

    /**
     * The heartbeats of a sweep's trial that {@code lease}'s worker claimed.
     *
     * @param bound how long heartbeats may fail for a transient reason before the database counts as lost
     */
    public static HeartbeatHooks forTrial(SweepStore store, Lease lease, Duration interval, Duration bound,
                                          Supplier<Interruption> stopping,
                                          BiFunction<String, EpochMetrics, Optional<String>> pruner,
                                          DatabaseLost databaseLost) {
        return new HeartbeatHooks(i -> store.heartbeat(lease.runId(), lease.owner(), i), lease.runId(), interval, bound,
                stopping, pruner, databaseLost);
    }

    /** The heartbeats of a run outside sweeps, held by {@code lease} (started or taken over by this process). */
    public static HeartbeatHooks forRun(RunControl runs, Lease lease, Duration interval, Duration bound,
                                        Supplier<Interruption> stopping, DatabaseLost databaseLost) {
        return new HeartbeatHooks(i -> runs.heartbeatRun(lease, i), lease.runId(), interval, bound, stopping,
                (id, epoch) -> Optional.empty(), databaseLost);
    }

    /**
     * Starts sending heartbeats for {@code runId} every {@code interval}, the first at once. Each renews the
     * trial's lease for {@value org.cnnworkbench.engine.store.Lease#HEARTBEATS_PER_LEASE} intervals, so
     * other processes judge it alive by this interval, whatever it is.
     *
     * @param beat     one heartbeat of the trial's lease
     * @param bound    how long heartbeats may fail for a transient reason before the database counts as lost
     * @param stopping a stop asked of the whole process (e.g. SIGTERM), or a supplier of {@code null}
     * @param pruner   the pruning decision after each epoch
     * @param databaseLost what the process does when the database counts as lost
     */
    public HeartbeatHooks(Beat beat, String runId, Duration interval, Duration bound, Supplier<Interruption> stopping,
                          BiFunction<String, EpochMetrics, Optional<String>> pruner, DatabaseLost databaseLost) {
        this.beat = beat;
        this.runId = runId;
        this.interval = interval;
        this.bound = bound;
        this.stopping = stopping;
        this.pruner = pruner;
        this.databaseLost = databaseLost;
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-" + runId);
            t.setDaemon(true);
            return t;
        });
        // The first beat at once: it records the lease's expiry for this interval.
        beats.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Gives the trial {@code cores} ({@link TrialHooks#cores()}); empty leaves the choice to the environment. */
    public HeartbeatHooks cores(java.util.OptionalInt cores) {
        this.cores = cores;
        return this;
    }

    @Override
    public java.util.OptionalInt cores() {
        return cores;
    }

    private void beat() {
        try {
            Heartbeat answer = beat.beat(interval);
            missed.set(0);
            failingSince = 0;
            if (answer == Heartbeat.CANCELLED) {
                interruption = new Interruption(false, "cancelled");
            } else if (answer == Heartbeat.LOST) {
                interruption = new Interruption(false, "the trial was given to another owner (this process's "
                        + "heartbeats stopped reaching the database in time)");
            }
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (failingSince == 0) {
                failingSince = now;
            }
            int misses = missed.incrementAndGet();
            boolean waiting = TransientFailures.isTransient(e) && now - failingSince < bound.toNanos();
            if (misses >= MAX_MISSED && !waiting && !reported) {
                reported = true;
                String message = "The database has not answered " + misses + " heartbeats of " + runId + " in "
                        + Math.round((now - failingSince) / 1e9) + " s (" + e.getMessage()
                        + "); stopping. The trial can be resumed from its last checkpoint.";
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
