package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin as users get it: its built jar (plugins/example-plugin/target, built before
 * this module), in a folder given with {@code --plugins}, loads through PF4J and runs a trial with
 * all four of its extensions, recorded with the plugin's id, version and jar checksum.
 */
class ExampleTrainingTest {
    @TempDir
    Path dir;

    @Test
    void theExamplePluginsJarLoadsWithPluginsAndRunsATrialUsingAllFourExtensions() throws IOException {
        Path jar = examplePluginJar();
        Path pluginDir = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(jar, pluginDir.resolve(jar.getFileName()));
        Path home = dir.resolve("home");

        CliResult run = Cli.trainingProcess(Cli.builtInPlugins(), "run", PluginTrial.experiment(dir, "example-").toString(),
                "--home", home.toString(), "--plugins", pluginDir.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Epoch 2/2", "Test accuracy");
        CliResult shown = Cli.inProcess("show", run.outLines().get(0), "--json", "--home", home.toString(),
                "--plugins", pluginDir.toString());
        assertThat(shown.exitCode()).as(shown.describe()).isZero();
        PluginTrial.assertRecorded(shown.json(), "example-", "example-plugin", System.getProperty("workbench.test.version",
                "0.1.0-SNAPSHOT"), pluginDir.resolve(jar.getFileName()));
    }

    private static Path examplePluginJar() throws IOException {
        Path target = Cli.root().resolve("plugins/example-plugin/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("example-plugin-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no example-plugin jar in " + target + "; build plugins/example-plugin first"));
        }
    }
}
