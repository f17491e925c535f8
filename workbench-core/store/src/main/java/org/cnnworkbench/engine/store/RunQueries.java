package org.cnnworkbench.engine.store;

import java.util.List;

/** The read side of runs tables: filtered, ordered pages fast enough for tens of thousands of runs. */
public interface RunQueries {
    /** The page of runs {@code query} asks for. */
    RunPage query(RunQuery query);

    /** The run's stored overfitting analytics (computed with the default patience as its epochs landed). */
    java.util.Optional<org.cnnworkbench.engine.analysis.OverfittingSummary> overfitting(String runId);

    /** Every experiment with its run counts, most recently active first. */
    List<ExperimentSummary> experiments();

    /**
     * A number that changes whenever something a page shows changes (a run or sweep created, started or
     * ended, an epoch recorded); live pages poll it cheaply and reload when it moves.
     */
    long changeStamp();
}
