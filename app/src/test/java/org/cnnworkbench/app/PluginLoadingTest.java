package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extensions come only from plugin jars loaded by PF4J: the built jars copied into a temporary
 * folder load through {@code --plugins} when the built-in folder is empty; with no jars at all
 * nothing is there; a corrupt jar is reported while the others keep working.
 */
class PluginLoadingTest {
    private static final List<String> BUILT_IN_EXTENSIONS = BuiltInCatalogue.all();

    @TempDir
    static Path dir;

    private static Path home;
    private static Path emptyBuiltIns;
    private static Path copiedJars;
    private static Path corruptJarFolder;
    private static Path experiment;

    @BeforeAll
    static void layOutPluginFolders() throws IOException {
        home = dir.resolve("home");
        emptyBuiltIns = Files.createDirectories(dir.resolve("no-built-ins"));
        copiedJars = Files.createDirectories(dir.resolve("copied-plugins"));
        try (Stream<Path> jars = Files.list(Cli.builtInPlugins())) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, copiedJars.resolve(jar.getFileName()));
            }
        }
        assertThat(copiedJars.toFile().list()).as("built plugin jars in %s", Cli.builtInPlugins()).hasSize(4);
        corruptJarFolder = Files.createDirectories(dir.resolve("corrupt-plugins"));
        byte[] noise = new byte[2048];
        new Random(3).nextBytes(noise);
        Files.write(corruptJarFolder.resolve("x.jar"), noise);
        experiment = ExperimentFile.tiny().withLine(ExperimentFile.EPOCHS, "  epochs: 1")
                .withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 300").write(dir, "tiny.yaml");
    }

    @Test
    void builtJarsInAPluginsFolderLoadThroughPf4jAndTrain() {
        CliResult plugins = Cli.process(emptyBuiltIns, "plugins", "--json", "--home", home.toString(),
                "--plugins", copiedJars.toString());
        assertThat(plugins.exitCode()).as(plugins.describe()).isZero();
        JsonNode doc = plugins.json();
        assertThat(kindAndIds(doc)).containsExactlyInAnyOrderElementsOf(BUILT_IN_EXTENSIONS);
        for (JsonNode e : doc.get("extensions")) {
            assertThat(e.get("path").asText()).as("loaded from the copied jar").startsWith(copiedJars.toString()).endsWith(".jar");
            assertThat(e.get("built_in").asBoolean()).as("not from the (empty) built-in folder").isFalse();
        }

        CliResult run = Cli.trainingProcess(emptyBuiltIns, "run", experiment.toString(), "--home", home.toString(),
                "--no-progress", "--plugins", copiedJars.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.outLines().get(0)).matches("r[0-9]+");
        assertThat(run.out()).contains("Epoch 1/1", "Test accuracy");
    }

    /**
     * A jar built against plugin API 0.1.0 (its {@code ArchitectureFactory}, where {@code build} was
     * abstract and graphs did not exist), requiring {@code >=0.1.0}, loads into this workbench and trains.
     */
    @Test
    void anArchitectureJarBuiltAgainstTheOldApiLoadsAndTrainsUnchanged() throws IOException {
        String oldApi;
        try (var in = PluginLoadingTest.class.getResourceAsStream("/plugin-api-0.1.0/org/cnnworkbench/api/ArchitectureFactory.java.txt")) {
            oldApi = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(oldApi).as("the 0.1.0 interface: build abstract, no graphs")
                .contains("MultiLayerConfiguration build(Params params, ArchitectureContext context);")
                .doesNotContain("createNetwork", "ModelConfiguration");
        Path folder = Files.createDirectories(dir.resolve("old-api-plugins"));
        Path jar = PluginJars.plugin("old-api-mlp").requires(">=0.1.0")
                .compiledAgainst("org.cnnworkbench.api.ArchitectureFactory", oldApi)
                .source("org.acme.old.OldMlp", """
                        package org.acme.old;

                        import java.util.List;
                        import org.cnnworkbench.api.*;
                        import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
                        import org.deeplearning4j.nn.conf.layers.DenseLayer;
                        import org.deeplearning4j.nn.conf.layers.OutputLayer;
                        import org.nd4j.linalg.activations.Activation;
                        import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
                        import org.pf4j.Extension;

                        @Extension
                        public class OldMlp implements ArchitectureFactory {
                            public String id() { return "old-mlp"; }
                            public String description() { return "an MLP built against plugin API 0.1.0"; }
                            public List<ParamSpec> parameters() { return List.of(); }
                            public MultiLayerConfiguration build(Params p, ArchitectureContext ctx) {
                                return ctx.configure().list()
                                    .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                                    .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(ctx.classCount())
                                            .activation(Activation.SOFTMAX).build())
                                    .setInputType(ctx.inputShape().toInputType())
                                    .build();
                            }
                        }
                        """).buildInto(folder);
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                    .contains("org/acme/old/OldMlp.class").noneMatch(name -> name.startsWith("org/cnnworkbench/"));
        }
        Path file = ExperimentFile.tiny().withLine(ExperimentFile.ARCHITECTURE_TYPE, "  type: old-mlp")
                .withLine(ExperimentFile.EPOCHS, "  epochs: 1").withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 300")
                .write(dir, "old-api.yaml");

        CliResult run = Cli.trainingProcess(Cli.builtInPlugins(), "run", file.toString(), "--home", dir.resolve("old-api-home").toString(),
                "--no-progress", "--plugins", folder.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).doesNotContain("not loaded", "Exception");
        assertThat(run.out()).contains("Epoch 1/1", "Test accuracy");
    }

    @Test
    void withoutPluginJarsThereAreNoExtensionsAndRunSaysTheDatasetTypeIsUnknown() {
        Path bareHome = dir.resolve("bare-home");
        CliResult plugins = Cli.process(emptyBuiltIns, "plugins", "--json", "--home", bareHome.toString());
        assertThat(plugins.exitCode()).as(plugins.describe()).isZero();
        assertThat(plugins.json().get("extensions")).isEmpty();

        CliResult run = Cli.process(emptyBuiltIns, "run", experiment.toString(), "--home", bareHome.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("unknown dataset type 'idx'", "unknown architecture type 'small-cnn'", "none loaded");
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void jarsInTheHomesPluginsFolderLoadToo() throws IOException {
        Path userHome = dir.resolve("user-home");
        Path homePlugins = Files.createDirectories(userHome.resolve("plugins"));
        Files.copy(copiedJars.resolve("plugin-architectures.jar"), homePlugins.resolve("plugin-architectures.jar"));

        CliResult plugins = Cli.process(emptyBuiltIns, "plugins", "--json", "--home", userHome.toString());

        assertThat(plugins.exitCode()).as(plugins.describe()).isZero();
        assertThat(kindAndIds(plugins.json())).containsExactlyInAnyOrderElementsOf(BuiltInCatalogue.architectures());
    }

    @Test
    void aCorruptJarIsReportedWhileTheBuiltInsKeepWorking() {
        CliResult plugins = Cli.process("plugins", "--home", home.toString(), "--plugins", corruptJarFolder.toString());
        assertThat(plugins.exitCode()).as(plugins.describe()).isZero();
        assertThat(plugins.err()).as("stderr names the corrupt jar").contains(corruptJarFolder.resolve("x.jar").toString());
        assertThat(plugins.out()).contains("idx", "lenet5", "small-cnn", "horizontal-flip", "early-stopping");

        CliResult json = Cli.process("plugins", "--json", "--home", home.toString(), "--plugins", corruptJarFolder.toString());
        assertThat(json.exitCode()).as(json.describe()).isZero();
        JsonNode doc = json.json();
        assertThat(kindAndIds(doc)).containsExactlyInAnyOrderElementsOf(BUILT_IN_EXTENSIONS);
        assertThat(doc.get("problems").toString()).contains("x.jar");

        CliResult check = Cli.process("check", experiment.toString(), "--json", "--home", home.toString(),
                "--plugins", corruptJarFolder.toString());
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.json().get("total_params").asLong()).isEqualTo(93_322);
    }

    @Test
    void aCorruptJarIsReportedWithoutAStackTrace() {
        CliResult plugins = Cli.process("plugins", "--home", home.toString(), "--plugins", corruptJarFolder.toString());

        assertThat(plugins.exitCode()).as(plugins.describe()).isZero();
        assertThat(plugins.err()).contains("x.jar");
        assertThat(plugins.err()).as("a user's broken jar is a mistake to report, not a stack trace:\n%s", plugins.err())
                .doesNotContain("\tat ", "Exception");
    }

    private static List<String> kindAndIds(JsonNode doc) {
        List<String> ids = new ArrayList<>();
        doc.get("extensions").forEach(e -> ids.add(e.get("kind").asText() + ":" + e.get("id").asText()));
        return ids;
    }
}
