package org.cnnworkbench.engine.store;

/** What a worker asking for work gets: a trial, a wait (others are still running), or the end of the sweep. */
public sealed interface Claim {
    record Trial(ClaimedTrial trial) implements Claim {
    }

    /** Nothing to claim now, but running trials may still go back to the queue. */
    record Wait() implements Claim {
    }

    /** The sweep is over for this worker: budget spent and nothing queued or running, or the sweep ended. */
    record Done(String why) implements Claim {
    }
}
