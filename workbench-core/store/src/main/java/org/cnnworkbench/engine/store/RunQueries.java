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

    /**
     * The stored overfitting analytics of every trial of the sweep that has them (not in the trash): run id to
     * summary. One read for the sweep page, however many trials; this default pages through {@link #query}.
     */
    default java.util.Map<String, org.cnnworkbench.engine.analysis.OverfittingSummary> sweepOverfitting(String sweepId) {
        java.util.Map<String, org.cnnworkbench.engine.analysis.OverfittingSummary> out = new java.util.LinkedHashMap<>();
        for (int offset = 0; ; offset += RunQuery.MAX_LIMIT) {
            RunPage page = query(new RunQuery(java.util.Set.of(), null, sweepId, null, null, List.of(), "id", false, offset,
                    RunQuery.MAX_LIMIT));
            page.rows().stream().filter(r -> r.overfitting() != null).forEach(r -> out.put(r.summary().id(), r.overfitting()));
            if (page.rows().size() < RunQuery.MAX_LIMIT) {
                return out;
            }
        }
    }

    /** Every experiment with its run counts, most recently active first. */
    List<ExperimentSummary> experiments();

    /**
     * A number that changes whenever something a page shows changes (a run or sweep created, started or
     * ended, an epoch recorded); live pages poll it cheaply and reload when it moves.
     */
    long changeStamp();
}
