package org.cnnworkbench.engine.store;

import java.util.Objects;

/**
 * A sweep about to start.
 *
 * @param experiment      the experiment's name
 * @param specJson        everything a worker needs to run the sweep's trials, JSON: the experiment
 *                        document (overrides applied), its file and the parsed {@code sweep:} section
 * @param strategy        {@code grid}, {@code random} or {@code tpe}
 * @param prunerJson      the pruners as JSON, or {@code null}
 * @param objectiveMetric the metric the sweep optimises, e.g. {@code val_accuracy}
 * @param direction       {@code maximize} or {@code minimize}
 * @param objectiveOver   {@code best} or {@code last}: which epoch's value is a trial's objective
 * @param seed            the sweep's seed
 * @param budgetTrials    configurations to sample at most, or {@code null}
 * @param budgetMinutes   wall time after which no new trial starts, or {@code null}
 * @param parallelism     workers the sweep asks for
 */
public record NewSweep(String experiment, String specJson, String strategy, String prunerJson, String objectiveMetric,
                       String direction, String objectiveOver, long seed, Integer budgetTrials, Integer budgetMinutes,
                       int parallelism) {
    public NewSweep {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(specJson, "specJson");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(objectiveMetric, "objectiveMetric");
        Objects.requireNonNull(direction, "direction");
    }
}
