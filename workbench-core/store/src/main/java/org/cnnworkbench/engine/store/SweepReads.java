package org.cnnworkbench.engine.store;

import java.util.List;
import java.util.Optional;

/** What readers of sweeps (status commands, the dashboard, exports) need; reads only. */
public interface SweepReads {

    /** Sweeps, newest first. */
    List<SweepSummary> listSweeps(int limit);

    /** One sweep with its trials and workers, if it exists. */
    Optional<SweepDetail> findSweep(String sweepId);

    /**
     * Only the sweep's state, if it exists: what a worker polls while it trains (a pause), without reading
     * every trial as {@link #findSweep} does.
     */
    default Optional<SweepState> state(String sweepId) {
        return findSweep(sweepId).map(d -> d.summary().state());
    }

    /** The scheduler jobs submitted for the sweep, oldest first. */
    List<SweepJob> jobs(String sweepId);
}
