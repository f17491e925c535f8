package org.cnnworkbench.engine.store;

/**
 * One row of the runs list.
 *
 * @param id              the run id, e.g. {@code r12}
 * @param epochs          epochs recorded so far
 * @param bestValAccuracy the highest {@code val_accuracy} recorded, or {@code null}
 * @param testAccuracy    test accuracy once finished, or {@code null}
 * @param createdAt       UTC milliseconds
 * @param startedAt       UTC milliseconds, or {@code null} before start
 * @param endedAt         UTC milliseconds, or {@code null} while running
 */
public record RunSummary(String id, String experiment, String sweepId, RunStatus status, int epochs,
                         Double bestValAccuracy, Double testAccuracy, long createdAt, Long startedAt, Long endedAt) {
}
