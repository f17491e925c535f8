package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph network through a crash, as processes: a small {@code resnet} run trains, checkpoints
 * each epoch, is killed with {@code kill -9} after its first epoch is recorded, and {@code resume}
 * finishes it from its checkpoint with every epoch's metrics equal to those of the same run
 * uninterrupted; {@code predict} then answers from the resumed run's saved graph.
 */
class GraphResumeProcessTest {
    private static final int EPOCHS = 3;

    @TempDir
    Path dir;

    private Path file() throws Exception {
        return Files.writeString(dir.resolve("resnet.yaml"), String.join("\n",
                "name: shapes-resnet-resume",
                "dataset:",
                "  type: shapes",
                "  params: {width: 32, height: 32, samples_per_class: 120}",
                "architecture:",
                "  type: resnet",
                "  params: {depth: 20, filters: 4}",
                "training: {epochs: " + EPOCHS + ", batch_size: 16, optimizer: adam, learning_rate: 0.001, seed: 42}",
                ""));
    }

    private static List<EpochMetrics> epochs(Path home, String runId) {
        try (H2Database db = new HomeDatabase(home).open()) {
            H2RunStore runs = new H2RunStore(db);
            return runs.epochs(runId == null ? runs.listRuns(1).get(0).id() : runId);
        }
    }

    @Test
    void aResnetRunKilledWithKill9ResumesToTheMetricsOfAnUninterruptedRunAndPredicts() throws Exception {
        Path file = file();
        Path home = dir.resolve("home");
        // One core for the trial in both runs: the same replicas and threads.
        Map<String, String> oneCore = Map.of("OMP_NUM_THREADS", "1");
        CliResult reference = Cli.trainingProcess(oneCore, "run", file.toString(), "--home", dir.resolve("reference").toString(),
                "--no-progress");
        assertThat(reference.exitCode()).as(reference.out() + reference.err()).isZero();

        Cli.Started run = Cli.startTraining(oneCore, "run", file.toString(), "--home", home.toString(), "--no-progress",
                "--heartbeat-seconds", "0.5");
        String runId = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline && runId == null) {
            String out = run.output();
            assertThat(run.process().isAlive()).as(out).isTrue();
            // The run serves its database while it trains: wait until epoch 1 is committed (and checkpointed).
            if (out.contains("Epoch 1/" + EPOCHS) && Files.exists(home.resolve("db/server.properties"))) {
                String id = out.lines().findFirst().orElseThrow();
                int recorded = epochs(home, id).size();
                assertThat(recorded).as("killed too late").isLessThan(EPOCHS);
                if (recorded >= 1) {
                    runId = id;
                }
            }
            Thread.sleep(20);
        }
        assertThat(runId).as(run.output()).isNotNull();
        run.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, nothing more recorded
        long leaseDeadline = System.currentTimeMillis() + 90_000;
        while (!Cli.process("show", runId, "--json", "--home", home.toString()).out().contains("\"interrupted\"")
                && System.currentTimeMillis() < leaseDeadline) {
            Thread.sleep(1_000);
        }

        CliResult resumed = Cli.trainingProcess(oneCore, "resume", runId, "--home", home.toString(), "--no-progress");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).containsPattern("Resuming run " + runId + " after epoch [12]")
                .contains("Epoch " + EPOCHS + "/" + EPOCHS).doesNotContain("Epoch 1/" + EPOCHS);
        try (H2Database db = new HomeDatabase(home).open()) {
            assertThat(new H2RunStore(db).findRun(runId).orElseThrow().summary().status()).isEqualTo(RunStatus.COMPLETED);
        }
        List<EpochMetrics> epochs = epochs(home, runId);
        List<EpochMetrics> expected = epochs(dir.resolve("reference"), null);
        assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        for (int i = 0; i < EPOCHS; i++) {
            for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
                assertThat(epochs.get(i).values().get(key)).as("epoch " + (i + 1) + " " + key)
                        .isEqualTo(expected.get(i).values().get(key));
            }
        }

        BufferedImage square = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 8; y < 24; y++) {
            for (int x = 8; x < 24; x++) {
                square.setRGB(x, y, 0xffffff);
            }
        }
        Path image = dir.resolve("square.png");
        ImageIO.write(square, "png", image.toFile());
        CliResult predict = Cli.process("predict", runId, image.toString(), "--top", "3", "--json", "--home", home.toString());
        assertThat(predict.exitCode()).as(predict.out() + predict.err()).isZero();
        JsonNode top = predict.json().get("predictions").get(0).get("top");
        assertThat(top).hasSize(3);
        double sum = 0;
        for (JsonNode c : top) {
            sum += c.get("probability").asDouble();
        }
        assertThat(sum).as("three classes' probabilities").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
}
