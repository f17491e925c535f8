package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.network.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A graph architecture (the built-in {@code resnet}, small) goes through the commands as a stack
 * does: {@code check --json} reports it with the same fields (and each merge's inputs), {@code run}
 * trains and tests it, and {@code predict} gives the saved graph's output.
 */
class GraphCommandsTest {
    @TempDir
    static Path dir;

    private static Path home;
    private static Path experiment;

    @BeforeAll
    static void writeTheExperiment() throws IOException {
        home = dir.resolve("home");
        experiment = Files.writeString(dir.resolve("resnet.yaml"), String.join("\n",
                "name: shapes-resnet",
                "dataset:",
                "  type: shapes",
                "  params: {width: 32, height: 32, samples_per_class: 20}",
                "architecture:",
                "  type: resnet",
                "  params: {depth: 20, filters: 4}",
                "training: {epochs: 2, batch_size: 16, optimizer: adam, learning_rate: 0.001, seed: 42}",
                ""));
    }

    @Test
    void checkReportsAGraphWithTheFieldsOfAStackAndEachMergesInputs() {
        CliResult graph = Cli.inProcess("check", experiment.toString(), "--json", "--home", home.toString());
        Path stackFile = ExperimentFile.tiny().write(dir, "stack.yaml");
        CliResult stack = Cli.inProcess("check", stackFile.toString(), "--json", "--home", home.toString());

        assertThat(graph.exitCode()).as(graph.describe()).isZero();
        assertThat(stack.exitCode()).as(stack.describe()).isZero();
        assertThat(fieldNames(graph.json())).containsExactlyElementsOf(fieldNames(stack.json()));
        assertThat(graph.json().get("total_params").asLong()).isPositive();
        List<JsonNode> adds = new ArrayList<>();
        graph.json().get("layers").forEach(l -> {
            if ("Add".equals(l.path("type").asText())) {
                adds.add(l);
            }
        });
        assertThat(adds).as("one Add per residual block").hasSize(9);
        assertThat(adds.get(0).get("inputs")).hasSize(2);
    }

    @Test
    void runTrainsAndTestsTheGraphAndPredictGivesTheSavedGraphsOutput() throws IOException {
        CliResult run = Cli.inProcess("run", experiment.toString(), "--home", home.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Epoch 2/2", "Test accuracy");
        String runId = run.outLines().get(0);

        NoiseImage noise = NoiseImage.write(dir.resolve("noise.png"), 32, 5);
        CliResult predict = noise.predict(home, runId, 3);

        Network saved = NoiseImage.savedModel(home, runId);
        float[] input = noise.pixels();
        assertThat(saved.isGraph()).isTrue();
        float[] expected = saved.output(Nd4j.create(input, new long[] {1, 3, 32, 32}, 'c')).toFloatVector();
        JsonNode top = predict.json().get("predictions").get(0).get("top");
        assertThat(top).hasSize(3);
        for (JsonNode c : top) {
            assertThat(c.get("probability").asDouble()).as(c.toString()).isCloseTo(expected[c.get("index").asInt()], offset(1e-5));
        }
    }

    private static List<String> fieldNames(JsonNode doc) {
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
