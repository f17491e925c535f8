package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --version}, {@code --help} on every command, and shell completion. */
class HelpAndVersionTest {
    private static final String EXPECTED_VERSION = System.getProperty("workbench.test.version", "0.1.0-SNAPSHOT");

    @Test
    void versionPrintsTheWorkbenchAndLibraryVersionsAndExits0() {
        CliResult result = Cli.inProcess("--version");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.outLines().get(0)).isEqualTo("CNN Workbench " + EXPECTED_VERSION);
        assertThat(result.out()).contains("DL4J 1.0.0-M2.1", "PF4J 3.", "Java 17");
        assertThat(result.err()).isEmpty();
    }

    /** The commands whose {@code --help} is checked ("" is the top level). */
    static Stream<String> commands() {
        return Stream.of("", "run", "runs", "show", "plugins", "check", "generate-completion");
    }

    @ParameterizedTest(name = "workbench {0} --help")
    @MethodSource("commands")
    void helpOfEveryCommandStartsWithAHeaderThenTheUsageAndExits0(String command) {
        CliResult result = help(command);

        List<String> lines = result.outLines();
        int usage = usageLine(lines);
        assertThat(usage).as("a header before the usage line:\n%s", result.out()).isPositive();
        assertThat(lines.get(0)).isNotBlank().doesNotStartWith("Usage");
        assertThat(lines.get(usage)).startsWith(("Usage: workbench " + command).trim());
        assertThat(result.out()).contains("-h, --help");
    }

    @ParameterizedTest(name = "workbench {0} --help")
    @MethodSource("commands")
    void theHeaderOfEveryCommandIsOneLine(String command) {
        CliResult result = help(command);

        assertThat(usageLine(result.outLines())).as("lines before 'Usage:' (the header):\n%s", result.out()).isEqualTo(1);
    }

    @Test
    void topLevelHelpListsEverySubcommandAndTheExitCodes() {
        CliResult result = Cli.inProcess("--help");

        assertThat(result.out()).contains("run", "runs", "show", "plugins", "check", "generate-completion")
                .contains("Exit codes: 0 success, 2 invalid input, 1 other failure.");
    }

    @Test
    void generateCompletionPrintsABashCompletionScript() {
        CliResult result = Cli.inProcess("generate-completion");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out()).contains("complete", "workbench", "runs", "plugins");
    }

    /** {@code workbench COMMAND --help}, which must exit 0. */
    private static CliResult help(String command) {
        CliResult result = Cli.inProcess(args(command, "--help"));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result;
    }

    private static int usageLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Usage:")) {
                return i;
            }
        }
        return -1;
    }

    private static String[] args(String command, String option) {
        List<String> args = new ArrayList<>();
        if (!command.isEmpty()) {
            args.add(command);
        }
        args.add(option);
        return args.toArray(String[]::new);
    }
}
