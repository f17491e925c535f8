package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in callbacks in real training through the CLI, read back with {@code show --json}:
 * small-cnn on 270 real Fashion-MNIST images for three epochs, twice — once with
 * model-checkpoint, reduce-lr-on-plateau and overfitting-alarm, once with an lr-schedule (two
 * callbacks that both set the learning rate do not belong in one run).
 */
class CallbacksTrainingTest {
    @TempDir
    static Path dir;

    private static Path home;
    private static CliResult plateauRun;
    private static JsonNode plateau;
    private static JsonNode scheduled;

    @BeforeAll
    static void trainBothRuns() {
        home = dir.resolve("home");
        ExperimentFile tiny = ExperimentFile.tiny()
                .withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 300")
                // With 2 synchronous replicas (issue 19): the callbacks act on every replica.
                .withLine(ExperimentFile.EPOCHS, "  epochs: 3\n  replicas: 2");
        // min_delta 1000: no epoch after the first counts as an improvement, so with patience 0 the rate is
        // halved at the end of epochs 2 and 3 whatever the losses are.
        plateauRun = run(tiny.append("callbacks:",
                "  - type: model-checkpoint",
                "  - type: reduce-lr-on-plateau",
                "    params: {patience: 0, factor: 0.5, min_delta: 1000}",
                "  - type: overfitting-alarm").write(dir, "plateau.yaml"));
        assertThat(plateauRun.out()).contains("Training with replicas 2 x 1 thread (training.replicas).");
        plateau = show(plateauRun.outLines().get(0));
        CliResult scheduleRun = run(tiny.append("callbacks:",
                "  - type: lr-schedule",
                "    params: {schedule: step, step_size: 2, gamma: 0.1}").write(dir, "schedule.yaml"));
        scheduled = show(scheduleRun.outLines().get(0));
    }

    private static CliResult run(Path experiment) {
        CliResult result = Cli.inProcess("run", experiment.toString(), "--home", home.toString(), "--no-progress");
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.err()).doesNotContain("\tat ", "Exception");
        return result;
    }

    private static JsonNode show(String runId) {
        CliResult show = Cli.inProcess("show", runId, "--json", "--home", home.toString());
        assertThat(show.exitCode()).as(show.describe()).isZero();
        return show.json();
    }

    private static List<Double> column(JsonNode run, String key) {
        List<Double> values = new ArrayList<>();
        for (JsonNode epoch : run.get("epoch_metrics")) {
            assertThat(epoch.has(key)).as("epoch %s has %s: %s", epoch.get("epoch"), key, epoch).isTrue();
            values.add(epoch.get(key).asDouble());
        }
        return values;
    }

    @Test
    void reduceLrOnPlateauHalvesTheRateFromTheEpochAfterEachPlateau() {
        assertThat(plateau.get("status").asText()).isEqualTo("completed");
        assertThat(column(plateau, "lr")).containsExactly(0.001, 0.001, 0.0005);
        assertThat(plateau.at("/summary/reduce-lr-on-plateau/lr_reductions").asInt()).isEqualTo(2);
        assertThat(plateauRun.out()).contains("reduce-lr-on-plateau: val_loss did not improve by more than 1000 for 1 epoch",
                "learning rate 0.001 -> 0.0005 from epoch 3", "learning rate 0.0005 -> 0.00025 from epoch 4");
    }

    @Test
    void lrScheduleSetsEachEpochsRateAsTheStepScheduleSays() {
        // step_size 2, gamma 0.1 from the file's 0.001: epochs 1 and 2 at 0.001, epoch 3 at 0.0001.
        List<Double> lr = column(scheduled, "lr");
        assertThat(lr).hasSize(3);
        assertThat(lr.get(0)).isEqualTo(0.001);
        assertThat(lr.get(1)).isEqualTo(0.001);
        assertThat(lr.get(2)).isCloseTo(0.0001, within(1e-15));
    }

    @Test
    void modelCheckpointSavesTheBestEpochAsACheckpointArtifactOfTheRun() {
        String runId = plateau.get("id").asText();
        Path best = home.resolve("runs").resolve(runId).resolve("best.zip");
        assertThat(best).isRegularFile();
        List<String> checkpoints = new ArrayList<>();
        for (JsonNode artifact : plateau.get("artifacts")) {
            if (artifact.get("kind").asText().equals("checkpoint")) {
                checkpoints.add(artifact.get("relative_path").asText());
            }
        }
        assertThat(checkpoints).containsExactly("runs/" + runId + "/best.zip");

        // Saved on every new low of val_loss, so the checkpoint holds the (first) epoch of the lowest val_loss.
        List<Double> valLoss = column(plateau, "val_loss");
        int lowest = valLoss.indexOf(valLoss.stream().min(Double::compare).orElseThrow()) + 1;
        assertThat(plateau.at("/summary/model-checkpoint/best_checkpoint_epoch").asInt()).isEqualTo(lowest);
        assertThat(plateau.at("/summary/model-checkpoint/best_checkpoint").asText()).isEqualTo("best.zip");
        assertThat(plateauRun.out()).contains("model-checkpoint: val_loss improved to ");
    }

    @Test
    void overfittingAlarmRecordsTheGapOfEveryEpochAndTheBestEpoch() {
        List<Double> loss = column(plateau, "loss");
        List<Double> valLoss = column(plateau, "val_loss");
        List<Double> accuracy = column(plateau, "accuracy");
        List<Double> valAccuracy = column(plateau, "val_accuracy");
        List<Double> gapLoss = column(plateau, "gap_loss");
        List<Double> gapAccuracy = column(plateau, "gap_accuracy");
        for (int e = 0; e < 3; e++) {
            assertThat(gapLoss.get(e)).as("gap_loss of epoch %d", e + 1).isCloseTo(valLoss.get(e) - loss.get(e), within(1e-9));
            assertThat(gapAccuracy.get(e)).as("gap_accuracy of epoch %d", e + 1)
                    .isCloseTo(accuracy.get(e) - valAccuracy.get(e), within(1e-9));
        }
        int best = plateau.at("/summary/overfitting-alarm/best_epoch").asInt();
        int lowest = valLoss.indexOf(valLoss.stream().min(Double::compare).orElseThrow()) + 1;
        assertThat(best).isEqualTo(lowest);
        assertThat(plateau.at("/summary/overfitting-alarm/gap_at_best").asDouble()).isCloseTo(gapLoss.get(best - 1), within(1e-9));
        assertThat(plateau.at("/summary/overfitting-alarm/early_stop_epoch_would_be").asInt()).isGreaterThanOrEqualTo(best + 1);
        assertThat(scheduled.get("epoch_metrics").get(0).has("gap_loss")).as("only runs with the alarm record gaps").isFalse();
    }
}
