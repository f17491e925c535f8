package org.cnnworkbench.sweep;

import java.util.Locale;

/**
 * How a sweep proposes configurations: {@code grid}, {@code random}, {@code tpe}, {@code halton} or
 * {@code hyperband}.
 */
public enum Strategy {
    /** Every combination of the listed values, in a seeded shuffled order. */
    GRID,
    /** Independent draws from each distribution. */
    RANDOM,
    /** Tree-structured Parzen estimator: random at first, then guided by the finished trials. */
    TPE,
    /** A scrambled Halton sequence: quasi-random points that cover the space more evenly than independent draws. */
    HALTON,
    /**
     * Hyperband: random configurations spread over brackets that stop trials early at different epochs
     * (successive halving from {@code min_epochs} to {@code max_epochs} by {@code eta}).
     */
    HYPERBAND;

    /** True for the strategies whose budget is open (trials and/or max_minutes must bound them). */
    public boolean needsBudget() {
        return this != GRID;
    }

    /** The name users write, lower-case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
