package org.cnnworkbench.db;

import java.time.Clock;
import java.util.Objects;

/**
 * The base of a store, or a part of one, that works in one {@link H2Database} and takes the time it
 * writes (claims, heartbeats, states, endings) from one {@link Clock}, so that tests can set the
 * time: the two are given once, checked for null here, and read by the subclass.
 */
abstract class H2Access {
    final H2Database database;
    final Clock clock;

    H2Access(H2Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }
}
