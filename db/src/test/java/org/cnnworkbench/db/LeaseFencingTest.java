package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.BatchPoint;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.LeaseLostException;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.TrialWriter;
import org.cnnworkbench.engine.store.WorkerInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only the holder of a trial's lease writes it: a worker whose trial was re-queued changes nothing. */
class LeaseFencingTest extends H2HomeTest {
    private String sweepId;
    private final SweepPlan plan = new SweepPlan(1, 1, 42, null, 3);

    @BeforeEach
    void registerWorkers() {
        sweepId = sweeps.createSweep(new NewSweep("exp", "{}", "random", null, "val_accuracy", "maximize", "best", 7, 1,
                null, 3));
        for (String worker : List.of("w1", "w2")) {
            sweeps.registerWorker(new WorkerInfo(worker, sweepId, "host", 1, "cpu", 1, null));
        }
    }

    private ClaimedTrial claim(String worker) {
        Configuration.Source one = (number, finished) -> Optional.of(new Configuration(number,
                Map.of("training.learning_rate", "0.1"), Map.of("training.learning_rate", "{\"uniform\":[0.1,1.0]}")));
        Claim claim = sweeps.claim(sweepId, worker, plan, one);
        assertThat(claim).isInstanceOf(Claim.Trial.class);
        return ((Claim.Trial) claim).trial();
    }

    private TrialWriter writer(ClaimedTrial trial, String worker) {
        return runs.writer(new Lease(trial.id(), worker, trial.attempt()));
    }

    @Test
    void aReQueuedTrialsFormerOwnerWritesNothingAndItsNewOwnerRecordsTheSameEpoch() {
        ClaimedTrial first = claim("w1");
        TrialWriter old = writer(first, "w1");
        old.recordEpoch(1, Map.of("val_accuracy", 0.5));
        old.recordBatches(List.of(new BatchPoint("batch_loss", 1, 0.5, 2.0)));
        assertThat(sweeps.releaseWorkerTrials("w1", "worker w1 stopped sending heartbeats", 3)).isEqualTo(1);
        ClaimedTrial again = claim("w2");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.recordedEpochs()).isEqualTo(1);
        TrialWriter current = writer(again, "w2");

        // The former owner, before its next heartbeat would have told it, tries every write of the trial.
        assertThatThrownBy(() -> old.recordEpoch(2, Map.of("val_accuracy", 0.9)))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("w2").hasMessageContaining(first.id());
        assertThatThrownBy(() -> old.addArtifact(new Artifact("checkpoint", "runs/" + first.id() + "/x.zip", 3, "abc")))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> old.describe(new NewRun("exp", "{\"old\":1}", "{}", 1, "{}", null)))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> old.finish(new RunOutcome(RunStatus.FAILED, null, null, "{}", "boom", "boom")))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> old.recordBatches(List.of(new BatchPoint("batch_loss", 3, 1.5, 9.0))))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("w2");

        RunDetail unchanged = runs.findRun(first.id()).orElseThrow();
        assertThat(unchanged.summary().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(unchanged.artifacts()).isEmpty();
        assertThat(unchanged.configJson()).as("nobody described the trial but the former owner").isNull();
        assertThat(runs.epochs(first.id())).extracting(EpochMetrics::epoch).containsExactly(1);
        assertThat(runs.batchCurves(first.id(), List.of("batch_loss")).get("batch_loss"))
                .as("only the point written under the lease").extracting(p -> p[1]).containsExactly(2.0);

        // The new owner records epoch 2 (no "already recorded") and ends the trial.
        current.recordEpoch(2, Map.of("val_accuracy", 0.7));
        current.recordBatches(List.of(new BatchPoint("batch_loss", 3, 1.5, 1.0)));
        assertThat(runs.batchCurves(first.id(), List.of("batch_loss")).get("batch_loss")).extracting(p -> p[1])
                .containsExactly(2.0, 1.0);
        current.addArtifact(new Artifact("model", "runs/" + first.id() + "/model.zip", 3, "def"));
        current.finish(new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null, null));
        RunDetail done = runs.findRun(first.id()).orElseThrow();
        assertThat(done.summary().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.artifacts()).extracting(Artifact::kind).containsExactly("model");
        assertThat(runs.epochs(first.id())).extracting(e -> e.values().get("val_accuracy")).containsExactly(0.5, 0.7);
    }

    @Test
    void theSameWorkersEarlierAttemptIsFencedOffByItsAttemptNumber() {
        ClaimedTrial first = claim("w1");
        assertThat(sweeps.releaseWorkerTrials("w1", "worker w1 restarted", 3)).isEqualTo(1);
        ClaimedTrial again = claim("w1");
        assertThat(again.attempt()).isEqualTo(first.attempt() + 1);

        assertThatThrownBy(() -> writer(first, "w1").recordEpoch(1, Map.of("val_accuracy", 0.5)))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("attempt " + again.attempt());
        writer(again, "w1").recordEpoch(1, Map.of("val_accuracy", 0.6));
        assertThat(runs.epochs(first.id())).extracting(e -> e.values().get("val_accuracy")).containsExactly(0.6);
    }

    @Test
    void aCancelledTrialsOwnerWritesNothing() {
        ClaimedTrial trial = claim("w1");
        assertThat(runs.cancel(trial.id(), "not needed")).isTrue();
        assertThatThrownBy(() -> writer(trial, "w1").finish(new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null, null)))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("cancelled");
        assertThat(runs.findRun(trial.id()).orElseThrow().summary().status()).isEqualTo(RunStatus.CANCELLED);
    }
}
