package org.cnnworkbench.db;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A test clock that starts at a given millisecond, advances by a fixed step on every reading and can be moved on. */
final class StepClock extends Clock {

    private final AtomicLong next;
    private final long step;

    StepClock(long startMillis, long stepMillis) {
        this.next = new AtomicLong(startMillis);
        this.step = stepMillis;
    }

    /** Moves the clock forward by {@code millis} (a clock with step 0 stands still between such moves). */
    void advance(long millis) {
        next.addAndGet(millis);
    }

    @Override
    public long millis() {
        return next.getAndAdd(step);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock stays in UTC");
    }
}
