package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.TransientFailures;
import org.cnnworkbench.engine.store.TrialWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial's writes through a real H2 TCP server that is stopped and started again on the same port: they wait
 * for it (within the store's retry bound) instead of failing, and an epoch written again under the same lease
 * with the same values is no error and no second row.
 */
class TransientWriteTest {
    @TempDir
    Path dir;

    private TcpServer server;
    private H2Database served;

    @AfterEach
    void stop() throws Exception {
        if (served != null) {
            served.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A run store whose writes retry for {@code retryBound}, on a database this test's TCP server serves. */
    private H2RunStore storeOnServer(Duration retryBound) throws Exception {
        server = new TcpServer(dir);
        served = H2Database.open(server.url(), "sa", "");
        return new H2RunStore(served, java.time.Clock.systemUTC(), retryBound);
    }

    private static NewRun newRun() {
        return new NewRun("exp", "{}", "{}", 1, "{}", null);
    }

    /** A run started under a lease with a 1 s heartbeat. */
    private static Lease leasedRun(H2RunStore runs) {
        return runs.startRun(newRun(), "run-1@host", Duration.ofSeconds(1));
    }

    /** Stops the server now and starts it again on the same port after {@code millis}. */
    private Thread outage(long millis) {
        return server.restartAfter(millis);
    }

    @Test
    void epochFinishAndArtifactWritesWaitForARestartedServer() throws Exception {
        H2RunStore runs = storeOnServer(Duration.ofSeconds(60));
        Lease lease = leasedRun(runs);
        TrialWriter writer = runs.writer(lease);
        writer.recordEpoch(1, Map.of("val_accuracy", 0.25));

        Thread restart = outage(1_500);
        long t0 = System.nanoTime();
        writer.recordEpoch(2, Map.of("val_accuracy", 0.5));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(1_000));
        restart.join();

        restart = outage(1_000);
        writer.addArtifact(new Artifact("model", "runs/" + lease.runId() + "/model.zip", 10, "ab".repeat(32)));
        restart.join();
        restart = outage(1_000);
        writer.finish(new RunOutcome(RunStatus.COMPLETED, 0.5, 0.7, "{}", null, null));
        restart.join();

        RunDetail detail = runs.findRun(lease.runId()).orElseThrow();
        assertThat(detail.summary().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(runs.epochs(lease.runId())).extracting(e -> e.epoch()).containsExactly(1, 2);
        assertThat(detail.artifacts()).extracting(Artifact::relativePath)
                .containsExactly("runs/" + lease.runId() + "/model.zip");
    }

    @Test
    void theUnleasedWriterWaitsForARestartedServerToo() throws Exception {
        H2RunStore runs = storeOnServer(Duration.ofSeconds(60));
        String runId = runs.startRun(newRun());
        Thread restart = outage(1_500);
        runs.writer(runId).recordEpoch(1, Map.of("val_accuracy", 0.25));
        restart.join();
        assertThat(runs.epochs(runId)).hasSize(1);
    }

    @Test
    void afterTheBoundTheTransientFailureIsThrown() throws Exception {
        H2RunStore runs = storeOnServer(Duration.ofMillis(800));
        Lease lease = leasedRun(runs);
        server.stop();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> runs.writer(lease).recordEpoch(1, Map.of("val_accuracy", 0.25)))
                .isInstanceOf(StoreException.class).satisfies(e -> assertThat(TransientFailures.isTransient(e)).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(700), Duration.ofSeconds(10));
    }

    @Test
    void anEpochWrittenAgainUnderTheSameLeaseWithTheSameValuesIsRecordedOnce() {
        try (H2Database db = H2Database.open(H2Database.embeddedUrl(dir), "sa", "")) {
            H2RunStore runs = new H2RunStore(db);
            Lease lease = leasedRun(runs);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", 0.5);
            metrics.put("val_loss", Double.NaN);
            metrics.put("val_accuracy", 0.75);
            runs.writer(lease).recordEpoch(1, metrics);
            // The retry of a write whose commit's answer was lost: same lease, same epoch, same values.
            runs.writer(lease).recordEpoch(1, new LinkedHashMap<>(metrics));
            assertThat(runs.epochs(lease.runId())).hasSize(1);
            assertThat(runs.findRun(lease.runId()).orElseThrow().summary().epochs()).isEqualTo(1);
            Integer rows = db.inTransaction("count", c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM epoch_metric")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isEqualTo(3);

            Map<String, Double> other = new LinkedHashMap<>(metrics);
            other.put("val_accuracy", 0.8);
            assertThatThrownBy(() -> runs.writer(lease).recordEpoch(1, other)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already recorded");
            assertThatThrownBy(() -> runs.writer(lease).recordEpoch(1, Map.of("loss", 0.5)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already recorded");
            // Without a lease, recording an epoch twice stays refused.
            assertThatThrownBy(() -> runs.recordEpoch(lease.runId(), 1, metrics)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already recorded");
        }
    }
}
