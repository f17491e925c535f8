package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugins install} checks a jar before copying it into the home; {@code plugins remove} deletes it, never a built-in. */
class PluginInstallTest {
    @TempDir
    Path dir;

    private Path jar(String id, String version, String requires, String extensionId) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("build-" + id + "-" + version));
        return PluginJars.plugin(id).version(version).requires(requires)
                .source("t.inst.Aug" + version.replace('.', '_'), PluginJars.augmentation("t.inst", "Aug" + version.replace('.', '_'),
                        extensionId, "\"version " + version + "\"", "", ""))
                .buildInto(folder);
    }

    private List<String> installedIds(Path home) {
        JsonNode doc = Cli.inProcess("plugins", "--json", "--home", home.toString()).json();
        List<String> ids = new ArrayList<>();
        doc.get("extensions").forEach(e -> ids.add(e.get("id").asText() + "@" + e.get("plugin").asText() + ":" + e.get("description").asText()));
        return ids;
    }

    @Test
    void installCopiesAWorkingJarIntoTheHomeAndRemoveTakesItAway() throws IOException {
        Path home = dir.resolve("home");
        CliResult installed = Cli.inProcess("plugins", "install", jar("my-aug", "1.0.0", ">=0.1.0", "my-aug").toString(),
                "--home", home.toString());

        assertThat(installed.exitCode()).as(installed.describe()).isZero();
        assertThat(installed.out()).contains("Installed plugin my-aug 1.0.0").contains("augmentation 'my-aug'");
        assertThat(home.resolve("plugins/my-aug.jar")).exists();
        assertThat(installedIds(home)).contains("my-aug@my-aug:version 1.0.0");

        CliResult upgraded = Cli.inProcess("plugins", "install", jar("my-aug", "2.0.0", ">=0.1.0", "my-aug").toString(),
                "--home", home.toString());
        assertThat(upgraded.exitCode()).as(upgraded.describe()).isZero();
        assertThat(upgraded.out()).contains("replacing my-aug.jar");
        assertThat(installedIds(home)).contains("my-aug@my-aug:version 2.0.0").doesNotContain("my-aug@my-aug:version 1.0.0");

        CliResult removed = Cli.inProcess("plugins", "remove", "my-aug", "--home", home.toString());
        assertThat(removed.exitCode()).as(removed.describe()).isZero();
        assertThat(home.resolve("plugins/my-aug.jar")).doesNotExist();
        assertThat(installedIds(home)).noneMatch(id -> id.startsWith("my-aug@"));

        CliResult again = Cli.inProcess("plugins", "remove", "my-aug", "--home", home.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("no plugin 'my-aug' is installed");
    }

    @Test
    void removeRefusesABuiltInPlugin() {
        CliResult result = Cli.inProcess("plugins", "remove", "builtin-datasets", "--home", dir.resolve("home").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("plugin 'builtin-datasets' is built in").contains("cannot be removed");
    }

    @Test
    void installRefusesIncompatibleCorruptAndBuiltInIdJarsAndLeavesNothingBehind() throws IOException {
        Path home = dir.resolve("home");
        Path corrupt = Files.write(dir.resolve("corrupt.jar"), new byte[] {1, 2, 3});

        CliResult future = Cli.inProcess("plugins", "install", jar("future", "1.0.0", ">=9.0.0", "future-aug").toString(),
                "--home", home.toString());
        CliResult broken = Cli.inProcess("plugins", "install", corrupt.toString(), "--home", home.toString());
        CliResult clash = Cli.inProcess("plugins", "install", jar("builtin-datasets", "1.0.0", ">=0.1.0", "clash").toString(),
                "--home", home.toString());
        CliResult missing = Cli.inProcess("plugins", "install", dir.resolve("nowhere.jar").toString(), "--home", home.toString());

        assertThat(future.exitCode()).isEqualTo(2);
        assertThat(future.err()).contains("plugin 'future' needs plugin API >=9.0.0, but this workbench provides 0.2.0");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("corrupt.jar is not a valid plugin");
        assertThat(clash.exitCode()).isEqualTo(2);
        assertThat(clash.err()).contains("is a built-in plugin's");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere.jar does not exist");
        assertThat(home.resolve("plugins").toFile().list()).isNullOrEmpty();
    }
}
