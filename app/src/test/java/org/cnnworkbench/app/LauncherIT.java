package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./workbench} script users type, with {@code WORKBENCH_SKIP_BUILD=1}. It needs the
 * distribution laid out in app/target (jar and lib/, made in the package phase), so these tests
 * run in the integration-test phase (Maven Failsafe), after packaging, where the distribution
 * must exist.
 */
class LauncherIT {
    @TempDir
    Path dir;

    @BeforeEach
    void distributionIsBuilt() {
        assertThat(Cli.distributionBuilt()).as("app/target holds the distribution (jar, lib/, plugins/) after the package phase").isTrue();
    }

    @Test
    void theLauncherPrintsTheVersionAndExits0() {
        CliResult result = Cli.launcher("--version");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out()).startsWith("CNN Workbench ");
    }

    @Test
    void theLauncherExits2WithOneMessageForAMissingExperimentFile() {
        Path missing = dir.resolve("nope.yaml");

        CliResult result = Cli.launcher("run", missing.toString(), "--home", dir.resolve("home").toString());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("error: Experiment file " + missing + " does not exist.");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void theLauncherPrintsOnlyOneJsonDocumentOnStdout() {
        CliResult result = Cli.launcher("plugins", "--json", "--home", dir.resolve("home").toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.json().get("extensions")).hasSize(BuiltInCatalogue.all().size());
    }

    @Test
    void theLauncherAndTheBenchScriptsNameTheBuiltJarWithoutAVersion() throws java.io.IOException {
        java.util.List<Path> scripts = new java.util.ArrayList<>(java.util.List.of(Cli.launcher()));
        try (var bench = java.nio.file.Files.list(Cli.root().resolve("bench"))) {
            bench.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(scripts::add);
        }
        java.util.regex.Pattern jarName = java.util.regex.Pattern.compile("workbench-app[^\"/ ]*\\.jar");
        int named = 0;
        for (Path script : scripts) {
            var m = jarName.matcher(java.nio.file.Files.readString(script));
            while (m.find()) {
                named++;
                assertThat(m.group()).as(script + " names the jar").isEqualTo("workbench-app.jar");
            }
        }
        assertThat(named).as("jar names found in ./workbench and bench/*.sh").isGreaterThanOrEqualTo(2);
        assertThat(Cli.root().resolve("app/target/workbench-app.jar")).as("the jar the scripts name is the one the build makes")
                .isRegularFile();
    }
}
