package org.cnnworkbench.engine.store;

import java.util.List;

/** A sweep with its specification, trials (by number) and workers. */
public record SweepDetail(SweepSummary summary, String specJson, List<TrialRow> trials, List<WorkerRow> workers) {
    public SweepDetail {
        trials = List.copyOf(trials);
        workers = List.copyOf(workers);
    }
}
