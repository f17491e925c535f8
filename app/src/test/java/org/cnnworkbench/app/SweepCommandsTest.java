package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.Test;

/**
 * The sweep commands around the workers: bad search spaces refused before anything runs, a file
 * with a sweep run once by {@code run}, a single run with replicas killed and finished by {@code resume}
 * with the same metrics as an uninterrupted run, cancel, and the ids of sweeps and runs never colliding.
 */
class SweepCommandsTest extends SweepCliTest {

    @Test
    void invalidSearchSpacesAreRefusedWithEveryProblemBeforeAnythingRuns() {
        int first = ExperimentFile.tiny().lineCount() + 1;
        Path file = file("bad.yaml", ExperimentFile.tiny(), "strategy: random", "trials: 4", "parameters:",
                "  training.learning_rte: {uniform: [0.001, 0.01]}",
                "  training.batch_size: {choice: []}",
                "  architecture.params.dropout: {uniform: [0.6, 0.2]}",
                "  training.momentum: {log_uniform: [0.0, 0.9]}",
                "  architecture.params.filters: {int: [8, 4096], step: 8}");
        CliResult result = Cli.inProcess("sweep", file.toString(), "--home", home().toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("learning_rte").contains("Did you mean 'learning_rate'")
                .contains("training.batch_size: choice needs at least one value")
                .contains("architecture.params.dropout").contains("[0.6, 0.2]")
                .contains("training.momentum: log_uniform needs 0 < low")
                .contains("architecture.params.filters").contains("4096").contains("1024")
                .contains(file + ", line " + (first + 4))
                .doesNotContain("Exception").doesNotContain("\tat ");
        // Nothing was recorded.
        assertThat(Cli.inProcess("sweeps", "--json", "--home", home().toString()).json().get("sweeps")).isEmpty();

        Path grid = file("grid.yaml", ExperimentFile.tiny(), "strategy: grid", "parameters:",
                "  training.learning_rate: {log_uniform: [0.001, 0.01]}");
        CliResult refused = Cli.inProcess("sweep", grid.toString(), "--home", home().toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("grid_points");

        Path unknownPath = file("path.yaml", ExperimentFile.tiny(), "strategy: random", "trials: 2", "parameters:",
                "  augmentations[2].params.probability: {uniform: [0, 1]}");
        CliResult path = Cli.inProcess("sweep", unknownPath.toString(), "--home", home().toString());
        assertThat(path.exitCode()).isEqualTo(2);
        assertThat(path.err()).contains("augmentations[2].params.probability");
    }

    @Test
    void runOnAFileWithASweepTrainsTheBaseExperimentOnceAndSaysHowToSweep() {
        Path file = file("base.yaml", ExperimentFile.tiny().withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 200")
                        .withLine(ExperimentFile.EPOCHS, "  epochs: 1"),
                "strategy: random", "trials: 3", "parameters:", "  training.learning_rate: {log_uniform: [0.0001, 0.01]}");
        CliResult result = Cli.inProcess("run", file.toString(), "--home", home().toString(), "--no-progress");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().findFirst().orElseThrow()).matches("r\\d+");
        assertThat(result.err()).contains("has a sweep: section").contains("workbench sweep " + file);
        JsonNode runs = Cli.inProcess("runs", "--json", "--home", home().toString()).json().get("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("sweep_id").isNull()).isTrue();
    }

    @Test
    void aRunKilledWithKill9IsFinishedByResumeWithTheMetricsOfAnUninterruptedRun() throws Exception {
        ExperimentFile experiment = ExperimentFile.tiny().withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 1500")
                .withLine(ExperimentFile.EPOCHS, "  epochs: 3");
        Path file = experiment.write(dir, "run.yaml");
        // Two cores for the trial: replicas: auto trains batches of 32 with 2 replicas (issue 19).
        Map<String, String> twoCores = Map.of("OMP_NUM_THREADS", "2");
        CliResult reference = Cli.trainingProcess(twoCores, "run", file.toString(), "--home",
                dir.resolve("reference").toString(), "--no-progress");
        assertThat(reference.exitCode()).as(reference.err()).isZero();
        assertThat(reference.out()).contains("Training with replicas 2 x 1 thread (auto: 2 cores for the trial, batch 32).");

        Cli.Started run = Cli.startTraining(twoCores, "run", file.toString(), "--home", home().toString(), "--no-progress");
        String runId = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && runId == null) {
            String out = run.output();
            assertThat(run.process().isAlive()).as(out).isTrue();
            // The run serves its database while it trains: wait until epoch 1 is committed.
            if (out.contains("Epoch 1/3") && java.nio.file.Files.exists(home().resolve("db/server.properties"))) {
                try (H2Database db = new HomeDatabase(home()).open()) {
                    String id = out.lines().findFirst().orElseThrow();
                    int recorded = new H2RunStore(db).epochs(id).size();
                    assertThat(recorded).as("killed too late").isLessThan(3);
                    if (recorded >= 1) {
                        runId = id;
                    }
                }
            }
            Thread.sleep(20);
        }
        assertThat(runId).as(run.output()).isNotNull();
        run.process().destroyForcibly().waitFor(); // SIGKILL in epoch 2
        // Resume waits for the killed process's lease (15 heartbeats of 2 s) to expire: the run reads interrupted.
        long leaseDeadline = System.currentTimeMillis() + 90_000;
        while (!Cli.process("show", runId, "--json", "--home", home().toString()).out().contains("\"interrupted\"")
                && System.currentTimeMillis() < leaseDeadline) {
            Thread.sleep(2_000);
        }

        // Resumed where auto would choose 1 replica: the trial keeps the 2 it started with.
        CliResult resumed = Cli.trainingProcess(Map.of("OMP_NUM_THREADS", "1"), "resume", runId, "--home",
                home().toString(), "--no-progress");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("Training with replicas 2 x 1 thread (as the trial started).");
        assertThat(resumed.out()).containsPattern("Resuming run " + runId + " after epoch [12]").contains("Epoch 3/3")
                .doesNotContain("Epoch 1/3");
        List<EpochMetrics> epochs;
        try (H2Database db = new HomeDatabase(home()).open()) {
            H2RunStore runs = new H2RunStore(db);
            assertThat(runs.findRun(runId).orElseThrow().summary().status()).isEqualTo(RunStatus.COMPLETED);
            epochs = runs.epochs(runId);
        }
        List<EpochMetrics> expected;
        try (H2Database db = new HomeDatabase(dir.resolve("reference")).open()) {
            H2RunStore runs = new H2RunStore(db);
            expected = runs.epochs(runs.listRuns(1).get(0).id());
        }
        assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        for (int i = 0; i < 3; i++) {
            for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
                assertThat(epochs.get(i).values().get(key)).as("epoch " + (i + 1) + " " + key)
                        .isEqualTo(expected.get(i).values().get(key));
            }
        }
        CliResult again = Cli.inProcess("resume", runId, "--home", home().toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already ended (completed)");
    }

    @Test
    void cancelStopsARunningSweepAndIdsOfSweepsAndRunsNeverCollide() throws Exception {
        Path file = file("cancel.yaml", ExperimentFile.tiny().withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 1500")
                        .withLine(ExperimentFile.EPOCHS, "  epochs: 20"),
                "strategy: random", "trials: 6", "parameters:", "  training.learning_rate: {log_uniform: [0.0001, 0.01]}");
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home().toString(), "--workers", "1");
        String sweepId = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && sweepId == null) {
            String out = sweep.output();
            if (out.contains("running:")) {
                sweepId = out.lines().findFirst().orElseThrow();
            }
            Thread.sleep(50);
        }
        assertThat(sweepId).as(sweep.output()).isNotNull();
        // While the sweep process holds the database, other commands reach it through its server.
        CliResult cancel = Cli.process("cancel", sweepId, "--home", home().toString());
        assertThat(cancel.exitCode()).as(cancel.out() + cancel.err()).isZero();
        assertThat(cancel.out()).contains("Cancelled " + sweepId);
        CliResult ended = sweep.finish(120);
        assertThat(ended.exitCode()).isEqualTo(1);
        assertThat(ended.out()).contains("Sweep " + sweepId + " cancelled");
        JsonNode status = Cli.process("sweep-status", sweepId, "--json", "--home", home().toString()).json();
        assertThat(status.get("status").asText()).isEqualTo("cancelled");
        for (JsonNode t : status.get("trials")) {
            assertThat(t.get("status").asText()).isEqualTo("cancelled");
            assertThat(t.get("id").asText()).startsWith("r").isNotEqualTo("r" + sweepId.substring(1));
        }
        CliResult unknown = Cli.process("cancel", "s999", "--home", home().toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no sweep with id 's999'");
        CliResult resume = Cli.process("resume", sweepId, "--home", home().toString());
        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.err()).contains("was cancelled");
    }

    @Test
    void aPrunedTrialKeepsItsEpochsAndSaysWhyAndTheLastEpochIsNeverPruned() {
        // Simulated epochs (--simulate-epochs, docs/sweeps.md): the median pruner acts through the real store and workers.
        Path file = file("pruned.yaml", ExperimentFile.tiny(), "strategy: random", "trials: 12", "seed: 5",
                "pruner: {type: median, warmup_epochs: 1, min_trials: 2}",
                "parameters:", "  training.learning_rate: {log_uniform: [0.00001, 0.1]}");
        JsonNode trials = status(simulatedSweep(file, 4)).get("trials");
        int pruned = 0;
        for (JsonNode t : trials) {
            if (t.get("status").asText().equals("pruned")) {
                pruned++;
                assertThat(t.get("reason").asText()).startsWith("median pruner:").contains("val_accuracy");
                assertThat(t.get("epochs").asInt()).isBetween(2, 3);
                assertThat(t.get("objective").isNumber()).isTrue();
            } else {
                assertThat(t.get("status").asText()).isEqualTo("completed");
                assertThat(t.get("epochs").asInt()).isEqualTo(4);
            }
        }
        assertThat(pruned).as(trials.toString()).isPositive().isLessThan(12);
    }

    @Test
    void theSimulationOptionsAreDocumentedInHelpAndBadValuesAreRefusedBeforeAnythingIsRecorded() {
        for (String command : List.of("sweep", "worker")) {
            CliResult help = Cli.inProcess(command, "--help");
            assertThat(help.out()).as(command).contains("--simulate-epochs=N", "--simulate-epoch-ms=MS", "without training");
        }
        Path file = file("simulated.yaml", ExperimentFile.tiny(), "strategy: random", "trials: 2", "seed: 5",
                "parameters:", "  training.learning_rate: {log_uniform: [0.00001, 0.1]}");
        CliResult zero = Cli.inProcess("sweep", file.toString(), "--home", home().toString(), "--simulate-epochs", "0");
        assertThat(zero.exitCode()).as(zero.describe()).isEqualTo(2);
        assertThat(zero.err().strip()).isEqualTo("error: --simulate-epochs must be at least 1, found 0");
        CliResult negative = Cli.inProcess("sweep", file.toString(), "--home", home().toString(), "--simulate-epochs", "2",
                "--simulate-epoch-ms", "-1");
        assertThat(negative.exitCode()).as(negative.describe()).isEqualTo(2);
        assertThat(negative.err().strip()).isEqualTo("error: --simulate-epoch-ms must be 0 or more, found -1");
        CliResult alone = Cli.inProcess("sweep", file.toString(), "--home", home().toString(), "--simulate-epoch-ms", "5");
        assertThat(alone.exitCode()).as(alone.describe()).isEqualTo(2);
        assertThat(alone.err().strip()).isEqualTo("error: --simulate-epoch-ms goes with --simulate-epochs");
        assertThat(Cli.inProcess("sweeps", "--json", "--home", home().toString()).json().get("sweeps")).isEmpty();
    }
}
