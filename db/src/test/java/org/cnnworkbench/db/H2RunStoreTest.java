package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class H2RunStoreTest extends H2HomeTest {

    private static final long T0 = 1_700_000_000_000L;

    @Override
    Clock clock() {
        return new StepClock(T0, 1000);
    }

    private static NewRun run(String experiment) {
        return new NewRun(experiment, "{\"epochs\":3}", "{\"lr\":0.01}", 42, "{\"java\":\"17\"}", "exp/mnist.yaml");
    }

    private static Map<String, Double> metrics(double loss, double valAccuracy) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        metrics.put("accuracy", 0.5);
        metrics.put("val_loss", loss + 0.1);
        metrics.put("val_accuracy", valAccuracy);
        return metrics;
    }

    @Test
    void aRunRoundTripsThroughStartRecordFinishListAndFind() {
        String id = runs.startRun(run("mnist"));
        runs.recordEpoch(id, 1, metrics(0.9, 0.61));
        runs.recordEpoch(id, 2, metrics(0.7, 0.72));
        runs.addArtifact(id, new Artifact("model", "runs/" + id + "/best.zip", 1234, "ab".repeat(32)));
        runs.finishRun(id, new RunOutcome(RunStatus.COMPLETED, 0.70, 0.8, "{\"stop\":\"max_epochs\"}", null));

        List<RunSummary> listed = runs.listRuns(10);
        assertThat(listed).hasSize(1);
        RunSummary summary = listed.get(0);
        assertThat(summary.id()).isEqualTo(id);
        assertThat(summary.experiment()).isEqualTo("mnist");
        assertThat(summary.sweepId()).isNull();
        assertThat(summary.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(summary.epochs()).isEqualTo(2);
        assertThat(summary.bestValAccuracy()).isEqualTo(0.72);
        assertThat(summary.testAccuracy()).isEqualTo(0.70);
        assertThat(summary.createdAt()).isEqualTo(T0);
        assertThat(summary.startedAt()).isEqualTo(T0);
        assertThat(summary.endedAt()).isGreaterThan(T0);

        RunDetail detail = runs.findRun(id).orElseThrow();
        assertThat(detail.summary()).isEqualTo(summary);
        assertThat(detail.seed()).isEqualTo(42);
        assertThat(detail.configJson()).isEqualTo("{\"epochs\":3}");
        assertThat(detail.overridesJson()).isEqualTo("{\"lr\":0.01}");
        assertThat(detail.provenanceJson()).isEqualTo("{\"java\":\"17\"}");
        assertThat(detail.resultJson()).isEqualTo("{\"stop\":\"max_epochs\"}");
        assertThat(detail.error()).isNull();
        assertThat(detail.testLoss()).isEqualTo(0.8);
        assertThat(detail.artifacts()).containsExactly(
                new Artifact("model", "runs/" + id + "/best.zip", 1234, "ab".repeat(32)));

        assertThat(runs.epochs(id)).containsExactly(
                new EpochMetrics(1, metrics(0.9, 0.61)), new EpochMetrics(2, metrics(0.7, 0.72)));
    }

    @Test
    void aStartedRunIsRunningWithNoEpochsNoResultAndNoEnd() {
        String id = runs.startRun(new NewRun("mnist", "{}", null, 1, null, null));
        RunDetail detail = runs.findRun(id).orElseThrow();
        assertThat(detail.summary().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(detail.summary().epochs()).isZero();
        assertThat(detail.summary().bestValAccuracy()).isNull();
        assertThat(detail.summary().testAccuracy()).isNull();
        assertThat(detail.summary().endedAt()).isNull();
        assertThat(detail.overridesJson()).isEqualTo("{}");
        assertThat(detail.resultJson()).isNull();
        assertThat(detail.testLoss()).isNull();
        assertThat(detail.artifacts()).isEmpty();
        assertThat(runs.epochs(id)).isEmpty();
    }

    @Test
    void aFailedRunKeepsItsErrorAndHasNoTestMetrics() {
        String id = runs.startRun(run("mnist"));
        runs.finishRun(id, new RunOutcome(RunStatus.FAILED, null, null, null, "java.lang.OutOfMemoryError\n\tat x"));
        RunDetail detail = runs.findRun(id).orElseThrow();
        assertThat(detail.summary().status()).isEqualTo(RunStatus.FAILED);
        assertThat(detail.error()).isEqualTo("java.lang.OutOfMemoryError\n\tat x");
        assertThat(detail.resultJson()).isEqualTo("{}");
        assertThat(detail.summary().testAccuracy()).isNull();
        assertThat(detail.testLoss()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = RunStatus.class, names = {"COMPLETED", "PRUNED", "FAILED", "CANCELLED"})
    void everyFinishedStatusCanEndARun(RunStatus status) {
        String id = runs.startRun(run("mnist"));
        runs.finishRun(id, new RunOutcome(status, null, null, null, null));
        assertThat(runs.findRun(id).orElseThrow().summary().status()).isEqualTo(status);
    }

    @Test
    void runIdsAreR1R2InTheOrderRunsStart() {
        assertThat(runs.startRun(run("a"))).isEqualTo("r1");
        assertThat(runs.startRun(run("b"))).isEqualTo("r2");
        assertThat(runs.startRun(run("a"))).isEqualTo("r3");
    }

    @Test
    void runsOfOneExperimentShareItsRow() throws SQLException {
        runs.startRun(run("mnist"));
        runs.startRun(run("mnist"));
        runs.startRun(run("cifar"));
        try (Connection connection = db.connection();
             ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM experiment")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
        assertThat(runs.listRuns(10)).extracting(RunSummary::experiment).containsExactly("cifar", "mnist", "mnist");
    }

    @Test
    void nanAndInfinitiesRoundTripThroughTheValueType() throws SQLException {
        String id = runs.startRun(run("mnist"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", Double.NaN);
        metrics.put("grad_norm", Double.POSITIVE_INFINITY);
        metrics.put("log_lr", Double.NEGATIVE_INFINITY);
        metrics.put("accuracy", 0.0);
        metrics.put("val_accuracy", Double.NaN);
        runs.recordEpoch(id, 1, metrics);

        EpochMetrics epoch = runs.epochs(id).get(0);
        assertThat(epoch.values().get("loss")).isNaN();
        assertThat(epoch.values().get("grad_norm")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(epoch.values().get("log_lr")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(epoch.values().get("accuracy")).isEqualTo(0.0);
        // A NaN validation accuracy is no one's best.
        assertThat(runs.findRun(id).orElseThrow().summary().bestValAccuracy()).isNull();

        Map<String, Integer> typesInDatabase = new HashMap<>();
        try (Connection connection = db.connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT metric_key, metric_value, value_type FROM latest_metric WHERE trial_id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    typesInDatabase.put(rs.getString(1), rs.getInt(3));
                    if (rs.getInt(3) != 0) {
                        assertThat(rs.getDouble(2)).as("stored value of non-finite %s", rs.getString(1)).isEqualTo(0.0);
                    }
                }
            }
        }
        assertThat(typesInDatabase).containsOnly(Map.entry("loss", 1), Map.entry("grad_norm", 2),
                Map.entry("log_lr", 3), Map.entry("accuracy", 0), Map.entry("val_accuracy", 1));
    }

    @Test
    void recordingAnEpochTwiceIsRefusedAndTheFirstRecordIsKept() {
        String id = runs.startRun(run("mnist"));
        runs.recordEpoch(id, 1, metrics(0.9, 0.6));

        assertThatThrownBy(() -> runs.recordEpoch(id, 1, metrics(0.1, 0.99)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("epoch 1 of run " + id + " is already recorded; an epoch's metrics are written once");
        // Even with keys the first record did not have.
        assertThatThrownBy(() -> runs.recordEpoch(id, 1, Map.of("top5_accuracy", 0.9)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(runs.epochs(id)).containsExactly(new EpochMetrics(1, metrics(0.9, 0.6)));
        RunSummary summary = runs.findRun(id).orElseThrow().summary();
        assertThat(summary.epochs()).isEqualTo(1);
        assertThat(summary.bestValAccuracy()).isEqualTo(0.6);
    }

    @Test
    void bestValidationAccuracyIsTheHighestSoFar() {
        String id = runs.startRun(run("mnist"));
        runs.recordEpoch(id, 1, metrics(0.9, 0.60));
        runs.recordEpoch(id, 2, metrics(0.8, 0.75));
        runs.recordEpoch(id, 3, metrics(0.7, 0.70));
        runs.recordEpoch(id, 4, Map.of("loss", 0.6));
        RunSummary summary = runs.findRun(id).orElseThrow().summary();
        assertThat(summary.bestValAccuracy()).isEqualTo(0.75);
        assertThat(summary.epochs()).isEqualTo(4);
    }

    @Test
    void epochsComeBackInEpochOrderWithKeysInTheOrderTheyWereRecorded() {
        String id = runs.startRun(run("mnist"));
        Map<String, Double> first = new LinkedHashMap<>();
        first.put("zeta", 1.0);
        first.put("alpha", 2.0);
        first.put("mid", 3.0);
        Map<String, Double> second = new LinkedHashMap<>();
        second.put("mid", 6.0);
        second.put("zeta", 4.0);
        runs.recordEpoch(id, 2, second);
        runs.recordEpoch(id, 1, first);

        List<EpochMetrics> epochs = runs.epochs(id);
        assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(epochs.get(0).values().keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(epochs.get(1).values().keySet()).containsExactly("mid", "zeta");
    }

    @Test
    void latestMetricHoldsTheNewestEpochsValueWhateverOrderEpochsArrive() throws SQLException {
        String id = runs.startRun(run("mnist"));
        runs.recordEpoch(id, 2, Map.of("loss", 0.2));
        runs.recordEpoch(id, 1, Map.of("loss", 0.9, "lr", 0.1));
        try (Connection connection = db.connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT metric_key, epoch, metric_value FROM latest_metric WHERE trial_id = ? ORDER BY metric_key")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + "@" + rs.getInt(2) + "=" + rs.getDouble(3));
                }
                assertThat(rows).containsExactly("loss@2=0.2", "lr@1=0.1");
            }
        }
    }

    @Test
    void listRunsIsNewestFirstAndHonoursTheLimit() {
        String r1 = runs.startRun(run("a"));
        String r2 = runs.startRun(run("a"));
        String r3 = runs.startRun(run("a"));
        assertThat(runs.listRuns(10)).extracting(RunSummary::id).containsExactly(r3, r2, r1);
        assertThat(runs.listRuns(2)).extracting(RunSummary::id).containsExactly(r3, r2);
        assertThat(runs.listRuns(0)).isEmpty();
        assertThatThrownBy(() -> runs.listRuns(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsStartedInTheSameMillisecondListNewestFirstByTheirNumber() {
        H2RunStore frozen = new H2RunStore(db, new StepClock(T0, 0));
        List<String> ids = IntStream.range(0, 11).mapToObj(i -> frozen.startRun(run("a"))).toList();
        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        // r10 and r11 sort after r9 as numbers, not as text.
        assertThat(frozen.listRuns(20)).extracting(RunSummary::id).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void anUnknownRunIdIsRefusedNamingIt() {
        String message = "no run with id 'r99' in this workbench";
        assertThatThrownBy(() -> runs.recordEpoch("r99", 1, Map.of("loss", 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> runs.finishRun("r99", new RunOutcome(RunStatus.COMPLETED, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> runs.addArtifact("r99", new Artifact("log", "runs/r99/log.txt", 1, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> runs.epochs("r99"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(runs.findRun("r99")).isEmpty();
    }

    @Test
    void aRunEndsOnceAndTakesNoEpochsAfterItEnded() {
        String id = runs.startRun(run("mnist"));
        runs.finishRun(id, new RunOutcome(RunStatus.COMPLETED, 0.9, 0.3, null, null));
        assertThatThrownBy(() -> runs.finishRun(id, new RunOutcome(RunStatus.FAILED, null, null, null, "late")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("run " + id + " has already ended (completed); its end is recorded once");
        assertThatThrownBy(() -> runs.recordEpoch(id, 1, Map.of("loss", 1.0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("run " + id + " has ended (completed)");
        RunDetail detail = runs.findRun(id).orElseThrow();
        assertThat(detail.summary().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(detail.error()).isNull();
        assertThat(detail.summary().epochs()).isZero();
    }

    @Test
    void badEpochArgumentsAreRefusedBeforeAnythingIsWritten() {
        String id = runs.startRun(run("mnist"));
        assertThatThrownBy(() -> runs.recordEpoch(id, 0, Map.of("loss", 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs count from 1, found epoch 0");
        assertThatThrownBy(() -> runs.recordEpoch(id, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no metrics");
        Map<String, Double> withNull = new HashMap<>();
        withNull.put("loss", null);
        assertThatThrownBy(() -> runs.recordEpoch(id, 1, withNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metric 'loss' of run " + id + " epoch 1 has no value");
        assertThatThrownBy(() -> runs.recordEpoch(id, 1, Map.of("k".repeat(129), 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 129 characters, more than the limit of 128");
        assertThat(runs.epochs(id)).isEmpty();
        assertThat(runs.findRun(id).orElseThrow().summary().epochs()).isZero();
    }

    @Test
    void aBlankExperimentNameIsRefused() {
        assertThatThrownBy(() -> runs.startRun(new NewRun(" ", "{}", null, 1, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an experiment needs a name, found a blank one");
    }

    @Test
    void anArtifactRecordedAgainAtTheSamePathReplacesTheEarlierOne() {
        String id = runs.startRun(run("mnist"));
        runs.addArtifact(id, new Artifact("model", "runs/" + id + "/best.zip", 10, "aa"));
        runs.addArtifact(id, new Artifact("log", "runs/" + id + "/train.log", 5, null));
        runs.addArtifact(id, new Artifact("model", "runs/" + id + "/best.zip", 20, "bb"));
        assertThat(runs.findRun(id).orElseThrow().artifacts()).containsExactly(
                new Artifact("log", "runs/" + id + "/train.log", 5, null),
                new Artifact("model", "runs/" + id + "/best.zip", 20, "bb"));
    }

    @Test
    void epochsRecordedConcurrentlyAreEachCountedOnce() throws Exception {
        String id = runs.startRun(run("mnist"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger refused = new AtomicInteger();
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int epoch = 1; epoch <= 40; epoch++) {
                int e = epoch;
                // Every epoch is written twice at once: exactly one of the two writes may win.
                for (int copy = 0; copy < 2; copy++) {
                    writes.add(pool.submit(() -> {
                        try {
                            runs.recordEpoch(id, e, metrics(1.0 / e, e / 100.0));
                        } catch (IllegalStateException alreadyRecorded) {
                            refused.incrementAndGet();
                        }
                    }));
                }
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(refused).hasValue(40);
        RunSummary summary = runs.findRun(id).orElseThrow().summary();
        assertThat(summary.epochs()).isEqualTo(40);
        assertThat(summary.bestValAccuracy()).isEqualTo(0.40);
        assertThat(runs.epochs(id)).hasSize(40).allSatisfy(epoch -> assertThat(epoch.values()).hasSize(4));
    }

    /**
     * Why {@link #epochsRecordedConcurrentlyAreEachCountedOnce} failed under load: a write that waited longer than
     * H2's lock timeout for the run's row (or was picked as a deadlock's victim) failed instead of being counted
     * once. Such a failure rolled the write back, and it is now tried again.
     */
    @Test
    void anEpochWriteThatTimesOutWaitingForTheRunsRowLockIsTriedAgain() throws Exception {
        String id = runs.startRun(run("mnist"));
        try (Connection holder = db.connection()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("SELECT state FROM trial WHERE id = ? FOR UPDATE")) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> write = pool.submit(() -> runs.recordEpoch(id, 1, metrics(0.5, 0.6)));
                Thread.sleep(3_000);   // longer than H2's lock timeout
                assertThat(write).isNotDone();
                holder.commit();
                write.get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdown();
            }
        }
        assertThat(runs.findRun(id).orElseThrow().summary().epochs()).isEqualTo(1);
    }

    @Test
    void runsOfANewExperimentStartedAtOnceShareOneExperimentRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> starts = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                starts.add(pool.submit(() -> runs.startRun(run("fresh"))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> start : starts) {
                ids.add(start.get());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(16);
        } finally {
            pool.shutdown();
        }
        try (Connection connection = db.connection();
             ResultSet rs = connection.createStatement().executeQuery("SELECT COUNT(*) FROM experiment")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aClosedStoreRefusesCalls() {
        runs.close();
        assertThatThrownBy(() -> runs.listRuns(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the run store is closed; cannot list runs");
    }
}
