package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.store.WorkerRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/**
 * Sweeps on real worker processes, real H2 served over TCP and real (tiny) training: two workers
 * share a grid, a worker killed with {@code kill -9} in the middle of an epoch has its trial resumed
 * from its checkpoint, a killed sweep process is finished by {@code resume}, a trial whose plugin
 * throws fails alone.
 */
class SweepProcessTest {
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    private Path sweepFile(int train, int epochs, String... sweep) {
        return SweepWatch.sweepFile(dir, train, epochs, sweep);
    }

    @Test
    void twoWorkerProcessesShareAGridAndRunEveryTrialExactlyOnce() {
        Path file = sweepFile(300, 2, "strategy: grid", "trials: 4",
                "parameters:", "  training.learning_rate: {choice: [0.001, 0.003]}", "  training.batch_size: {choice: [32, 64]}");
        CliResult result = Cli.trainingProcess(Cli.builtInPlugins(), "sweep", file.toString(), "--home", home().toString(),
                "--workers", "2");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        String sweepId = result.out().lines().findFirst().orElseThrow();
        assertThat(sweepId).matches("s\\d+");
        assertThat(result.out()).contains("Sweep " + sweepId + " completed").contains("Best: r");

        JsonNode status = Cli.process("sweep-status", sweepId, "--json", "--home", home().toString()).json();
        assertThat(status.get("id").asText()).isEqualTo(sweepId);
        assertThat(status.get("status").asText()).isEqualTo("completed");
        JsonNode trials = status.get("trials");
        assertThat(trials).hasSize(4);
        Set<String> combinations = new HashSet<>();
        Set<String> workers = new HashSet<>();
        for (JsonNode t : trials) {
            assertThat(t.get("status").asText()).isEqualTo("completed");
            assertThat(t.get("attempts").asInt()).isEqualTo(1);
            assertThat(t.get("epochs").asInt()).isEqualTo(2);
            assertThat(t.get("objective").isNumber()).isTrue();
            combinations.add(t.get("params").get("training.learning_rate").asText() + "/"
                    + t.get("params").get("training.batch_size").asText());
            workers.add(t.get("worker").asText());
        }
        assertThat(combinations).containsExactlyInAnyOrder("0.001/32", "0.001/64", "0.003/32", "0.003/64");
        assertThat(status.get("workers")).hasSize(2);
        try (H2Database db = new HomeDatabase(home()).open()) {
            H2RunStore runs = new H2RunStore(db);
            for (JsonNode t : trials) {
                String id = t.get("id").asText();
                assertThat(runs.epochs(id)).extracting(EpochMetrics::epoch).containsExactly(1, 2);
                // The resolved configuration recorded with the trial has its sampled values.
                assertThat(runs.findRun(id).orElseThrow().configJson())
                        .contains("\"batch_size\":" + t.get("params").get("training.batch_size").asText());
            }
        }
        String firstTrial = trials.get(0).get("id").asText();
        CliResult logs = Cli.process("logs", firstTrial, "--home", home().toString());
        assertThat(logs.out()).contains("Run " + firstTrial).contains("Epoch 2/2").contains("Trial ");
        CliResult list = Cli.process("sweeps", "--json", "--home", home().toString());
        assertThat(list.json().get("sweeps").get(0).get("trials")).hasSize(4);
    }

    @Test
    void onlyATrialStartingAloneAtTheEndOfTheSweepTakesTheIdleWorkersCores() {
        // Two 1-thread workers, three trials of 1 epoch (batch 32: 2 replicas need 2 cores). Which trial, if any,
        // starts alone depends on timing; what must hold is when it may (issue 19).
        Path file = sweepFile(300, 1, "strategy: grid", "trials: 3",
                "parameters:", "  training.learning_rate: {choice: [0.001, 0.002, 0.003]}");
        CliResult result = Cli.trainingProcess(Cli.builtInPlugins(), "sweep", file.toString(), "--home", home().toString(),
                "--workers", "2", "--threads", "1");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        String sweepId = result.out().lines().findFirst().orElseThrow();
        try (H2Database db = new HomeDatabase(home()).open()) {
            SweepDetail detail = new H2SweepStore(db).findSweep(sweepId).orElseThrow();
            assertThat(detail.trials()).hasSize(3).extracting(TrialRow::status).containsOnly(RunStatus.COMPLETED);
            int first = detail.trials().stream().mapToInt(TrialRow::number).min().orElseThrow();
            H2RunStore runs = new H2RunStore(db);
            for (TrialRow t : detail.trials()) {
                String provenance = runs.findRun(t.id()).orElseThrow().provenanceJson();
                JsonNode plan = new com.fasterxml.jackson.databind.ObjectMapper().readTree(provenance).get("replicas");
                assertThat(plan).as("the replica plan in the provenance of " + t.id() + ": " + provenance).isNotNull();
                String chosen = plan.get("chosen").asText();
                assertThat(plan.get("threads_per_replica").asInt()).isEqualTo(1);
                if (chosen.contains("alone at the end of its sweep")) {
                    // It may: the launch's 2 cores, 2 replicas, and no other trial trained while it did.
                    assertThat(plan.get("replicas").asInt()).isEqualTo(2);
                    assertThat(chosen).contains("auto: 2 cores for the trial");
                    // (Its worker reads the sweep just after the claim that set startedAt: a trial may end in between.)
                    for (TrialRow other : detail.trials()) {
                        if (!other.id().equals(t.id())) {
                            assertThat(other.endedAt()).as(other.id() + " ended before " + t.id() + " started")
                                    .isLessThanOrEqualTo(t.startedAt() + 3_000);
                        }
                    }
                } else {
                    // Its worker's own core: one replica.
                    assertThat(plan.get("replicas").asInt()).as(t.id() + ": " + chosen).isEqualTo(1);
                    assertThat(chosen).contains("auto: 1 core for the trial");
                }
                if (t.number() == first) {
                    assertThat(chosen).as("the first trial never starts alone: configurations were left")
                            .doesNotContain("alone");
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWorkerKilledInTheMiddleOfAnEpochHasItsTrialResumedFromItsCheckpoint() throws Exception {
        Path file = sweepFile(1200, 4, "strategy: grid", "trials: 2",
                "parameters:", "  training.learning_rate: {choice: [0.001, 0.002]}");
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home().toString(), "--workers", "1");
        TrialRow victim = null;
        long pid = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(TIMEOUT_SECONDS).toNanos();
        while (victim == null && System.nanoTime() < deadline) {
            Optional<SweepDetail> detail = readSweep();
            if (detail.isPresent()) {
                for (TrialRow t : detail.get().trials()) {
                    if (t.status() == RunStatus.RUNNING && t.epochs() >= 1 && t.epochs() < 4) {
                        for (WorkerRow w : detail.get().workers()) {
                            if (t.id().equals(w.trialId()) && "running".equals(w.state())) {
                                victim = t;
                                pid = w.pid();
                            }
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        assertThat(victim).as("a trial running past its first epoch\n" + sweep.output()).isNotNull();
        ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
        assertThat(worker.destroyForcibly()).isTrue(); // SIGKILL
        CliResult result = sweep.finish(TIMEOUT_SECONDS);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("died").contains("back in the queue");

        try (H2Database db = new HomeDatabase(home()).open()) {
            SweepDetail detail = new H2SweepStore(db).findSweep(result.out().lines().findFirst().orElseThrow()).orElseThrow();
            String victimId = victim.id();
            TrialRow after = detail.trials().stream().filter(t -> t.id().equals(victimId)).findFirst().orElseThrow();
            assertThat(after.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(after.attempts()).isEqualTo(2);
            assertThat(new H2RunStore(db).epochs(victimId)).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3, 4);
            assertThat(detail.trials()).extracting(TrialRow::status).containsOnly(RunStatus.COMPLETED);
        }
        assertThat(Files.readString(home().resolve("runs").resolve(victim.id()).resolve("trial.log")))
                .contains("Resuming run " + victim.id() + " after epoch");
        assertThat(home().resolve("runs").resolve(victim.id()).resolve("checkpoints")).doesNotExist();
    }

    @Test
    void aKilledSweepProcessIsFinishedByResumeWithNothingLost() throws Exception {
        Path file = sweepFile(900, 3, "strategy: random", "trials: 3", "seed: 3",
                "parameters:", "  training.learning_rate: {log_uniform: [0.0005, 0.005]}");
        // --db-wait-seconds 5: once the sweep process (which serves the database) is gone, its worker waits
        // 5 s for the database to come back (120 s by default) before it gives up.
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home().toString(), "--workers", "1",
                "--db-wait-seconds", "5");
        Predicate<SweepDetail> midway = d -> d.trials().stream().anyMatch(t -> t.status() == RunStatus.COMPLETED)
                && d.trials().stream().anyMatch(t -> t.status() == RunStatus.RUNNING && t.epochs() >= 1);
        SweepDetail before = awaitSweep(midway, sweep);
        List<Long> workerPids = before.workers().stream().filter(w -> "running".equals(w.state())).map(WorkerRow::pid).toList();
        sweep.process().destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        // Its workers lose the database and stop on their own once the wait is over.
        for (long pid : workerPids) {
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join());
        }
        String sweepId = before.summary().id();
        CliResult resumed = Cli.trainingProcess(Cli.builtInPlugins(), "resume", sweepId, "--home", home().toString());
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("back in the queue").contains("Sweep " + sweepId + " completed");
        try (H2Database db = new HomeDatabase(home()).open()) {
            SweepDetail after = new H2SweepStore(db).findSweep(sweepId).orElseThrow();
            assertThat(after.trials()).hasSize(3).extracting(TrialRow::status).containsOnly(RunStatus.COMPLETED);
            H2RunStore runs = new H2RunStore(db);
            for (TrialRow t : after.trials()) {
                assertThat(runs.epochs(t.id())).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
            }
            // Every epoch recorded before the kill is still there, with the same values.
            for (TrialRow t : before.trials()) {
                if (t.status() == RunStatus.COMPLETED) {
                    assertThat(after.trials().stream().filter(a -> a.id().equals(t.id())).findFirst().orElseThrow().objective())
                            .isEqualTo(t.objective());
                }
            }
        }
    }

    @Test
    void aTrialWhosePluginThrowsFailsWithItsStackTraceAndTheOthersComplete() {
        Path file = sweepFile(200, 1, "strategy: grid", "trials: 2",
                "parameters:", "  architecture.params.kernel_size: {choice: [3, 15]}");
        CliResult result = Cli.trainingProcess(Cli.builtInPlugins(), "sweep", file.toString(), "--home", home().toString(),
                "--workers", "1");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("1 failed").contains("Failed: trial");
        JsonNode trials = Cli.process("sweep-status", result.out().lines().findFirst().orElseThrow(), "--json", "--home",
                home().toString()).json().get("trials");
        String failed = null;
        for (JsonNode t : trials) {
            boolean big = t.get("params").get("architecture.params.kernel_size").asInt() == 15;
            assertThat(t.get("status").asText()).isEqualTo(big ? "failed" : "completed");
            if (big) {
                failed = t.get("id").asText();
                assertThat(t.get("reason").asText()).contains("102x102");
            }
        }
        JsonNode shown = Cli.process("show", failed, "--json", "--home", home().toString()).json();
        assertThat(shown.get("error").asText()).contains("at org.cnnworkbench");
    }

    private Optional<SweepDetail> readSweep() {
        return SweepWatch.read(home());
    }

    private SweepDetail awaitSweep(Predicate<SweepDetail> condition, Cli.Started process) throws InterruptedException {
        return SweepWatch.await(home(), condition, process, TIMEOUT_SECONDS);
    }
}
