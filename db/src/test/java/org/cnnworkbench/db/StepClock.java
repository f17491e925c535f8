package org.cnnworkbench.db;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A test clock that starts at a given millisecond and advances by a fixed step on every reading. */
final class StepClock extends Clock {

    private final AtomicLong next;
    private final long step;

    StepClock(long startMillis, long stepMillis) {
        this.next = new AtomicLong(startMillis);
        this.step = stepMillis;
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
