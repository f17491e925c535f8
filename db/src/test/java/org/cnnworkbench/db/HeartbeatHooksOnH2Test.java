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
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.sweep.HeartbeatHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's heartbeat hooks against a real H2 database that stops answering. */
class HeartbeatHooksOnH2Test {
    @TempDir
    Path home;

    @Test
    void aDatabaseThatStopsAnsweringIsLeftToTheCallersHandlerAndStopsTheTrial() throws Exception {
        H2Database db = H2Database.open(H2Database.embeddedUrl(home), "sa", "");
        H2RunStore runs = new H2RunStore(db);
        Lease lease = leasedRun(runs);
        String runId = lease.runId();
        List<String> lost = new CopyOnWriteArrayList<>();
        CountDownLatch called = new CountDownLatch(1);
        try (HeartbeatHooks hooks = HeartbeatHooks.forRun(runs, lease, Duration.ofMillis(20), Duration.ofSeconds(60),
                () -> null, message -> {
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

    private TcpServer server;
    private H2Database served;

    @AfterEach
    void stopServer() throws Exception {
        if (served != null) {
            served.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A run store on a database this test's TCP server serves (both closed after the test). */
    private H2RunStore storeOnServer() throws Exception {
        server = new TcpServer(home);
        served = H2Database.open(server.url(), "sa", "");
        return new H2RunStore(served);
    }

    /** A run started under a lease with a 20 ms heartbeat. */
    private static Lease leasedRun(H2RunStore runs) {
        return runs.startRun(new NewRun("exp", "{}", "{}", 1, "{}", null), "run-1@host", Duration.ofMillis(20));
    }

    @Test
    void heartbeatsThatFailWhileTheServerRestartsWithinTheBoundStopNothing() throws Exception {
        H2RunStore runs = storeOnServer();
        Lease lease = leasedRun(runs);
        List<String> lost = new CopyOnWriteArrayList<>();
        try (HeartbeatHooks hooks = HeartbeatHooks.forRun(runs, lease, Duration.ofMillis(20), Duration.ofSeconds(60),
                () -> null, lost::add)) {
            Thread.sleep(100);
            server.stop();
            // About 75 heartbeats fail (the connection is refused) while the server is down.
            Thread.sleep(1_500);
            server.start();
            long before = runs.leaseExpiresAt(lease.runId()).orElseThrow();
            Thread.sleep(300);
            assertThat(lost).as("transient failures within the bound are not a lost database").isEmpty();
            assertThat(hooks.interruption()).isNull();
            assertThat(runs.leaseExpiresAt(lease.runId()).orElseThrow()).as("heartbeats arrive again")
                    .isGreaterThan(before);
        }
    }

    @Test
    void heartbeatsThatFailLongerThanTheBoundCallTheHandler() throws Exception {
        H2RunStore runs = storeOnServer();
        Lease lease = leasedRun(runs);
        CountDownLatch called = new CountDownLatch(1);
        List<String> lost = new CopyOnWriteArrayList<>();
        try (HeartbeatHooks hooks = HeartbeatHooks.forRun(runs, lease, Duration.ofMillis(20), Duration.ofMillis(700),
                () -> null, message -> {
                    lost.add(message);
                    called.countDown();
                })) {
            Thread.sleep(100);
            long t0 = System.nanoTime();
            server.stop();
            assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(650));
            assertThat(lost).singleElement().asString().contains("heartbeats of " + lease.runId());
            assertThat(hooks.interruption()).isNotNull();
        }
    }
}
