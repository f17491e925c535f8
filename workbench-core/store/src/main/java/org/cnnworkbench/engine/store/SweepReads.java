package org.cnnworkbench.engine.store;

import java.util.List;
import java.util.Optional;

/** What readers of sweeps (status commands, the dashboard, exports) need; reads only. */
public interface SweepReads {

    /** Sweeps, newest first. */
    List<SweepSummary> listSweeps(int limit);

    /** One sweep with its trials and workers, if it exists. */
    Optional<SweepDetail> findSweep(String sweepId);

    /** The scheduler jobs submitted for the sweep, oldest first. */
    List<SweepJob> jobs(String sweepId);
}
