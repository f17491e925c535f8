package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * Pausing and resuming a sweep on real processes: {@code pause} while a trial trains puts it back in the
 * queue at its next batch, the workers leave and the watching {@code sweep} ends with exit 0 saying how
 * to resume; {@code resume} finishes it with every epoch of every trial recorded exactly once.
 */
class SweepLifecycleTest {
    @TempDir
    Path dir;

    private Path home() {
        return dir.resolve("home");
    }

    @Test
    void pauseSendsRunningTrialsBackToTheQueueAndResumeFinishesWithEveryEpochOnce() throws Exception {
        Path file = SweepWatch.sweepFile(dir, 900, 3, "strategy: random", "trials: 2", "seed: 3",
                "parameters:", "  training.learning_rate: {log_uniform: [0.0005, 0.005]}");
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home().toString(), "--workers", "1");
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
            assertThat(back.epochs()).isBetween(1, 2);
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
                assertThat(runs.epochs(t.id())).as(t.id()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
            }
            assertThat(after.trials().stream().filter(t -> t.id().equals(interrupted)).findFirst().orElseThrow().attempts())
                    .isGreaterThanOrEqualTo(1);
        }
        CliResult done = Cli.process("pause", sweepId, "--home", home().toString());
        assertThat(done.exitCode()).isEqualTo(2);
        assertThat(done.err()).contains("sweep " + sweepId + " has already completed; only a queued or running sweep can be paused");
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
