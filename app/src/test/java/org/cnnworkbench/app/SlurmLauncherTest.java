package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepJob;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.store.WorkerRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.cnnworkbench.app.launch.slurm.SlurmBatch;


/**
 * Sweeps whose workers are a real Slurm job array (the single-node cluster .ci/slurm-up.sh starts):
 * every trial runs exactly once with each epoch recorded once; a task cancelled with scancel in the
 * middle of a trial puts it back in the queue with its checkpoint and the other worker finishes it;
 * {@code cancel} scancels the jobs; workers with a time limit take no trial they cannot finish and
 * the sweep submits new jobs until it is done. Skipped, with the reason, where no cluster answers
 * (unless WORKBENCH_REQUIRE_SLURM=1, as in CI, which turns the skip into a failure).
 */
class SlurmLauncherTest {
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path dir;

    @BeforeAll
    static void slurmAnswers() throws Exception {
        SlurmCluster.assumeUp();
    }

    private Path home() {
        return dir.resolve("home");
    }

    private Path sweepFile(int train, int epochs, String... sweep) {
        return SweepWatch.sweepFile(dir, train, epochs, sweep);
    }

    @Test
    void aSweepRunsAsAJobArrayEveryTrialExactlyOnceEachEpochOnce() throws Exception {
        Path file = sweepFile(300, 2, "strategy: grid", "trials: 4", "parallelism: 2",
                "parameters:", "  training.learning_rate: {choice: [0.001, 0.003]}", "  training.batch_size: {choice: [32, 64]}");
        CliResult result = Cli.trainingProcess(Cli.builtInPlugins(), "sweep", file.toString(), "--home", home().toString(),
                "--launcher", "slurm", "--cpus-per-worker", "1");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        String sweepId = result.out().lines().findFirst().orElseThrow();
        assertThat(result.out()).contains("Submitted Slurm job array").contains("Sweep " + sweepId + " completed");

        JsonNode status = Cli.process("sweep-status", sweepId, "--json", "--home", home().toString()).json();
        assertThat(status.get("jobs")).hasSize(1);
        String jobId = status.get("jobs").get(0).get("job_id").asText();
        assertThat(status.get("jobs").get(0).get("tasks").asInt()).isEqualTo(2);
        JsonNode trials = status.get("trials");
        assertThat(trials).hasSize(4);
        Set<String> combinations = new HashSet<>();
        for (JsonNode t : trials) {
            assertThat(t.get("status").asText()).isEqualTo("completed");
            assertThat(t.get("attempts").asInt()).isEqualTo(1);
            combinations.add(t.get("params").get("training.learning_rate").asText() + "/"
                    + t.get("params").get("training.batch_size").asText());
        }
        assertThat(combinations).hasSize(4);
        try (H2Database db = new HomeDatabase(home()).open()) {
            H2RunStore runs = new H2RunStore(db);
            for (JsonNode t : trials) {
                assertThat(runs.epochs(t.get("id").asText())).extracting(EpochMetrics::epoch).containsExactly(1, 2);
            }
            SweepDetail detail = new H2SweepStore(db).findSweep(sweepId).orElseThrow();
            // The two workers were the two array tasks, each with its Slurm job id.
            assertThat(detail.workers()).extracting(WorkerRow::jobId).containsExactlyInAnyOrder(jobId + "_0", jobId + "_1");
        }
        String plain = result.out();
        String human = Cli.process("sweep-status", sweepId, "--home", home().toString()).out();
        assertThat(human).contains("Slurm job array " + jobId + ": 2 workers").contains(jobId + "_0").contains(jobId + "_1");
        // The database password is in the job's environment only: not in the batch script, not in the output.
        String password = new HomeDatabase(home()).password();
        Path script = home().resolve("workers").resolve("slurm-" + sweepId + "-1.sh");
        assertThat(Files.readString(script)).contains("#SBATCH --array=0-1").contains("worker --sweep " + sweepId)
                .doesNotContain(password);
        assertThat(plain).doesNotContain(password);
        assertThat(home().resolve("workers").resolve("slurm-" + sweepId + "-" + jobId + "_0.log")).exists();
    }

    @Test
    void aTaskCancelledMidTrialRequeuesItsTrialWhichTheOtherWorkerFinishesFromItsCheckpoint() throws Exception {
        Path file = sweepFile(1500, 6, "strategy: grid", "trials: 2", "parallelism: 2",
                "parameters:", "  training.learning_rate: {choice: [0.001, 0.002]}");
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home().toString(), "--launcher", "slurm",
                "--cpus-per-worker", "1");
        SweepDetail running = awaitSweep(d -> d.trials().size() == 2
                && d.trials().stream().allMatch(t -> t.status() == RunStatus.RUNNING)
                && d.trials().stream().anyMatch(t -> t.epochs() >= 1 && t.epochs() <= 3), sweep);
        TrialRow victim = running.trials().stream().filter(t -> t.epochs() >= 1 && t.epochs() <= 3).findFirst().orElseThrow();
        WorkerRow worker = running.workers().stream().filter(w -> victim.id().equals(w.trialId())).findFirst().orElseThrow();
        // The worker's command line, which ps and squeue show, does not carry the database password.
        String commandLine = Files.readString(Path.of("/proc", Long.toString(worker.pid()), "cmdline")).replace('\0', ' ');
        assertThat(commandLine).contains("worker").contains("--sweep").doesNotContain(new HomeDatabase(home()).password());

        Process scancel = new ProcessBuilder("scancel", worker.jobId()).inheritIO().start();
        assertThat(scancel.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(scancel.exitValue()).isZero();

        CliResult result = sweep.finish(TIMEOUT_SECONDS);
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("trial " + victim.number() + " (" + victim.id() + ") back in the queue")
                .contains("SIGTERM");
        try (H2Database db = new HomeDatabase(home()).open()) {
            SweepDetail detail = new H2SweepStore(db).findSweep(running.summary().id()).orElseThrow();
            assertThat(detail.trials()).extracting(TrialRow::status).containsOnly(RunStatus.COMPLETED);
            H2RunStore runs = new H2RunStore(db);
            for (TrialRow t : detail.trials()) {
                assertThat(runs.epochs(t.id())).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3, 4, 5, 6);
            }
            // Finished by the other task of the array.
            String other = running.workers().stream().filter(w -> !w.id().equals(worker.id())).findFirst().orElseThrow().jobId();
            WorkerRow cancelled = detail.workers().stream().filter(w -> w.id().equals(worker.id())).findFirst().orElseThrow();
            assertThat(cancelled.state()).isEqualTo("exited");
            assertThat(detail.workers()).extracting(WorkerRow::jobId).containsExactlyInAnyOrder(worker.jobId(), other);
        }
        assertThat(Files.readString(home().resolve("runs").resolve(victim.id()).resolve("trial.log")))
                .contains("Resuming run " + victim.id() + " after epoch");
        String taskLog = Files.readString(home().resolve("workers").resolve("slurm-" + running.summary().id() + "-"
                + worker.jobId() + ".log"));
        assertThat(taskLog).contains("back in the queue: worker " + worker.id() + " was asked to stop (SIGTERM)");
    }

    @Test
    void cancelStopsTheSweepAndScancelsItsJobs() throws Exception {
        Path file = sweepFile(100, 1, "strategy: grid", "trials: 3", "parallelism: 2",
                "parameters:", "  training.learning_rate: {choice: [0.001, 0.002, 0.003]}");
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home().toString(), "--launcher", "slurm",
                "--cpus-per-worker", "1", "--simulate-epochs", "200", "--simulate-epoch-ms", "500");
        SweepDetail running = awaitSweep(d -> d.trials().stream().anyMatch(t -> t.status() == RunStatus.RUNNING && t.epochs() >= 1),
                sweep);
        String sweepId = running.summary().id();
        CliResult cancel = Cli.process("cancel", sweepId, "--home", home().toString());
        assertThat(cancel.exitCode()).as(cancel.out() + cancel.err()).isZero();
        String jobId = readJobs(sweepId).get(0).jobId();
        assertThat(cancel.out()).contains("Cancelled " + sweepId).contains("scancel " + jobId + ": done");
        CliResult result = sweep.finish(TIMEOUT_SECONDS);
        assertThat(result.out()).contains("Sweep " + sweepId + " cancelled");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(SlurmBatch.activeTasks(List.of(jobId))).isEmpty();
        try (H2Database db = new HomeDatabase(home()).open()) {
            assertThat(new H2SweepStore(db).findSweep(sweepId).orElseThrow().trials()).extracting(TrialRow::status)
                    .doesNotContain(RunStatus.RUNNING, RunStatus.QUEUED);
        }
    }

    @Test
    void pauseEndsTheJobsAndResumeFinishesOnSlurmWithEveryEpochOnce() throws Exception {
        Path file = sweepFile(100, 1, "strategy: grid", "trials: 2", "parallelism: 1",
                "parameters:", "  training.learning_rate: {choice: [0.001, 0.002]}");
        // Simulated epochs of 0.8 s: the first trial is mid-way through its 6 epochs when the pause comes.
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home().toString(), "--launcher", "slurm",
                "--cpus-per-worker", "1", "--heartbeat-seconds", "0.5", "--simulate-epochs", "6", "--simulate-epoch-ms", "800");
        SweepDetail running = awaitSweep(d -> d.trials().stream().anyMatch(t -> t.status() == RunStatus.RUNNING && t.epochs() >= 1),
                sweep);
        String sweepId = running.summary().id();
        CliResult pause = Cli.process("pause", sweepId, "--home", home().toString());
        assertThat(pause.exitCode()).as(pause.describe()).isZero();

        CliResult ended = sweep.finish(TIMEOUT_SECONDS);
        assertThat(ended.exitCode()).as(ended.out() + ended.err()).isZero();
        assertThat(ended.out()).contains("Sweep " + sweepId + " is paused", "./workbench resume " + sweepId);
        List<String> firstJobs = readJobs(sweepId).stream().map(SweepJob::jobId).toList();
        assertThat(SlurmBatch.activeTasks(firstJobs)).as("the paused sweep's tasks have left the queue").isEmpty();
        try (H2Database db = new HomeDatabase(home()).open()) {
            SweepDetail paused = new H2SweepStore(db).findSweep(sweepId).orElseThrow();
            assertThat(paused.summary().state()).isEqualTo(org.cnnworkbench.engine.store.SweepState.PAUSED);
            assertThat(paused.trials()).extracting(TrialRow::status).doesNotContain(RunStatus.RUNNING);
        }

        CliResult resumed = Cli.trainingProcess(Cli.builtInPlugins(), "resume", sweepId, "--home", home().toString(),
                "--cpus-per-worker", "1", "--simulate-epochs", "6", "--simulate-epoch-ms", "800");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("Sweep " + sweepId + " completed");
        assertThat(readJobs(sweepId)).as("resume submitted a new job array on the launcher the sweep used")
                .hasSizeGreaterThan(firstJobs.size());
        try (H2Database db = new HomeDatabase(home()).open()) {
            SweepDetail done = new H2SweepStore(db).findSweep(sweepId).orElseThrow();
            assertThat(done.trials()).hasSize(2).extracting(TrialRow::status).containsOnly(RunStatus.COMPLETED);
            org.cnnworkbench.db.H2RunStore runs = new org.cnnworkbench.db.H2RunStore(db);
            for (TrialRow t : done.trials()) {
                assertThat(runs.epochs(t.id())).as(t.id()).extracting(e -> e.epoch()).containsExactly(1, 2, 3, 4, 5, 6);
            }
        }
    }

    @Test
    void workersWithATimeLimitTakeNoTrialTheyCannotFinishAndNewJobsFinishTheSweep() throws Exception {
        Path file = sweepFile(100, 1, "strategy: grid", "trials: 4", "parallelism: 1",
                "parameters:", "  training.learning_rate: {choice: [0.001, 0.002, 0.003, 0.004]}");
        // Each trial takes ~3 s; a worker has 10 s from its start: two or three trials per job.
        CliResult result = Cli.trainingProcess(Cli.builtInPlugins(), "sweep", file.toString(), "--home", home().toString(),
                "--launcher", "slurm", "--cpus-per-worker", "1", "--time", "0:10", "--simulate-epochs", "3",
                "--simulate-epoch-ms", "1000");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        String sweepId = result.out().lines().findFirst().orElseThrow();
        assertThat(result.out()).contains("ended with work left").contains("Sweep " + sweepId + " completed");
        List<SweepJob> jobs = readJobs(sweepId);
        assertThat(jobs.size()).isGreaterThanOrEqualTo(2);
        StringBuilder logs = new StringBuilder();
        for (SweepJob job : jobs) {
            logs.append(Files.readString(home().resolve("workers").resolve("slurm-" + sweepId + "-" + job.jobId() + "_0.log")));
        }
        assertThat(logs).contains("its wall time is nearly over");
        try (H2Database db = new HomeDatabase(home()).open()) {
            SweepDetail detail = new H2SweepStore(db).findSweep(sweepId).orElseThrow();
            assertThat(detail.trials()).hasSize(4).allSatisfy(t -> {
                assertThat(t.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(t.attempts()).isEqualTo(1);
            });
        }
    }

    private List<SweepJob> readJobs(String sweepId) {
        try (H2Database db = new HomeDatabase(home()).open()) {
            return new H2SweepStore(db).jobs(sweepId);
        }
    }

    private Optional<SweepDetail> readSweep() {
        return SweepWatch.read(home());
    }

    private SweepDetail awaitSweep(Predicate<SweepDetail> condition, Cli.Started process) throws InterruptedException {
        return SweepWatch.await(home(), condition, process, TIMEOUT_SECONDS);
    }
}
