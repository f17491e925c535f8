package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.sweep.HeartbeatHooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's heartbeat hooks against a real H2 database that stops answering. */
class HeartbeatHooksOnH2Test {
    @TempDir
    Path home;

    @Test
    void aDatabaseThatStopsAnsweringIsLeftToTheCallersHandlerAndStopsTheTrial() throws Exception {
        H2Database db = H2Database.open(H2Database.embeddedUrl(home), "sa", "");
        String runId = new H2RunStore(db).startRun(new NewRun("exp", "{}", "{}", 1, "{}", null));
        List<String> lost = new CopyOnWriteArrayList<>();
        CountDownLatch called = new CountDownLatch(1);
        try (HeartbeatHooks hooks = new HeartbeatHooks(new H2SweepStore(db), runId, null, Duration.ofMillis(20), () -> null,
                (id, epoch) -> Optional.empty(), message -> {
                    lost.add(message);
                    called.countDown();
                })) {
            Thread.sleep(100);
            assertThat(hooks.interruption()).as("heartbeats reach the open database").isNull();

            db.close();

            // Before the handler existed the engine halted the JVM here, and this test's fork died.
            assertThat(called.await(10, TimeUnit.SECONDS)).as("the caller's handler is called").isTrue();
            Thread.sleep(200);
            assertThat(lost).as("called once").singleElement().asString()
                    .contains("has not answered 3 heartbeats of " + runId).contains("is closed");
            TrialHooks.Interruption stop = hooks.interruption();
            assertThat(stop).as("a handler that returns leaves the trial stopped").isNotNull();
            assertThat(stop.requeue()).isFalse();
            assertThat(stop.reason()).isEqualTo(lost.get(0));
        }
    }
}
