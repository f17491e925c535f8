package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.run.RunResult;
import org.cnnworkbench.engine.run.TrainingObserver;
import org.cnnworkbench.engine.run.TrialFailedException;
import org.cnnworkbench.engine.run.TrialRunner;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's TrialRunner training for real (DL4J on 8×8 stripes) and recording in a real H2
 * database: a failed run keeps its original exception, the provenance says which faster
 * backward passes and how many replicas trained it, and replicas repeat exactly.
 */
class TrialRunnerOnH2Test extends H2HomeTest {
    @AfterEach
    void resetSabotage() {
        TrainingExtensions.sabotage = () -> { };
    }

    private ExperimentSpec spec(String training, String... callbacks) throws Exception {
        StringBuilder yaml = new StringBuilder("name: stripes\ndataset:\n  type: stripes\narchitecture:\n  type: tiny-cnn\n"
                + "training: {epochs: 2, batch_size: 8, seed: 3" + training + "}\n");
        if (callbacks.length > 0) {
            yaml.append("callbacks:\n");
            for (String callback : callbacks) {
                yaml.append("  - type: ").append(callback).append('\n');
            }
        }
        Path file = Files.writeString(home.resolve("experiment.yaml"), yaml);
        return new ExperimentValidator(new TrainingExtensions()).validate(file, List.of());
    }

    private TrialRunner runner() {
        return new TrialRunner(runs, home, TrainingObserver.SILENT);
    }

    @Test
    void aFailedRunRecordsTheCallbacksExceptionAsItsError() throws Exception {
        TrialFailedException failed = catchThrowableOfType(TrialFailedException.class,
                () -> runner().run(spec("", "breaks")));

        assertThat(failed).as("the run fails as a TrialFailedException").isNotNull();
        assertThat(failed.getCause()).isInstanceOf(IllegalStateException.class).hasMessage(TrainingExtensions.BROKE + 1);
        RunDetail run = runs.findRun(failed.runId()).orElseThrow();
        assertThat(run.summary().status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.error()).startsWith(IllegalStateException.class.getName() + ": " + TrainingExtensions.BROKE + 1)
                .contains("TrainingExtensions");
    }

    @Test
    void whenRecordingTheFailureFailsTooTheOriginalExceptionIsKeptAndTheLaterOneSuppressed() throws Exception {
        // The callback makes the database refuse the failed state before it throws: recording the failure fails.
        TrainingExtensions.sabotage = () -> {
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE trial ADD CONSTRAINT no_failed_runs CHECK (state <> '" + RunStatus.FAILED.label() + "')");
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        };

        Throwable thrown = catchThrowableOfType(Throwable.class, () -> runner().run(spec("", "breaks")));

        assertThat(thrown).as("the original failure, not the database's").isInstanceOf(TrialFailedException.class);
        Throwable original = thrown.getCause();
        assertThat(original).isInstanceOf(IllegalStateException.class).hasMessage(TrainingExtensions.BROKE + 1);
        assertThat(original.getSuppressed()).singleElement().isInstanceOf(StoreException.class)
                .extracting(Throwable::getMessage).asString().contains("could not record the end of run")
                .containsIgnoringCase("no_failed_runs");
        assertThat(runs.findRun(((TrialFailedException) thrown).runId()).orElseThrow().summary().status())
                .as("nothing could be recorded").isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void provenanceRecordsWhichFasterBackwardPassesTrainedTheRun() throws Exception {
        JsonNode on = provenance(runner().run(spec("")));
        JsonNode off = provenance(runner().run(spec(", fast_backprop: false")));

        assertThat(on.path("fast_backprop").path("relu_backward").asBoolean(false)).isTrue();
        assertThat(on.path("fast_backprop").path("first_conv_input_gradient").isBoolean()).isTrue();
        assertThat(off.path("fast_backprop").path("relu_backward").isBoolean()).isTrue();
        assertThat(off.path("fast_backprop").path("relu_backward").asBoolean(true)).isFalse();
        assertThat(off.path("fast_backprop").path("first_conv_input_gradient").isBoolean()).isTrue();
        assertThat(off.path("fast_backprop").path("first_conv_input_gradient").asBoolean(true)).isFalse();
    }

    @Test
    void twoReplicasRecordTheirCountRepeatExactlyAndFollowOneReplica() throws Exception {
        RunResult first = runner().run(spec(", batch_size: 16, replicas: 2"));
        RunResult second = runner().run(spec(", batch_size: 16, replicas: 2"));
        RunResult one = runner().run(spec(", batch_size: 16, replicas: 1"));

        JsonNode replicas = provenance(first).path("replicas");
        assertThat(replicas.path("replicas").asInt()).isEqualTo(2);
        assertThat(replicas.path("threads_per_replica").asInt()).isEqualTo(1);
        assertThat(replicas.path("chosen").asText()).isEqualTo("training.replicas");
        assertThat(provenance(one).path("replicas").path("replicas").asInt()).isEqualTo(1);
        List<EpochMetrics> a = runs.epochs(first.runId());
        List<EpochMetrics> b = runs.epochs(second.runId());
        List<EpochMetrics> c = runs.epochs(one.runId());
        assertThat(a).hasSize(2);
        for (int i = 0; i < a.size(); i++) {
            for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
                assertThat(b.get(i).values().get(key)).as("same seed and count, epoch " + (i + 1) + " " + key)
                        .isEqualTo(a.get(i).values().get(key));
            }
            double loss = c.get(i).values().get("loss");
            assertThat(Math.abs(a.get(i).values().get("loss") - loss) / loss).as("against 1 replica, epoch " + (i + 1))
                    .isLessThan(1e-3);
            assertThat(a.get(i).values().get("accuracy")).as("the training accuracy counts both shards")
                    .isBetween(0.0, 1.0);
        }
    }

    /** Hears the batches of each epoch and the running mean loss after each batch. */
    private static final class BatchLog implements TrainingObserver {
        final List<Integer> batchesPerEpoch = new java.util.ArrayList<>();
        final List<Double> runningMeans = new java.util.ArrayList<>();

        @Override
        public void epochStarted(int epoch, int epochs, int batches) {
            batchesPerEpoch.add(batches);
        }

        @Override
        public void batchFinished(int batch, double meanLoss) {
            runningMeans.add(meanLoss);
        }
    }

    @Test
    void withReplicasEveryNthBatchRecordsItsOwnLossAndAccuracyAtFractionalEpochs() throws Exception {
        BatchLog log = new BatchLog();
        RunResult result = new TrialRunner(runs, home, log).run(spec(", replicas: 2, log_every_n_batches: 2"));

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        int batches = log.batchesPerEpoch.get(0);
        assertThat(batches).as("enough batches to skip some").isGreaterThanOrEqualTo(4);
        java.util.Map<String, List<double[]>> curves = runs.batchCurves(result.runId(), List.of("batch_loss", "batch_accuracy"));
        List<double[]> loss = curves.get("batch_loss");
        List<double[]> accuracy = curves.get("batch_accuracy");
        assertThat(loss).as("every 2nd batch of 2 epochs").hasSize(2 * (batches / 2));
        assertThat(accuracy).hasSize(loss.size());
        for (int i = 0; i < loss.size(); i++) {
            int epoch = i / (batches / 2) + 1;
            int batch = 2 * (i % (batches / 2) + 1);
            assertThat(loss.get(i)[0]).as("x of point " + i).isCloseTo(epoch - 1 + (double) batch / batches,
                    org.assertj.core.api.Assertions.within(1e-12));
            assertThat(accuracy.get(i)[0]).isEqualTo(loss.get(i)[0]);
            assertThat(accuracy.get(i)[1]).as("accuracy of one batch").isBetween(0.0, 1.0);
            if (batch < batches) {
                // Full batches of 8: the batch's own loss is what it adds to the running mean, not the mean itself.
                int k = (epoch - 1) * batches + batch - 1;
                double own = log.runningMeans.get(k) * batch - log.runningMeans.get(k - 1) * (batch - 1);
                assertThat(loss.get(i)[1]).as("loss of batch " + batch + " of epoch " + epoch)
                        .isCloseTo(own, org.assertj.core.api.Assertions.within(1e-4 * Math.abs(own)));
                assertThat(loss.get(i)[1]).isNotCloseTo(log.runningMeans.get(k), org.assertj.core.api.Assertions.within(1e-9));
            }
        }
    }

    @Test
    void perBatchCurvesAreOnEveryBatchOfSmallEpochsByDefaultAndOffWithZero() throws Exception {
        BatchLog log = new BatchLog();
        RunResult auto = new TrialRunner(runs, home, log).run(spec(""));
        RunResult off = runner().run(spec(", log_every_n_batches: 0"));

        int batches = log.batchesPerEpoch.get(0);
        assertThat(batches).as("fewer than 200 batches: auto is every batch").isLessThan(200);
        assertThat(runs.batchCurves(auto.runId(), List.of("batch_loss")).get("batch_loss")).hasSize(2 * batches);
        assertThat(runs.batchCurves(off.runId(), List.of("batch_loss", "batch_accuracy"))).isEmpty();
        assertThat(off.status()).isEqualTo(RunStatus.COMPLETED);
    }

    private JsonNode provenance(RunResult result) throws Exception {
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        return new ObjectMapper().readTree(runs.findRun(result.runId()).orElseThrow().provenanceJson());
    }
}
