package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.LeaseHeldException;
import org.cnnworkbench.engine.store.LeaseLostException;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.Test;

/** Runs outside sweeps are fenced by a lease like trials: an owner, an attempt, and one taker at a time. */
class RunLeaseTest extends H2HomeTest {
    private final StepClock clock = new StepClock(1_000_000, 0);

    @Override
    java.time.Clock clock() {
        return clock;
    }

    private Lease start() {
        return runs.startRun(new NewRun("exp", "{}", "{}", 1, "{}", null), "run-1@host-a", Duration.ofSeconds(2));
    }

    @Test
    void aStartedRunIsHeldByItsOwnerAsAttemptOneWithALease() {
        Lease lease = start();
        assertThat(lease.owner()).isEqualTo("run-1@host-a");
        assertThat(lease.attempt()).isEqualTo(1);
        assertThat(runs.leaseExpiresAt(lease.runId())).hasValue(1_000_000 + 15 * 2_000);
        assertThat(runs.heartbeatRun(lease, Duration.ofSeconds(2))).isEqualTo(Heartbeat.OK);
        runs.writer(lease).recordEpoch(1, Map.of("val_accuracy", 0.5));
    }

    @Test
    void aFreshLeaseIsNotTakenOverAndTheRefusalNamesItsOwnerAndExpiry() {
        Lease lease = start();
        clock.advance(29_000);
        assertThatThrownBy(() -> runs.takeOver(lease.runId(), "run-2@host-b", Duration.ofSeconds(2)))
                .isInstanceOf(LeaseHeldException.class)
                .hasMessageContaining("run " + lease.runId() + " is still running")
                .hasMessageContaining("run-1@host-a")
                .hasMessageContaining(java.time.Instant.ofEpochMilli(1_030_000).toString());
        assertThat(runs.heartbeatRun(lease, Duration.ofSeconds(2))).isEqualTo(Heartbeat.OK);
    }

    @Test
    void afterExpiryTheTakerHoldsTheNextAttemptAndTheFormerOwnerWritesNothing() {
        Lease lease = start();
        clock.advance(31_000);
        Lease taken = runs.takeOver(lease.runId(), "run-2@host-b", Duration.ofSeconds(2));
        assertThat(taken).isEqualTo(new Lease(lease.runId(), "run-2@host-b", 2));
        assertThat(runs.heartbeatRun(lease, Duration.ofSeconds(2))).isEqualTo(Heartbeat.LOST);
        assertThatThrownBy(() -> runs.writer(lease).recordEpoch(1, Map.of("val_accuracy", 0.5)))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("run-2@host-b");
        runs.writer(taken).recordEpoch(1, Map.of("val_accuracy", 0.5));
        assertThat(runs.findRun(lease.runId()).orElseThrow().summary().status()).isEqualTo(RunStatus.RUNNING);
        // The same owner resuming again takes the next attempt only once its own lease has expired.
        assertThatThrownBy(() -> runs.takeOver(lease.runId(), "run-2@host-b", Duration.ofSeconds(2)))
                .isInstanceOf(LeaseHeldException.class);
    }

    @Test
    void ofTwoTakersAtTheSameMomentExactlyOneGetsTheLease() throws Exception {
        Lease lease = start();
        clock.advance(31_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String owner = "run-" + (10 + i) + "@host";
                answers.add(pool.submit(() -> {
                    go.await();
                    try {
                        return runs.takeOver(lease.runId(), owner, Duration.ofSeconds(2));
                    } catch (LeaseHeldException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> answer : answers) {
                results.add(answer.get());
            }
            assertThat(results).filteredOn(r -> r instanceof Lease).hasSize(1);
            assertThat(results).filteredOn(r -> r instanceof LeaseHeldException).hasSize(3);
            Lease winner = (Lease) results.stream().filter(r -> r instanceof Lease).findFirst().orElseThrow();
            assertThat(results).filteredOn(r -> r instanceof LeaseHeldException)
                    .allSatisfy(e -> assertThat(((LeaseHeldException) e).owner()).isEqualTo(winner.owner()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEndedRunOrASweepTrialIsNotTakenOver() {
        Lease lease = start();
        runs.writer(lease).finish(new org.cnnworkbench.engine.store.RunOutcome(RunStatus.COMPLETED, null, null, "{}",
                null, null));
        assertThatThrownBy(() -> runs.takeOver(lease.runId(), "run-2@host-b", Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has already ended (completed)");
        assertThatThrownBy(() -> runs.takeOver("r999", "run-2@host-b", Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("r999");
    }
}
