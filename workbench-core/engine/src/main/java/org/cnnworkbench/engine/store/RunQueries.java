package org.cnnworkbench.engine.store;

import java.util.List;

/** The read side of runs tables: filtered, ordered pages fast enough for tens of thousands of runs. */
public interface RunQueries {
    /** The page of runs {@code query} asks for. */
    RunPage query(RunQuery query);

    /** Every experiment with its run counts, most recently active first. */
    List<ExperimentSummary> experiments();
}
