package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.store.WorkerInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trial's lease lasts {@link Lease#HEARTBEATS_PER_LEASE} of its worker's own heartbeat intervals,
 * recorded on its row at each heartbeat: a worker beating every 40 s is not taken for dead after
 * 30 s, one that stopped beating is, once its lease ran out.
 */
class LeaseExpiryTest extends H2HomeTest {
    private static final long T0 = 1_800_000_000_000L;

    private final StepClock now = new StepClock(T0, 0);
    private String sweepId;
    private final SweepPlan plan = new SweepPlan(2, 1, 42, null, 3);

    @Override
    Clock clock() {
        return now;
    }

    @BeforeEach
    void registerWorker() {
        sweepId = sweeps.createSweep(new NewSweep("exp", "{}", "random", null, "val_accuracy", "maximize", "best", 7, 2,
                null, 3));
        sweeps.registerWorker(new WorkerInfo("w1", sweepId, "host", 1, "cpu", 1, null));
    }

    private ClaimedTrial claim() {
        Configuration.Source one = (number, finished) -> Optional.of(new Configuration(number, Map.of(), Map.of()));
        return ((Claim.Trial) sweeps.claim(sweepId, "w1", plan, one)).trial();
    }

    private RunStatus status(String id) {
        return sweeps.findSweep(sweepId).orElseThrow().trials().stream().filter(t -> t.id().equals(id))
                .map(TrialRow::status).findFirst().orElseThrow();
    }

    @Test
    void aWorkerBeatingEvery40SecondsIsAliveAfter45SecondsAndStaleOnceItsLeaseRanOut() {
        ClaimedTrial trial = claim();
        assertThat(sweeps.heartbeat(trial.id(), "w1", Duration.ofSeconds(40))).isEqualTo(Heartbeat.OK);

        now.advance(45_000);
        assertThat(sweeps.releaseStaleTrials(sweepId, 30_000, 3)).as("45 s without a heartbeat, interval 40 s").isZero();
        assertThat(status(trial.id())).isEqualTo(RunStatus.RUNNING);
        assertThat(sweeps.heartbeat(trial.id(), "w1", Duration.ofSeconds(40))).isEqualTo(Heartbeat.OK);

        now.advance(Lease.HEARTBEATS_PER_LEASE * 40_000L - 1);
        assertThat(sweeps.releaseStaleTrials(sweepId, 30_000, 3)).as("just before the lease runs out").isZero();
        now.advance(2);
        assertThat(sweeps.releaseStaleTrials(sweepId, 30_000, 3)).isEqualTo(1);
        assertThat(status(trial.id())).isEqualTo(RunStatus.QUEUED);
        assertThat(sweeps.heartbeat(trial.id(), "w1", Duration.ofSeconds(40))).isEqualTo(Heartbeat.LOST);
    }

    @Test
    void aShortIntervalsLeaseRunsOutSoonerAndAClaimWithoutHeartbeatCountsFromTheClaim() {
        ClaimedTrial beating = claim();
        ClaimedTrial silent = claim();
        assertThat(sweeps.heartbeat(beating.id(), "w1", Duration.ofMillis(100))).isEqualTo(Heartbeat.OK);

        now.advance(Lease.HEARTBEATS_PER_LEASE * 100L + 1);
        assertThat(sweeps.releaseStaleTrials(sweepId, 30_000, 3)).as("only the 100 ms worker's lease ran out").isEqualTo(1);
        assertThat(status(beating.id())).isEqualTo(RunStatus.QUEUED);
        assertThat(status(silent.id())).isEqualTo(RunStatus.RUNNING);

        now.advance(30_000);
        assertThat(sweeps.releaseStaleTrials(sweepId, 30_000, 3)).isEqualTo(1);
        assertThat(status(silent.id())).isEqualTo(RunStatus.QUEUED);
    }
}
