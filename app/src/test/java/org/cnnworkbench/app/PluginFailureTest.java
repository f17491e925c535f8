package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken plugin jars are reported — which jar, what is wrong — while every other plugin keeps
 * working; two plugins bundling different versions of the same library each use their own; an
 * extension that throws during training fails that run only, with its stack trace recorded.
 */
class PluginFailureTest {
    @TempDir
    static Path dir;

    private static Path broken;
    private static Path isolated;
    private static Path home;

    @BeforeAll
    static void buildPlugins() throws IOException {
        home = dir.resolve("home");
        broken = Files.createDirectories(dir.resolve("broken"));
        PluginJars.plugin("no-descriptor").withoutDescriptor()
                .source("t.nodesc.Flip", PluginJars.augmentation("t.nodesc", "Flip", "nodesc-flip", "\"x\"", "", ""))
                .buildInto(broken);
        PluginJars.plugin("missing-class")
                .source("t.missing.Helper", "package t.missing; public class Helper { public static String name() { return \"h\"; } }")
                .source("t.missing.Uses", PluginJars.augmentation("t.missing", "Uses", "uses-helper", "Helper.name()",
                        "Helper.name();", ""))
                .omit("t.missing.Helper")
                .buildInto(broken);
        PluginJars.plugin("throws-in-constructor")
                .source("t.ctor.Boom", PluginJars.augmentation("t.ctor", "Boom", "boom", "\"boom\"",
                        "if (true) throw new IllegalStateException(\"constructor exploded\");", ""))
                .buildInto(broken);
        PluginJars.plugin("duplicate-id")
                .source("t.dup.Flip", PluginJars.augmentation("t.dup", "Flip", "horizontal-flip", "\"imposter\"", "", ""))
                .buildInto(broken);
        PluginJars.plugin("from-the-future").requires(">=9.0.0")
                .source("t.future.Flip", PluginJars.augmentation("t.future", "Flip", "future-flip", "\"future\"", "", ""))
                .buildInto(broken);
        Files.write(broken.resolve("corrupt.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 9, 9, 9});

        isolated = Files.createDirectories(dir.resolve("isolated"));
        String library = "package com.acme.shared; public class Version { public static String get() { return \"%s\"; } }";
        PluginJars.plugin("uses-lib-one").source("com.acme.shared.Version", library.formatted("1.0"))
                .source("t.one.One", PluginJars.augmentation("t.one", "One", "lib-one", "\"shared \" + com.acme.shared.Version.get()", "", ""))
                .buildInto(isolated);
        PluginJars.plugin("uses-lib-two").source("com.acme.shared.Version", library.formatted("2.0"))
                .source("t.two.Two", PluginJars.augmentation("t.two", "Two", "lib-two", "\"shared \" + com.acme.shared.Version.get()", "", ""))
                .source("t.two.Fails", PluginJars.augmentation("t.two", "Fails", "fails-in-training", "\"throws\"", "",
                        "throw new IllegalStateException(\"augmentation exploded on purpose\");"))
                .buildInto(isolated);
    }

    private static CliResult plugins(Path folder) {
        CliResult result = Cli.process("plugins", "--json", "--home", home.toString(), "--plugins", folder.toString());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result;
    }

    private static List<String> ids(JsonNode doc) {
        List<String> ids = new ArrayList<>();
        doc.get("extensions").forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    @Test
    void eachBrokenJarIsReportedWithWhatIsWrongWhileTheBuiltInsKeepWorking() {
        CliResult result = plugins(broken);
        JsonNode doc = result.json();
        List<String> problems = new ArrayList<>();
        doc.get("problems").forEach(p -> problems.add(p.asText()));

        assertThat(ids(doc)).contains("idx", "lenet5", "small-cnn", "horizontal-flip", "early-stopping")
                .doesNotContain("nodesc-flip", "uses-helper", "boom", "future-flip");
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("no-descriptor.jar is not a valid plugin").contains("Plugin-Id"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("plugin 'missing-class'").contains("t.missing.Uses")
                .contains("ClassNotFoundException: t.missing.Helper").contains("bundle the plugin's own libraries"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("plugin 'throws-in-constructor'")
                .contains("could not be created").contains("constructor exploded"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("plugin 'duplicate-id'")
                .contains("augmentation id 'horizontal-flip', already taken by plugin 'builtin-augmentations'"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("plugin 'from-the-future'")
                .contains("needs plugin API >=9.0.0, but this workbench provides 0.2.0"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("corrupt.jar is not a valid plugin"));
        assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        // The built-in horizontal-flip is the one in use, not the imposter.
        doc.get("extensions").forEach(e -> {
            if (e.get("id").asText().equals("horizontal-flip")) {
                assertThat(e.get("plugin").asText()).isEqualTo("builtin-augmentations");
            }
        });
    }

    @Test
    void brokenJarsAreWarnedAboutOnStderrAndAnExperimentStillValidates() throws IOException {
        Path experiment = ExperimentFile.tiny().write(dir, "check.yaml");
        CliResult check = Cli.process("check", experiment.toString(), "--home", home.toString(), "--plugins", broken.toString());

        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.err()).contains("warning: plugin 'throws-in-constructor'").doesNotContain("\tat ");
    }

    @Test
    void twoPluginsBundlingDifferentVersionsOfOneLibraryEachUseTheirOwn() {
        JsonNode doc = plugins(isolated).json();
        List<String> descriptions = new ArrayList<>();
        doc.get("extensions").forEach(e -> descriptions.add(e.get("id").asText() + ": " + e.get("description").asText()));

        assertThat(descriptions).contains("lib-one: shared 1.0", "lib-two: shared 2.0");
        assertThat(doc.get("problems")).isEmpty();
    }

    @Test
    void anExtensionThatThrowsDuringTrainingFailsThatRunWithItsStackTraceAndTheNextRunWorks() throws IOException {
        Path failing = ExperimentFile.tiny().withLine(ExperimentFile.EPOCHS, "  epochs: 1").write(dir, "failing.yaml");
        Files.writeString(failing, Files.readString(failing) + "augmentations:\n  - type: fails-in-training\n");
        Path runHome = dir.resolve("run-home");

        CliResult failed = Cli.trainingProcess(Cli.builtInPlugins(), "run", failing.toString(), "--home", runHome.toString(),
                "--plugins", isolated.toString());
        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
        assertThat(failed.err()).contains("augmentation exploded on purpose").contains("./workbench show r1");
        JsonNode shown = Cli.process("show", "r1", "--json", "--home", runHome.toString()).json();
        assertThat(shown.get("status").asText()).isEqualTo("failed");
        assertThat(shown.get("error").asText()).contains("IllegalStateException: augmentation exploded on purpose").contains("\tat ");

        Path fine = ExperimentFile.tiny().withLine(ExperimentFile.EPOCHS, "  epochs: 1").write(dir, "fine.yaml");
        CliResult next = Cli.trainingProcess(Cli.builtInPlugins(), "run", fine.toString(), "--home", runHome.toString(),
                "--plugins", isolated.toString());
        assertThat(next.exitCode()).as(next.describe()).isZero();
    }
}
