package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nested {@code head:} of a pretrained base through the commands (issue 18): it builds the same
 * network as the flat {@code head_units}/{@code head_dropout}/{@code head_activation}, which the
 * run's record keeps; {@code --set architecture.params.head.units} and a sweep over that path reach
 * it; a key the head does not have, or both forms at once, is exit 2 naming the place and what is
 * allowed, and records no run. Data: generated shapes (3 classes) at 32x32.
 */
class HeadParamsCommandsTest {
    @TempDir
    Path dir;

    /** VGG16's base at 32x32 (14,714,688 parameters) flattened to 512 features. */
    private static final long VGG16_BASE = 14_714_688L;

    /** MobileNetV2's base at 32x32 without its top; global average pooling gives 1,280 features. */
    private static final long MOBILENET_BASE = 2_257_984L;

    private Path experiment(String name, String architecture, String... paramLines) throws IOException {
        StringBuilder text = new StringBuilder(String.join("\n",
                "name: " + name,
                "dataset:",
                "  type: shapes",
                "  params: {width: 32, height: 32, samples_per_class: 10}",
                "architecture:",
                "  type: " + architecture,
                "  params:",
                ""));
        for (String line : paramLines) {
            text.append("    ").append(line).append('\n');
        }
        text.append("training: {epochs: 1, batch_size: 16, optimizer: adam, learning_rate: 0.001, seed: 42}\n");
        return Files.writeString(dir.resolve(name + ".yaml"), text.toString());
    }

    private Path home(String name) {
        return dir.resolve(name + "-home");
    }

    @Test
    void aNestedHeadChecksAsTheSameNetworkAsTheFlatNamesAndCheckShowsTheFlatNames() throws IOException {
        Path nested = experiment("vgg16-nested", "vgg16", "include_top: false", "pooling: none",
                "head:", "  units: 64", "  dropout: 0.3", "  activation: tanh");
        Path flat = experiment("vgg16-flat", "vgg16", "include_top: false", "pooling: none",
                "head_units: 64", "head_dropout: 0.3", "head_activation: tanh");

        CliResult nestedCheck = Cli.process("check", nested.toString(), "--json", "--home", home("check").toString());
        CliResult flatCheck = Cli.process("check", flat.toString(), "--json", "--home", home("check").toString());
        assertThat(nestedCheck.exitCode()).as(nestedCheck.describe()).isZero();
        assertThat(flatCheck.exitCode()).as(flatCheck.describe()).isZero();

        JsonNode n = nestedCheck.json();
        JsonNode f = flatCheck.json();
        // Flatten (512) -> Dense(64, tanh) -> Dropout(0.3) -> Dense(3, softmax).
        assertThat(n.get("total_params").asLong()).isEqualTo(VGG16_BASE + 512 * 64 + 64 + 64 * 3 + 3)
                .isEqualTo(f.get("total_params").asLong());
        assertThat(n.get("trainable_params").asLong()).isEqualTo(f.get("trainable_params").asLong());
        assertThat(n.get("layers")).isEqualTo(f.get("layers"));
        JsonNode understood = n.get("config").get("architecture").get("params");
        assertThat(understood.get("head_units").asInt()).isEqualTo(64);
        assertThat(understood.get("head_dropout").asDouble()).isEqualTo(0.3);
        assertThat(understood.get("head_activation").asText()).isEqualTo("tanh");
        assertThat(understood.has("head")).isFalse();
        assertThat(understood).isEqualTo(f.get("config").get("architecture").get("params"));
    }

    @Test
    void anUnknownKeyUnderTheHeadIsExitTwoWithTheAllowedKeysAndRecordsNoRun() throws IOException {
        Path file = experiment("vgg16-unit", "vgg16", "include_top: false", "head: {unit: 3}");

        CliResult run = Cli.process("run", file.toString(), "--home", home("unit").toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains(file + ", line 9").contains("unknown key 'unit' under 'head' for architecture 'vgg16'")
                .contains("Did you mean 'units'?").contains("Allowed under head: units (integer", "dropout (number", "activation (choice")
                .doesNotContain("\tat ");
        assertThat(Cli.process("runs", "--home", home("unit").toString()).out()).contains("No runs yet");
    }

    @Test
    void bothFormsAtOnceAreExitTwoAndRecordNoRun() throws IOException {
        Path file = experiment("vgg16-both", "vgg16", "include_top: false", "head: {units: 64}", "head_units: 32");

        CliResult run = Cli.process("run", file.toString(), "--home", home("both").toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains(file + ", line 10").contains("'head.units' and 'head_units' both set parameter 'head_units'")
                .doesNotContain("\tat ");
        assertThat(Cli.process("runs", "--home", home("both").toString()).out()).contains("No runs yet");
    }

    @Test
    void setHeadUnitsTrainsThatHeadAndTheRunRecordsIt() throws IOException {
        Path file = experiment("mobilenet-head", "mobilenet-v2", "include_top: false", "pooling: avg",
                "head: {units: 16, dropout: 0.2}");

        CliResult run = Cli.trainingProcess(java.util.Map.of(), "run", file.toString(), "--home", home("set").toString(),
                "--no-progress", "--set", "architecture.params.head.units=8");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        String runId = run.out().lines().findFirst().orElseThrow();
        JsonNode shown = Cli.process("show", runId, "--json", "--home", home("set").toString()).json();
        // Pooled 1,280 features -> Dense(8) -> Dropout(0.2) -> Dense(3): the --set value, not the file's 16.
        assertThat(shown.get("model_summary").get("total_params").asLong()).isEqualTo(MOBILENET_BASE + 1280 * 8 + 8 + 8 * 3 + 3);
        JsonNode recorded = shown.get("params").get("architecture").get("params");
        assertThat(recorded.get("head_units").asInt()).isEqualTo(8);
        assertThat(recorded.get("head_dropout").asDouble()).isEqualTo(0.2);
        assertThat(shown.toString()).contains("--set architecture.params.head.units=8");
    }

    @Test
    void aSweepOverHeadUnitsGivesEachTrialItsHead() throws IOException {
        Path file = experiment("mobilenet-sweep", "mobilenet-v2", "include_top: false", "pooling: avg", "head: {dropout: 0.2}");
        Files.writeString(file, Files.readString(file) + String.join("\n",
                "sweep:",
                "  strategy: grid",
                "  parameters:",
                "    architecture.params.head.units: {choice: [8, 16]}",
                ""));
        Path home = home("sweep");

        CliResult sweep = Cli.process("sweep", file.toString(), "--home", home.toString(), "--workers", "1", "--simulate-epochs", "1");

        assertThat(sweep.exitCode()).as(sweep.describe()).isZero();
        JsonNode trials = Cli.process("sweep-status", sweep.out().lines().findFirst().orElseThrow(), "--json", "--home",
                home.toString()).json().get("trials");
        assertThat(trials).hasSize(2);
        Set<Integer> units = new HashSet<>();
        for (JsonNode t : trials) {
            int sampled = t.get("params").get("architecture.params.head.units").asInt();
            JsonNode recorded = Cli.process("show", t.get("id").asText(), "--json", "--home", home.toString()).json()
                    .get("params").get("architecture").get("params");
            assertThat(recorded.get("head_units").asInt()).as(t.toString()).isEqualTo(sampled);
            assertThat(recorded.get("head_dropout").asDouble()).isEqualTo(0.2);
            units.add(sampled);
        }
        assertThat(units).containsExactlyInAnyOrder(8, 16);
    }

    @Test
    void fromRunTakesHeadUnitsAsAMappingToo() throws IOException {
        Path home = home("from-run");
        CliResult base = Cli.trainingProcess(java.util.Map.of(), "run", Cli.root().resolve("experiments/shapes-small-cnn.yaml").toString(),
                "--home", home.toString(), "--no-progress", "--set", "training.epochs=1", "--set", "dataset.params.samples_per_class=10",
                "--set", "dataset.params.width=32", "--set", "dataset.params.height=32");
        assertThat(base.exitCode()).as(base.describe()).isZero();
        String baseRun = base.out().lines().findFirst().orElseThrow();

        Path plain = experiment("from-run-plain", "from-run", "run: " + baseRun);
        Path headed = experiment("from-run-head", "from-run", "run: " + baseRun, "head: {units: 8}");
        JsonNode without = Cli.process("check", plain.toString(), "--json", "--home", home.toString()).json();
        CliResult with = Cli.process("check", headed.toString(), "--json", "--home", home.toString());
        assertThat(with.exitCode()).as(with.describe()).isZero();

        // small-cnn's Dense(64) -> Dense(3) becomes Dense(64) -> Dense(8, relu) -> Dense(3).
        assertThat(with.json().get("total_params").asLong())
                .isEqualTo(without.get("total_params").asLong() - (64 * 3 + 3) + (64 * 8 + 8) + (8 * 3 + 3));
        assertThat(with.json().get("config").get("architecture").get("params").get("head_units").asInt()).isEqualTo(8);

        Path wrong = experiment("from-run-dropout", "from-run", "run: " + baseRun, "head: {units: 8, dropout: 0.5}");
        CliResult refused = Cli.process("check", wrong.toString(), "--json", "--home", home.toString());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(2);
        assertThat(refused.err()).contains("unknown key 'dropout' under 'head' for architecture 'from-run'")
                .contains("Allowed under head: units (integer");
    }
}
