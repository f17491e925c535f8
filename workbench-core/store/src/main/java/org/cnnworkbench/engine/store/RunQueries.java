package org.cnnworkbench.engine.store;

import java.util.List;

/** The read side of runs tables: filtered, ordered pages fast enough for tens of thousands of runs. */
public interface RunQueries {
    /** The page of runs {@code query} asks for. */
    RunPage query(RunQuery query);

    /**
     * The values of query-language fields ({@code params.training.optimizer}, {@code max.val_accuracy}, ...) for
     * each of the runs: run id to field text to a Double, a String or null (a parameter written as a number
     * comes back as a Double). For the extra columns of runs tables.
     */
    java.util.Map<String, java.util.Map<String, Object>> values(List<String> runIds,
            List<org.cnnworkbench.engine.query.Field> fields);

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
