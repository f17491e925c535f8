package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db serve}: another process reaches the home's database through it, with the credentials only. */
class DbServeTest {
    @TempDir
    Path dir;

    @Test
    void otherCommandsUseTheServedDatabaseWithItsCredentials() throws Exception {
        Path home = dir.resolve("home");
        Path file = ExperimentFile.tiny().withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 100")
                .withLine(ExperimentFile.EPOCHS, "  epochs: 1").write(dir, "tiny.yaml");
        CliResult run = Cli.process("run", file.toString(), "--home", home.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String runId = run.out().lines().findFirst().orElseThrow();

        Cli.Started serve = Cli.startTraining("db", "serve", "--port", "0", "--home", home.toString());
        String url = null;
        String password = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && password == null) {
            for (String line : serve.output().lines().toList()) {
                if (line.startsWith("url: ")) {
                    url = line.substring(5);
                }
                if (line.startsWith("password: ")) {
                    password = line.substring(10);
                }
            }
            assertThat(serve.process().isAlive()).as(serve.output()).isTrue();
            Thread.sleep(50);
        }
        assertThat(url).startsWith("jdbc:h2:tcp://127.0.0.1:").endsWith("/workbench");
        try {
            Path elsewhere = dir.resolve("elsewhere");
            CliResult runs = Cli.processIn(dir, Map.of("WORKBENCH_DB_USER", "sa", "WORKBENCH_DB_PASSWORD", password),
                    "runs", "--json", "--db", url, "--home", elsewhere.toString());
            assertThat(runs.exitCode()).as(runs.err()).isZero();
            assertThat(runs.json().get("runs").get(0).get("id").asText()).isEqualTo(runId);

            CliResult refused = Cli.processIn(dir, Map.of("WORKBENCH_DB_PASSWORD", "wrong"),
                    "runs", "--db", url, "--home", elsewhere.toString());
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("Wrong user name or password").doesNotContain("\tat ");
        } finally {
            serve.process().destroy(); // SIGTERM, as Ctrl-C
            assertThat(serve.finish(30).exitCode()).isNotEqualTo(-1);
        }
        assertThat(home.resolve("db/server.properties")).doesNotExist();
    }
}
