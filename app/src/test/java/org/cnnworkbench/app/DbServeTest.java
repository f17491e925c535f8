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

            // Without WORKBENCH_DB_PASSWORD, a command whose --home is the served one takes the password from
            // its credentials file (as a worker on a node that shares the home does).
            CliResult fromFile = Cli.processIn(dir, Map.of(), "runs", "--json", "--db", url, "--home", home.toString());
            assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
            assertThat(fromFile.json().get("runs").get(0).get("id").asText()).isEqualTo(runId);

            // A backup taken while the database is served (and so in use), restored into a new home.
            Path zip = dir.resolve("backup.zip");
            CliResult backup = Cli.process("db", "backup", zip.toString(), "--home", home.toString());
            assertThat(backup.exitCode()).as(backup.out() + backup.err()).isZero();
            assertThat(java.nio.file.Files.getPosixFilePermissions(zip)).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            Path restoredHome = dir.resolve("restored");
            CliResult restore = Cli.process("db", "restore", zip.toString(), "--home", restoredHome.toString());
            assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
            assertThat(restore.out()).contains("1 run,");
            CliResult restoredRuns = Cli.process("show", runId, "--json", "--home", restoredHome.toString());
            assertThat(restoredRuns.exitCode()).as(restoredRuns.err()).isZero();
            assertThat(restoredRuns.json().get("status").asText()).isEqualTo("completed");
            assertThat(restoredHome.resolve("db/credentials")).hasContent(java.nio.file.Files.readString(home.resolve("db/credentials")));

            CliResult again = Cli.process("db", "restore", zip.toString(), "--home", restoredHome.toString());
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).contains("already has a database").doesNotContain("\tat ");
            Path notZip = java.nio.file.Files.writeString(dir.resolve("not.zip"), "not a zip");
            CliResult bad = Cli.process("db", "restore", notZip.toString(), "--home", dir.resolve("third").toString());
            assertThat(bad.exitCode()).as(bad.out() + bad.err()).isEqualTo(2);
            assertThat(bad.err()).contains("is not a backup written by db backup").doesNotContain("\tat ");
            assertThat(Cli.process("db", "backup", zip.toString(), "--home", home.toString()).err()).contains("exists");
        } finally {
            serve.process().destroy(); // SIGTERM, as Ctrl-C
            assertThat(serve.finish(30).exitCode()).isNotEqualTo(-1);
        }
        assertThat(home.resolve("db/server.properties")).doesNotExist();
    }
}
