package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.TrialRow;
import org.junit.jupiter.api.Test;

/**
 * Pausing and resuming a sweep on real processes: {@code pause} while a trial trains puts it back in the
 * queue at its next batch, the workers leave and the watching {@code sweep} ends with exit 0 saying how
 * to resume; {@code resume} finishes it with every epoch of every trial recorded exactly once.
 */
class SweepLifecycleTest extends SweepCliTest {

    @Test
    void pauseSendsRunningTrialsBackToTheQueueAndResumeFinishesWithEveryEpochOnce() throws Exception {
        // 8 epochs and a heartbeat every 0.5 s: the worker sees the pause (it reads the sweep's state once
        // per heartbeat) long before a trial that had trained one epoch could finish its last.
        Path file = SweepWatch.sweepFile(dir, 900, 8, "strategy: random", "trials: 2", "seed: 3",
                "parameters:", "  training.learning_rate: {log_uniform: [0.0005, 0.005]}");
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home().toString(), "--workers", "1",
                "--heartbeat-seconds", "0.5");
        SweepDetail midway = SweepWatch.await(home(), d -> d.trials().stream()
                .anyMatch(t -> t.status() == RunStatus.RUNNING && t.epochs() >= 1), sweep, 240);
        String sweepId = midway.summary().id();

        CliResult pause = Cli.process("pause", sweepId, "--home", home().toString());
        assertThat(pause.exitCode()).as(pause.describe()).isZero();
        assertThat(pause.out()).contains("Paused " + sweepId, "./workbench resume " + sweepId);

        CliResult ended = sweep.finish(180);
        assertThat(ended.exitCode()).as(ended.out() + ended.err()).isZero();
        assertThat(ended.out()).contains("Sweep " + sweepId + " is paused", "./workbench resume " + sweepId);
        String interrupted;
        try (H2Database db = new HomeDatabase(home()).open()) {
            SweepDetail paused = new H2SweepStore(db).findSweep(sweepId).orElseThrow();
            assertThat(paused.summary().state()).isEqualTo(SweepState.PAUSED);
            assertThat(paused.trials()).extracting(TrialRow::status).doesNotContain(RunStatus.RUNNING);
            TrialRow back = paused.trials().stream().filter(t -> t.status() == RunStatus.QUEUED).findFirst()
                    .orElseThrow(() -> new AssertionError("no trial went back to the queue: " + paused.trials()));
            assertThat(back.reason()).contains("paused");
            assertThat(back.epochs()).isBetween(1, 7);
            assertThat(paused.workers()).allSatisfy(w -> assertThat(w.state()).isNotEqualTo("running"));
            interrupted = back.id();
        }
        CliResult again = Cli.process("pause", sweepId, "--home", home().toString());
        assertThat(again.out()).contains("already paused");

        CliResult resumed = Cli.trainingProcess(Cli.builtInPlugins(), "resume", sweepId, "--home", home().toString());
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("Sweep " + sweepId + " completed");
        try (H2Database db = new HomeDatabase(home()).open()) {
            SweepDetail after = new H2SweepStore(db).findSweep(sweepId).orElseThrow();
            assertThat(after.summary().state()).isEqualTo(SweepState.COMPLETED);
            assertThat(after.trials()).hasSize(2).extracting(TrialRow::status).containsOnly(RunStatus.COMPLETED);
            H2RunStore runs = new H2RunStore(db);
            for (TrialRow t : after.trials()) {
                assertThat(runs.epochs(t.id())).as(t.id()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            }
            assertThat(after.trials().stream().filter(t -> t.id().equals(interrupted)).findFirst().orElseThrow().attempts())
                    .isGreaterThanOrEqualTo(1);
        }
        CliResult done = Cli.process("pause", sweepId, "--home", home().toString());
        assertThat(done.exitCode()).isEqualTo(2);
        assertThat(done.err()).contains("sweep " + sweepId + " has already completed; only a queued or running sweep can be paused");
    }

    private Path file(String name, String... sweep) {
        return SweepWatch.sweepFile(dir, name, ExperimentFile.tiny(), sweep);
    }

    @Test
    void aWarmStartUsesTheEarlierTrialsThatFitAndListsTheOthers() {
        Path wide = file("wide.yaml", "strategy: random", "trials: 8", "seed: 1",
                "parameters:", "  training.learning_rate: {log_uniform: [0.00001, 0.1]}");
        CliResult first = Cli.process("sweep", wide.toString(), "--home", home().toString(), "--workers", "1",
                "--simulate-epochs", "2");
        assertThat(first.exitCode()).as(first.describe()).isZero();
        String earlier = first.out().lines().findFirst().orElseThrow();
        JsonNode trials = Cli.process("sweep-status", earlier, "--json", "--home", home().toString()).json().get("trials");
        java.util.List<String> inside = new java.util.ArrayList<>();
        java.util.List<String> outside = new java.util.ArrayList<>();
        for (JsonNode t : trials) {
            double lr = t.at("/params/training.learning_rate").asDouble();
            (lr >= 1e-4 && lr <= 1e-2 ? inside : outside).add(t.get("id").asText());
        }
        assertThat(inside).hasSizeGreaterThanOrEqualTo(2);
        assertThat(outside).isNotEmpty();

        String[] narrow = {"strategy: tpe", "trials: 2", "seed: 5", "strategy_options: {n_startup: 2}",
                "parameters:", "  training.learning_rate: {log_uniform: [0.0001, 0.01]}"};
        CliResult warm = Cli.process("sweep", file("warm.yaml", narrow).toString(), "--warm-start", earlier, "--home",
                home().toString(), "--workers", "1", "--simulate-epochs", "2");
        assertThat(warm.exitCode()).as(warm.describe()).isZero();
        assertThat(warm.err()).contains("Warm start: " + inside.size() + " finished trials of " + earlier
                + " as the strategy's history; left out (they do not fit this sweep):");
        for (String id : outside) {
            assertThat(warm.err()).contains("  " + id + " of " + earlier + ": training.learning_rate = ");
        }
        for (String id : inside) {
            assertThat(warm.err()).doesNotContain("  " + id + " of ");
        }
        // The same sweep without the history starts at random; with it, TPE proposes from the start.
        CliResult cold = simulatedSweep(file("cold.yaml", narrow), 2);
        JsonNode warmFirst = status(warm).at("/trials/0/params");
        JsonNode coldFirst = status(cold).at("/trials/0/params");
        assertThat(warmFirst).isNotEqualTo(coldFirst);
        CliResult unknown = Cli.process("sweep", file("bad.yaml", narrow).toString(), "--warm-start", "s99", "--home",
                home().toString(), "--simulate-epochs", "2");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("warm start: no sweep with id 's99'");
    }

    @Test
    void extendingARunningSweepGivesItsWorkersTheNewBudgetAndItCompletesOnlyWhenThatIsSpent() throws Exception {
        // Simulated epochs of 1.5 s: the first of 2 trials is still running when extend adds 2 more.
        Path file = file("running.yaml", ExperimentFile.tiny(), "strategy: random", "trials: 2", "seed: 6",
                "parameters:", "  training.learning_rate: {log_uniform: [0.0001, 0.01]}");
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home().toString(), "--workers", "1",
                "--simulate-epochs", "3", "--simulate-epoch-ms", "1500");
        SweepDetail running = SweepWatch.await(home(), d -> d.trials().stream().anyMatch(t -> t.status() == RunStatus.RUNNING),
                sweep, 120);
        String sweepId = running.summary().id();

        CliResult extend = Cli.process("extend", sweepId, "--trials", "2", "--home", home().toString());
        assertThat(extend.exitCode()).as(extend.describe()).isZero();
        assertThat(extend.out()).contains("Extended " + sweepId + " while it runs: budget 4 configurations (was 2)");

        CliResult ended = sweep.finish(180);
        assertThat(ended.exitCode()).as(ended.out() + ended.err()).isZero();
        assertThat(ended.out()).contains("Sweep " + sweepId + " completed");
        JsonNode doc = Cli.process("sweep-status", sweepId, "--json", "--home", home().toString()).json();
        assertThat(doc.get("status").asText()).isEqualTo("completed");
        assertThat(doc.at("/budget/trials").asInt()).isEqualTo(4);
        assertThat(doc.get("trials")).hasSize(4).allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("completed"));
    }

    @Test
    void extendingAFinishedTpeSweepRunsMoreTrialsProposedFromItsHistory() throws Exception {
        String[] section = {"strategy: tpe", "trials: 2", "seed: 4", "strategy_options: {n_startup: 1}",
                "parameters:", "  training.learning_rate: {log_uniform: [0.0001, 0.01]}"};
        Path file = SweepWatch.sweepFile(dir, 300, 1, section);
        CliResult first = Cli.trainingProcess(Cli.builtInPlugins(), "sweep", file.toString(), "--home", home().toString(),
                "--workers", "1");
        assertThat(first.exitCode()).as(first.describe()).isZero();
        String sweepId = first.out().lines().findFirst().orElseThrow();

        CliResult extend = Cli.trainingProcess(Cli.builtInPlugins(), "extend", sweepId, "--trials", "1", "--home",
                home().toString(), "--workers", "1");
        assertThat(extend.exitCode()).as(extend.describe()).isZero();
        assertThat(extend.out()).contains("Extended " + sweepId + ": budget 3 configurations (was 2)", "Sweep " + sweepId + " completed");
        JsonNode doc = Cli.process("sweep-status", sweepId, "--json", "--home", home().toString()).json();
        assertThat(doc.get("status").asText()).isEqualTo("completed");
        assertThat(doc.at("/budget/trials").asInt()).isEqualTo(3);
        JsonNode trials = doc.get("trials");
        assertThat(trials).hasSize(3);
        // The third configuration is what TPE proposes from the first two, not a fresh random draw.
        var spec = org.cnnworkbench.sweep.SweepSpec.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"strategy\": \"tpe\", \"trials\": 3, \"seed\": 4, \"strategy_options\": {\"n_startup\": 1}, \"parameters\": "
                        + "{\"training.learning_rate\": {\"log_uniform\": [0.0001, 0.01]}}}"), "/sweep", (at, m) -> { });
        var sampler = org.cnnworkbench.sweep.Samplers.create(spec);
        java.util.List<org.cnnworkbench.sweep.FinishedTrial> history = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode t = trials.get(i);
            history.add(new org.cnnworkbench.sweep.FinishedTrial(i, java.util.Map.of("training.learning_rate",
                    t.at("/params/training.learning_rate").asDouble()), false, t.get("objective").asDouble()));
        }
        double proposed = (Double) sampler.sample(2, history).get("training.learning_rate");
        assertThat(trials.get(2).at("/params/training.learning_rate").asDouble()).isEqualTo(proposed)
                .isNotEqualTo((Double) sampler.sample(2, java.util.List.of()).get("training.learning_rate"));
        try (H2Database db = new HomeDatabase(home()).open()) {
            H2RunStore runs = new H2RunStore(db);
            for (JsonNode t : trials) {
                assertThat(runs.epochs(t.get("id").asText())).extracting(EpochMetrics::epoch).containsExactly(1);
            }
        }
        CliResult none = Cli.process("extend", sweepId, "--home", home().toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("extend needs --trials N");
    }

    @Test
    void pauseRefusesWhatIsNotAPausableSweep() {
        CliResult bad = Cli.inProcess("pause", "r3", "--home", home().toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'r3' is not a sweep id; pause takes a sweep id such as s3");
        CliResult missing = Cli.inProcess("pause", "s99", "--home", home().toString());
        assertThat(missing.exitCode()).as(missing.describe()).isNotZero();
        assertThat(missing.err()).contains("no sweep with id 's99'");
    }
}
