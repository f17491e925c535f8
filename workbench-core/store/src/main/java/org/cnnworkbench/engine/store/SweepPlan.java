package org.cnnworkbench.engine.store;

/**
 * What a worker needs to know to add a sweep's next configuration.
 *
 * @param configurations configurations to sample at most
 * @param repeats        trials per configuration, each with its own seed
 * @param baseSeed       the experiment's seed: repeat {@code r} trains with {@code baseSeed + r}
 * @param budgetMinutes  no new configuration after this many minutes from the sweep's start, or {@code null}
 * @param maxAttempts    attempts a trial gets before a dying worker marks it failed
 */
public record SweepPlan(int configurations, int repeats, long baseSeed, Integer budgetMinutes, int maxAttempts) {
    public SweepPlan {
        if (configurations < 0 || repeats < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("a sweep plan needs configurations >= 0, repeats >= 1 and maxAttempts >= 1");
        }
    }
}
