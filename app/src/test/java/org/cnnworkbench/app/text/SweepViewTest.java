package org.cnnworkbench.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.SweepSummary;
import org.cnnworkbench.engine.store.TrialRow;
import org.junit.jupiter.api.Test;

class SweepViewTest {
    private static TrialRow trial(String id, int number, int configuration, RunStatus status, Double objective) {
        return new TrialRow(id, number, configuration, 0, status, Map.of("training.lr", "0.01"), 2, objective, 1, "w-1",
                null, null, 0L, status.isFinished() ? 1L : null);
    }

    /** The summary as the store read it a moment before the trial rows: r6 not yet counted. */
    private static SweepDetail detail(String direction, List<TrialRow> trials, Double staleBest, String staleBestTrial) {
        SweepSummary summary = new SweepSummary("s1", "mnist", SweepState.RUNNING, "random", "val_accuracy", direction,
                "best", 6, null, 2, Map.of(RunStatus.COMPLETED, 3, RunStatus.RUNNING, 1), staleBest, staleBestTrial,
                0L, 0L, null, null);
        return new SweepDetail(summary, "{}", trials, List.of());
    }

    @Test
    void theLineOfATrialThatJustEndedCountsItInTheBest() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SweepView view = new SweepView(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        List<TrialRow> before = List.of(trial("r3", 1, 1, RunStatus.COMPLETED, 0.7967), trial("r4", 2, 2, RunStatus.COMPLETED, 0.70),
                trial("r5", 3, 3, RunStatus.COMPLETED, 0.61), trial("r6", 4, 4, RunStatus.RUNNING, null));
        view.update(detail("maximize", before, 0.7967, "r3"));
        List<TrialRow> after = List.of(before.get(0), before.get(1), before.get(2), trial("r6", 4, 4, RunStatus.COMPLETED, 0.875));
        view.update(detail("maximize", after, 0.7967, "r3"));

        String line = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("trial 4 (r6) completed"))
                .findFirst().orElseThrow();
        assertThat(line).contains("val_accuracy 0.8750").contains("4 done, 0 running, 0 queued").endsWith("best 0.8750 (r6)");
    }

    @Test
    void theBestIsTheBestConfigurationsMeanInTheObjectivesDirection() {
        List<TrialRow> trials = List.of(trial("r3", 1, 1, RunStatus.COMPLETED, 0.2), trial("r4", 2, 1, RunStatus.COMPLETED, 0.4),
                trial("r5", 3, 2, RunStatus.COMPLETED, 0.35), trial("r6", 4, 3, RunStatus.FAILED, 0.01));
        assertThat(SweepView.best(detail("minimize", trials, null, null))).isEqualTo(" | best 0.3000 (r3)");
        assertThat(SweepView.best(detail("maximize", trials, null, null))).isEqualTo(" | best 0.3500 (r5)");
        assertThat(SweepView.best(detail("maximize", List.of(trials.get(3)), null, null))).isEmpty();
    }
}
