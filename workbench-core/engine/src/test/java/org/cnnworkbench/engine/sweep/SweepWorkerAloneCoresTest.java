package org.cnnworkbench.engine.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.SweepSummary;
import org.cnnworkbench.engine.store.TrialRow;
import org.junit.jupiter.api.Test;

/**
 * When a sweep's trial may take its launch's idle cores (issue 19): only when it starts with no other trial
 * running or queued and every configuration sampled, so no other worker of the launch can train meanwhile.
 */
class SweepWorkerAloneCoresTest {
    private static final SweepPlan THREE = new SweepPlan(3, 1, 42, null, 1);

    private static TrialRow trial(int number, RunStatus status) {
        return new TrialRow("r" + number, number, number - 1, 0, status, Map.of(), 0, null, 1, null, null, null, null, null);
    }

    private static SweepDetail sweep(TrialRow... trials) {
        SweepSummary summary = new SweepSummary("s1", "tiny", SweepState.RUNNING, "random", "val_loss", "min", "best", 3, null,
                2, Map.of(), null, null, 0, 0L, null, null);
        return new SweepDetail(summary, "{}", List.of(trials), new ArrayList<>());
    }

    private static ClaimedTrial claimed(int number, int recordedEpochs) {
        return new ClaimedTrial("r" + number, number, number - 1, 0, 42, Map.of(), recordedEpochs > 0 ? 2 : 1, recordedEpochs);
    }

    @Test
    void theLastTrialStartingWhenTheOthersEndedGetsTheLaunchsCores() {
        SweepDetail last = sweep(trial(1, RunStatus.COMPLETED), trial(2, RunStatus.PRUNED), trial(3, RunStatus.RUNNING));
        assertThat(SweepWorker.aloneCores(last, THREE, claimed(3, 0), 2, 1)).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void anyOtherTrialRunningOrQueuedOrAConfigurationLeftKeepsTheWorkersShare() {
        assertThat(SweepWorker.aloneCores(sweep(trial(1, RunStatus.RUNNING), trial(2, RunStatus.COMPLETED),
                trial(3, RunStatus.RUNNING)), THREE, claimed(3, 0), 2, 1)).as("another trial trains").isEmpty();
        assertThat(SweepWorker.aloneCores(sweep(trial(1, RunStatus.QUEUED), trial(2, RunStatus.COMPLETED),
                trial(3, RunStatus.RUNNING)), THREE, claimed(3, 0), 2, 1)).as("a trial waits in the queue").isEmpty();
        assertThat(SweepWorker.aloneCores(sweep(trial(1, RunStatus.COMPLETED), trial(2, RunStatus.RUNNING)), THREE,
                claimed(2, 0), 2, 1)).as("a configuration is left to sample").isEmpty();
    }

    @Test
    void aResumedTrialOrALaunchWithNoMoreCoresThanTheWorkerGetsNothing() {
        SweepDetail last = sweep(trial(1, RunStatus.COMPLETED), trial(2, RunStatus.COMPLETED), trial(3, RunStatus.RUNNING));
        assertThat(SweepWorker.aloneCores(last, THREE, claimed(3, 1), 2, 1)).as("resumed: keeps its count").isEmpty();
        assertThat(SweepWorker.aloneCores(last, THREE, claimed(3, 0), 1, 1)).as("one core in all").isEmpty();
        assertThat(SweepWorker.aloneCores(last, THREE, claimed(3, 0), 0, 1)).as("launch unknown").isEmpty();
    }
}
