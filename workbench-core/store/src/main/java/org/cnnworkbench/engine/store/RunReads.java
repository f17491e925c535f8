package org.cnnworkbench.engine.store;

import java.util.List;
import java.util.Optional;
import org.cnnworkbench.api.EpochMetrics;

/**
 * What readers of single runs (the dashboard, exports, status commands) need; reads only. The run
 * store extends it, so a reader given only this type cannot start, record, finish, tag or cancel.
 */
public interface RunReads {

    /** Runs, newest first, at most {@code limit}. */
    List<RunSummary> listRuns(int limit);

    /** One run, if it exists. */
    Optional<RunDetail> findRun(String runId);

    /** The run's epochs, in order, each with every metric recorded for it. */
    List<EpochMetrics> epochs(String runId);

    /**
     * The run's per-batch points of those keys, each key's in step order as {@code {fractional epoch, value}};
     * keys without points are absent. None by default (a store without per-batch curves).
     */
    default java.util.Map<String, List<double[]>> batchCurves(String runId, List<String> keys) {
        return java.util.Map.of();
    }
}
