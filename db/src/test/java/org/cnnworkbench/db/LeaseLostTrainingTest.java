package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.engine.run.RunResult;
import org.cnnworkbench.engine.run.TrainingObserver;
import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.run.TrialInterruptedException;
import org.cnnworkbench.engine.run.TrialRunner;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.WorkerInfo;
import org.junit.jupiter.api.Test;

/**
 * Through the engine, real DL4J training on a real H2 file: a worker whose trial is taken away
 * between two of its epochs (re-queued and claimed by another worker before its next heartbeat)
 * stops quietly at its next write, and the new owner completes the trial with every epoch once.
 */
class LeaseLostTrainingTest extends H2HomeTest {


    @Test
    void aWorkerThatLostItsTrialMidTrainingStopsQuietlyAndTheNewOwnerCompletesIt() throws Exception {
        ExperimentSpec spec = stripes("stripes", "tiny-cnn", 3);
        String sweepId = sweeps.createSweep(new NewSweep("stripes", "{}", "random", null, "val_accuracy", "maximize",
                "best", 3, 1, null, 3));
        for (String worker : List.of("w1", "w2")) {
            sweeps.registerWorker(new WorkerInfo(worker, sweepId, "host", 1, "cpu", 1, null));
        }
        SweepPlan plan = new SweepPlan(1, 1, 3, null, 3);
        Configuration.Source one = (number, finished) -> Optional.of(new Configuration(number, Map.of(), Map.of()));
        ClaimedTrial first = ((Claim.Trial) sweeps.claim(sweepId, "w1", plan, one)).trial();

        // After w1 recorded epoch 1, its trial is re-queued (its heartbeat "expired") and w2 claims it,
        // while w1 goes on training epoch 2 without having heard.
        AtomicReference<ClaimedTrial> taken = new AtomicReference<>();
        TrialHooks losesItsLease = new TrialHooks() {
            @Override
            public Optional<String> prune(String runId, EpochMetrics epoch) {
                if (epoch.epoch() == 1) {
                    sweeps.releaseWorkerTrials("w1", "worker w1 stopped sending heartbeats", 3);
                    taken.set(((Claim.Trial) sweeps.claim(sweepId, "w2", plan, one)).trial());
                }
                return Optional.empty();
            }
        };
        TrialInterruptedException stopped = catchThrowableOfType(TrialInterruptedException.class, () ->
                new TrialRunner(runs, home, TrainingObserver.SILENT)
                        .execute(runs.writer(new Lease(first.id(), "w1", first.attempt())), spec, losesItsLease));

        assertThat(stopped).as("w1 stops with an interruption, not a failure").isNotNull();
        assertThat(stopped.interruption().requeue()).as("the trial is w2's now, w1 re-queues nothing").isFalse();
        assertThat(stopped.interruption().reason()).contains("lease").contains("w2");
        RunDetail afterLoss = runs.findRun(first.id()).orElseThrow();
        assertThat(afterLoss.summary().status()).as("no failure recorded").isEqualTo(RunStatus.RUNNING);
        assertThat(afterLoss.artifacts()).as("w1 recorded no file").isEmpty();
        assertThat(runs.epochs(first.id())).as("nothing recorded after the loss").extracting(EpochMetrics::epoch)
                .containsExactly(1);

        ClaimedTrial second = taken.get();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.recordedEpochs()).isEqualTo(1);
        RunResult result = new TrialRunner(runs, home, TrainingObserver.SILENT)
                .execute(runs.writer(new Lease(second.id(), "w2", second.attempt())), spec, TrialHooks.NONE);

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        List<EpochMetrics> epochs = runs.epochs(first.id());
        assertThat(epochs).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        RunDetail done = runs.findRun(first.id()).orElseThrow();
        assertThat(done.summary().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.summary().epochs()).isEqualTo(3);

        // The same as a run nobody interrupted: w2 resumed from the checkpoint of epoch 1.
        RunResult reference = new TrialRunner(runs, home, TrainingObserver.SILENT).run(spec);
        List<EpochMetrics> expected = runs.epochs(reference.runId());
        for (int i = 0; i < 3; i++) {
            assertThat(epochs.get(i).values().get(MetricKeys.LOSS))
                    .isCloseTo(expected.get(i).values().get(MetricKeys.LOSS), within(1e-6));
        }
    }
}
