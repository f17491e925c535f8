package org.cnnworkbench.app.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunSummary;
import org.junit.jupiter.api.Test;

/** The duration column of {@code runs}: ended, running, and interrupted runs. */
class RunsDurationTest {
    private static RunSummary run(RunStatus status, Long endedAt) {
        return new RunSummary("r1", "exp", null, status, 2, null, null, 1_000, 1_000L, endedAt);
    }

    @Test
    void anInterruptedRunShowsNoDurationARunningOneSaysSo() {
        assertThat(RunsCommand.duration(run(RunStatus.COMPLETED, 61_000L), 500_000)).doesNotContain("running");
        assertThat(RunsCommand.duration(run(RunStatus.RUNNING, null), 61_000)).endsWith(" (running)");
        assertThat(RunsCommand.duration(run(RunStatus.INTERRUPTED, null), 61_000)).isNull();
    }
}
