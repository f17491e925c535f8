package org.cnnworkbench.engine.sweep;

import java.time.Clock;
import java.time.Duration;
import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.store.SweepWorkers;
import org.cnnworkbench.engine.store.SweepState;

/**
 * Notices that a user paused the worker's sweep ({@code ./workbench pause SWEEP_ID}): asked at every
 * batch boundary, it reads the sweep's state at most once per {@code interval} and then answers an
 * interruption that puts the trial back in the queue (it resumes from its last checkpoint). A read that
 * fails (the database is briefly away) counts as not paused; the heartbeats deal with a lost database.
 */
final class PauseWatch {
    private final SweepWorkers sweeps;
    private final String sweepId;
    private final long intervalMillis;
    private final Clock clock;
    private long lastCheck = Long.MIN_VALUE;
    private volatile TrialHooks.Interruption paused;

    PauseWatch(SweepWorkers sweeps, String sweepId, Duration interval, Clock clock) {
        this.sweeps = sweeps;
        this.sweepId = sweepId;
        this.intervalMillis = interval.toMillis();
        this.clock = clock;
    }

    /** An interruption once the sweep is paused, else null. */
    synchronized TrialHooks.Interruption check() {
        if (paused != null) {
            return paused;
        }
        long now = clock.millis();
        if (lastCheck != Long.MIN_VALUE && now - lastCheck < intervalMillis) {
            return null;
        }
        lastCheck = now;
        try {
            var state = sweeps.state(sweepId).orElse(null);
            if (state == SweepState.PAUSED) {
                paused = new TrialHooks.Interruption(true, "sweep " + sweepId + " was paused");
            }
        } catch (RuntimeException e) {
            return null;
        }
        return paused;
    }
}
