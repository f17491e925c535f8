package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a workbench keeps its state: {@code --home DIR}, else {@code $WORKBENCH_HOME}, else
 * {@code .workbench/} in the current folder; {@code --db} points the store at another H2 URL.
 * Real processes, so the environment and working folder are the user's.
 */
class HomeAndDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void workbenchHomeIsUsedWhenNoHomeIsGiven() {
        Path envHome = dir.resolve("env-home");

        CliResult result = Cli.processIn(dir, Map.of("WORKBENCH_HOME", envHome.toString()), "runs", "--json");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(envHome.resolve("db").resolve("workbench.mv.db")).isRegularFile();
        assertThat(dir.resolve(".workbench")).doesNotExist();
    }

    @Test
    void dotWorkbenchInTheCurrentFolderIsTheDefaultHome() {
        CliResult result = Cli.processIn(dir, Map.of(), "runs", "--json");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.json().get("runs")).isEmpty();
        assertThat(dir.resolve(".workbench").resolve("db").resolve("workbench.mv.db")).isRegularFile();
    }

    @Test
    void theHomeOptionWinsOverWorkbenchHome() {
        Path envHome = dir.resolve("env-home");
        Path optionHome = dir.resolve("option-home");

        CliResult result = Cli.processIn(dir, Map.of("WORKBENCH_HOME", envHome.toString()), "runs", "--json",
                "--home", optionHome.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(optionHome.resolve("db").resolve("workbench.mv.db")).isRegularFile();
        assertThat(envHome).doesNotExist();
    }

    @Test
    void theDbOptionPutsTheStoreAtThatUrl() {
        Path home = dir.resolve("home");
        Path elsewhere = dir.resolve("elsewhere").resolve("store");

        CliResult result = Cli.process("runs", "--json", "--home", home.toString(), "--db", "jdbc:h2:file:" + elsewhere);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.json().get("runs")).isEmpty();
        assertThat(dir.resolve("elsewhere").resolve("store.mv.db")).isRegularFile();
        assertThat(home.resolve("db")).doesNotExist();
    }

    @Test
    void aDbUrlThatIsNotH2IsAnInputMistakeWithExitCode2AndNoStackTrace() {
        CliResult result = Cli.process("runs", "--home", dir.resolve("home").toString(), "--db", "jdbc:postgresql://localhost/wb");

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains("jdbc:h2:", "jdbc:postgresql://localhost/wb");
        assertThat(result.err()).doesNotContain("\tat ", "Exception", "a bug");
    }

    @Test
    void anUnreachableDatabaseServerExitsWith1NamingTheUrl() {
        String url = "jdbc:h2:tcp://127.0.0.1:1/nothing";

        CliResult result = Cli.process("runs", "--home", dir.resolve("home").toString(), "--db", url);

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: ").contains(url);
        assertThat(result.out()).isEmpty();
    }
}
