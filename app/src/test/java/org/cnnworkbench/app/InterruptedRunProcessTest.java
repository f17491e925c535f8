package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code run} process killed with {@code kill -9}: while its lease is fresh the run reads as running
 * and {@code resume} refuses it (exit 2, naming the run and when its lease expires); once its lease has
 * expired it reads as interrupted, and {@code resume} finishes it with every epoch.
 */
class InterruptedRunProcessTest {
    @TempDir
    Path dir;

    private String status(Path home) {
        String json = Cli.process("show", "r1", "--json", "--home", home.toString()).out();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    @Test
    void aKilledRunIsRefusedWhileItsLeaseIsFreshThenInterruptedAndResumed() throws Exception {
        Path home = dir.resolve("home");
        Path file = ExperimentFile.tiny().withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 300")
                .withLine(ExperimentFile.EPOCHS, "  epochs: 40").write(dir, "run.yaml");
        // --heartbeat-seconds 0.5: the lease lasts 15 x 0.5 s = 7.5 s, derived from the setting.
        Cli.Started run = Cli.startTraining("run", file.toString(), "--home", home.toString(), "--no-progress",
                "--heartbeat-seconds", "0.5");
        long deadline = System.currentTimeMillis() + 240_000;
        while (!run.output().contains("First training batch") && System.currentTimeMillis() < deadline && run.process().isAlive()) {
            Thread.sleep(200);
        }
        assertThat(run.output()).contains("First training batch");

        CliResult refused = Cli.process("resume", "r1", "--home", home.toString());
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("run r1 is still running").contains("lease expires at")
                .containsPattern("its owner run-\\d+@\\S+ sent a heartbeat recently");

        run.process().destroyForcibly().waitFor();   // SIGKILL: no shutdown hook, nothing recorded
        long killed = System.currentTimeMillis();
        String right = status(home);
        if (System.currentTimeMillis() - killed < 6_000) {
            assertThat(right).as("the lease (15 x 0.5 s) is still fresh").isEqualTo("running");
        }
        deadline = System.currentTimeMillis() + 60_000;
        String now = right;
        while (!now.equals("interrupted") && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            now = status(home);
        }
        assertThat(now).isEqualTo("interrupted");
        assertThat(System.currentTimeMillis() - killed).as("interrupted after the derived lease, not a fixed 30 s")
                .isLessThan(25_000);
        assertThat(Cli.process("runs", "--home", home.toString()).out()).contains("interrupted")
                .as("an interrupted run's duration is not shown as running").doesNotContain("(running)");

        CliResult resumed = Cli.trainingProcess(Cli.builtInPlugins(), "resume", "r1", "--home", home.toString(), "--no-progress");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(status(home)).isEqualTo("completed");
        assertThat(Cli.process("show", "r1", "--json", "--home", home.toString()).out()).contains("\"epochs\" : 40");
    }
}
