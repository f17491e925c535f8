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
 * database: a failed run keeps its original exception, and the provenance says which faster
 * backward passes trained it.
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

    private JsonNode provenance(RunResult result) throws Exception {
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        return new ObjectMapper().readTree(runs.findRun(result.runId()).orElseThrow().provenanceJson());
    }
}
