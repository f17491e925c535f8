package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.run.RunResult;
import org.cnnworkbench.engine.run.TrainingObserver;
import org.cnnworkbench.engine.run.TrialRunner;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real trial (DL4J on 8x8 stripes) training against a real H2 TCP server that is stopped at the end of each
 * epoch, before the epoch is recorded, and started again on the same port 1.5 s later: the epoch writes, the
 * model file's record and the run's end wait for it, and the run completes with every epoch once. Before, the
 * first write during the outage failed the run.
 */
class TrainingThroughARestartedServerTest {
    @TempDir
    Path home;

    private TcpServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRunWhoseServerRestartsAtEveryEpochCompletesWithEveryEpochOnce() throws Exception {
        server = new TcpServer(home.resolve("db"));
        try (H2Database db = H2Database.open(server.url(), "sa", "")) {
            H2RunStore runs = new H2RunStore(db, java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(60));
            TrainingObserver outages = new TrainingObserver() {
                @Override
                public void epochFinished(EpochMetrics metrics) {
                    // Called after the epoch trained, before it is recorded.
                    server.restartAfter(1_500);
                }
            };
            Path file = Files.writeString(home.resolve("experiment.yaml"), "name: stripes\ndataset:\n  type: stripes\n"
                    + "architecture:\n  type: tiny-cnn\ntraining: {epochs: 2, batch_size: 8, seed: 3}\n");
            ExperimentSpec spec = new ExperimentValidator(new TrainingExtensions()).validate(file, List.of());

            RunResult result = new TrialRunner(runs, home, outages).run(spec);

            assertThat(server.restarts()).hasSize(2);
            for (Thread restart : server.restarts()) {
                restart.join();
            }
            assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
            RunDetail run = runs.findRun(result.runId()).orElseThrow();
            assertThat(run.summary().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(runs.epochs(result.runId())).extracting(EpochMetrics::epoch).containsExactly(1, 2);
            assertThat(run.artifacts()).extracting(Artifact::kind).contains("model");
        }
    }
}
