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
}
