package org.cnnworkbench.sweep;

import java.util.Locale;

/** How a sweep proposes configurations: {@code grid}, {@code random} or {@code tpe}. */
public enum Strategy {
    /** Every combination of the listed values, in a seeded shuffled order. */
    GRID,
    /** Independent draws from each distribution. */
    RANDOM,
    /** Tree-structured Parzen estimator: random at first, then guided by the finished trials. */
    TPE;

    /** The name users write, lower-case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
