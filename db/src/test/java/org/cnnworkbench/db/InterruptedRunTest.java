package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunPage;
import org.cnnworkbench.engine.store.RunQuery;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunSummary;
import org.junit.jupiter.api.Test;

/**
 * A run outside sweeps whose process died (its lease expired, its row still says running) reads as
 * {@code interrupted} everywhere runs are read, and the status filters tell it from a live one.
 */
class InterruptedRunTest extends H2HomeTest {

    private String start() {
        return runs.startRun(new NewRun("mnist", "{}", "{}", 1, "{}", null));
    }

    private List<String> ids(Set<RunStatus> statuses) {
        RunPage page = queries.query(new RunQuery(statuses, null, null, null, null, List.of(), "id", false, 0, 10));
        return page.rows().stream().map(row -> row.summary().id()).toList();
    }

    @Test
    void aRunWhoseLeaseExpiredIsInterruptedAndALiveOneRunning() throws Exception {
        String dead = start();
        String live = start();
        assertThat(runs.heartbeatRun(dead, Duration.ofMillis(2))).isEqualTo(org.cnnworkbench.engine.store.Heartbeat.OK);
        assertThat(runs.heartbeatRun(live, Duration.ofMinutes(10))).isEqualTo(org.cnnworkbench.engine.store.Heartbeat.OK);
        assertThat(runs.leaseExpiresAt(live)).isPresent();
        Thread.sleep(100);   // the dead run's lease (15 x 2 ms) has run out

        assertThat(runs.findRun(dead).orElseThrow().summary().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(runs.findRun(live).orElseThrow().summary().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(runs.listRuns(10)).extracting(RunSummary::id, RunSummary::status)
                .contains(org.assertj.core.groups.Tuple.tuple(dead, RunStatus.INTERRUPTED),
                        org.assertj.core.groups.Tuple.tuple(live, RunStatus.RUNNING));
        assertThat(ids(Set.of(RunStatus.INTERRUPTED))).containsExactly(dead);
        assertThat(ids(Set.of(RunStatus.RUNNING))).containsExactly(live);
        assertThat(ids(Set.of(RunStatus.RUNNING, RunStatus.INTERRUPTED))).containsExactlyInAnyOrder(dead, live);
        assertThat(RunStatus.INTERRUPTED.isFinished()).as("resumable").isFalse();

        // A resumed run's heartbeat makes it running again.
        runs.heartbeatRun(dead, Duration.ofMinutes(10));
        assertThat(runs.findRun(dead).orElseThrow().summary().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void theExperimentsListCountsARunWhoseLeaseExpiredAsInterruptedNotRunning() throws Exception {
        runs.startRun(new NewRun("mnist", "{}", "{}", 1, "{}", null), "run-1@host", Duration.ofMillis(2));
        runs.startRun(new NewRun("mnist", "{}", "{}", 1, "{}", null), "run-2@host", Duration.ofMinutes(10));
        Thread.sleep(100);   // the first run's lease (15 x 2 ms) has run out
        org.cnnworkbench.engine.store.ExperimentSummary mnist = queries.experiments().get(0);
        assertThat(mnist.name()).isEqualTo("mnist");
        assertThat(mnist.counts()).containsEntry(RunStatus.INTERRUPTED, 1).containsEntry(RunStatus.RUNNING, 1);
    }
}
