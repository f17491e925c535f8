package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keras functional model through the commands: {@code check --json} reports its graph (the
 * residual {@code Add} with its two inputs) and {@code run} trains and tests it; one with a
 * {@code Lambda} layer is refused by {@code check} and {@code run} naming the layer and its class,
 * exit 2, before any run is recorded. The models are the architectures plugin's test fixtures
 * (plugins/architectures/src/test/resources/keras/functional, written by its make_fixture.py).
 */
class KerasFunctionalCommandsTest {
    private static final Path FIXTURES = Cli.root().resolve("plugins/architectures/src/test/resources/keras/functional");

    @TempDir
    Path dir;

    /** The residual fixture for the shapes dataset's 32×32 RGB images (its 3 classes, as the fixture's head). */
    private Path residualFor32x32x3(String fixture) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode model = (ObjectNode) mapper.readTree(FIXTURES.resolve(fixture).toFile());
        for (JsonNode layer : model.get("config").get("layers")) {
            if (layer.get("class_name").asText().equals("InputLayer")) {
                ArrayNode shape = ((ObjectNode) layer.get("config")).putArray("batch_input_shape");
                shape.addNull().add(32).add(32).add(3);
            }
        }
        Path json = dir.resolve(fixture);
        mapper.writeValue(json.toFile(), model);
        return json;
    }

    private Path experiment(Path json) throws IOException {
        return Files.writeString(dir.resolve("functional.yaml"), String.join("\n",
                "name: shapes-keras-functional",
                "dataset:",
                "  type: shapes",
                "  params: {width: 32, height: 32, samples_per_class: 20}",
                "architecture:",
                "  type: keras-json",
                "  params: {path: " + json + "}",
                "training: {epochs: 1, batch_size: 16, optimizer: adam, learning_rate: 0.001, seed: 42}",
                ""));
    }

    @Test
    void checkReportsTheFunctionalGraphAndRunTrainsIt() throws IOException {
        Path file = experiment(residualFor32x32x3("residual-tf2.json"));
        Path home = dir.resolve("home");

        CliResult check = Cli.inProcess("check", file.toString(), "--json", "--home", home.toString());

        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.json().get("total_params").asLong()).as("Keras' count at 32x32x3")
                .isEqualTo((3 * 3 * 3 * 4 + 4) + (3 * 3 * 4 * 4 + 4) + 4 * 4 + (3 * 3 * 4 * 4 + 4) + (4 * 3 + 3));
        List<JsonNode> adds = new ArrayList<>();
        check.json().get("layers").forEach(l -> {
            if ("Add".equals(l.path("type").asText())) {
                adds.add(l);
            }
        });
        assertThat(adds).hasSize(1);
        assertThat(adds.get(0).get("inputs").toString()).contains("conv2d", "conv2d_2");

        CliResult run = Cli.inProcess("run", file.toString(), "--home", home.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Epoch 1/1", "Test accuracy");
    }

    @Test
    void aFunctionalModelWithALambdaIsRefusedNamingTheLayerBeforeAnyRunIsRecorded() throws IOException {
        Path file = experiment(residualFor32x32x3("residual-lambda-tf2.json"));
        Path home = dir.resolve("home");

        for (String command : List.of("check", "run")) {
            CliResult result = Cli.process(command, file.toString(), "--home", home.toString());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
            assertThat(result.err()).as(result.describe()).startsWith("error: ")
                    .contains("layer 'activation' is of class Lambda", "a Lambda layer carries Python code, which is never run here")
                    .doesNotContain("\tat ", "Exception");
            assertThat(result.out()).isEmpty();
        }
        assertThat(home.resolve("runs")).doesNotExist();
        if (Files.exists(home.resolve("db"))) {
            assertThat(Cli.inProcess("runs", "--json", "--home", home.toString()).json().get("runs")).isEmpty();
        }
    }
}
