package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.TrialRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, "a restarted {@code db serve}": a sweep (real sweep and worker processes, simulated epochs) runs on the
 * database of a separate {@code db serve} process, which is killed with {@code kill -9} while trials run and started
 * again on the same port. The sweep process waits for it instead of ending, the sweep completes, every trial has
 * epochs 1 to 4 once each, and every epoch committed before the kill is still there, unchanged.
 */
class DatabaseRestartTest {
    private static final int TRIALS = 6;
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;

    @Test
    void aSweepWaitsForItsKilledDbServeToComeBackAndLosesNothing() throws Exception {
        Path home = dir.resolve("home");
        Path file = ExperimentFile.tiny().append("sweep:", "  strategy: random", "  trials: " + TRIALS, "  seed: 3",
                "  parameters:", "    training.learning_rate: {log_uniform: [0.0001, 0.1]}").write(dir, "restart.yaml");
        Served served = serve(home, 0);
        String url = served.url;
        int port = Integer.parseInt(url.replaceAll("^jdbc:h2:tcp://[^:]+:(\\d+)/.*$", "$1"));
        Cli.Started sweep = Cli.startTraining("sweep", file.toString(), "--home", home.toString(), "--workers", "2",
                "--simulate-epochs", Integer.toString(EPOCHS), "--simulate-epoch-ms", "600", "--db-wait-seconds", "90",
                "--no-progress");
        Process restarted = null;
        try {
            // Kill the server once a few epochs are committed, trials running.
            Map<String, List<EpochMetrics>> before;
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (true) {
                assertThat(sweep.process().isAlive()).as(sweep.output()).isTrue();
                assertThat(System.nanoTime()).as("3 epochs recorded in time\n" + sweep.output()).isLessThan(deadline);
                before = epochs(url, served.password);
                if (before.values().stream().mapToInt(List::size).sum() >= 3) {
                    break;
                }
                Thread.sleep(300);
            }
            served.process.destroyForcibly().waitFor();   // SIGKILL
            Thread.sleep(4_000);
            assertThat(sweep.process().isAlive()).as("the sweep process outlives its database\n" + sweep.output()).isTrue();

            Served again = serve(home, port);
            restarted = again.process;
            CliResult result = sweep.finish(240);
            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            assertThat(result.out()).contains("The database is unreachable (could not ")
                    .contains("The database is reachable again");
            assertThat(result.err()).doesNotContain("error:");

            Map<String, List<EpochMetrics>> after = epochs(again.url, again.password);
            try (H2Database db = H2Database.open(again.url, "sa", again.password)) {
                SweepDetail detail = new H2SweepStore(db).listSweeps(1).stream()
                        .map(s -> new H2SweepStore(db).findSweep(s.id()).orElseThrow()).findFirst().orElseThrow();
                assertThat(detail.summary().state()).isEqualTo(SweepState.COMPLETED);
                assertThat(detail.trials()).hasSize(TRIALS);
                for (TrialRow t : detail.trials()) {
                    assertThat(t.status().label()).as(t.id()).isEqualTo("completed");
                    assertThat(after.get(t.id())).as("epochs of " + t.id()).extracting(EpochMetrics::epoch)
                            .containsExactly(1, 2, 3, 4);
                }
            }
            before.forEach((trial, list) -> {
                for (EpochMetrics e : list) {
                    assertThat(after.get(trial)).as("epoch " + e.epoch() + " of " + trial + " committed before the kill")
                            .anySatisfy(a -> {
                                assertThat(a.epoch()).isEqualTo(e.epoch());
                                assertThat(a.values()).isEqualTo(e.values());
                            });
                }
            });
        } finally {
            sweep.process().destroyForcibly().waitFor();
            served.process.destroyForcibly();
            if (restarted != null) {
                restarted.destroy();
                restarted.waitFor();
            }
        }
    }

    private record Served(Process process, String url, String password) {
    }

    /** Starts {@code db serve} on the home and reads its URL and password. */
    private static Served serve(Path home, int port) throws InterruptedException {
        Cli.Started serve = Cli.startTraining("db", "serve", "--port", Integer.toString(port), "--home", home.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String url = null;
            String password = null;
            for (String line : serve.output().lines().toList()) {
                url = line.startsWith("url: ") ? line.substring(5) : url;
                password = line.startsWith("password: ") ? line.substring(10) : password;
            }
            if (url != null && password != null) {
                return new Served(serve.process(), url, password);
            }
            assertThat(serve.process().isAlive()).as(serve.output()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("db serve printed no URL within 90 s: " + serve.output());
    }

    /** Every trial's committed epochs, read through the server. */
    private static Map<String, List<EpochMetrics>> epochs(String url, String password) {
        Map<String, List<EpochMetrics>> all = new HashMap<>();
        try (H2Database db = H2Database.open(url, "sa", password)) {
            H2SweepStore sweeps = new H2SweepStore(db);
            H2RunStore runs = new H2RunStore(db);
            for (var summary : sweeps.listSweeps(10)) {
                for (TrialRow t : sweeps.findSweep(summary.id()).orElseThrow().trials()) {
                    all.put(t.id(), new ArrayList<>(runs.epochs(t.id())));
                }
            }
        }
        return all;
    }
}
