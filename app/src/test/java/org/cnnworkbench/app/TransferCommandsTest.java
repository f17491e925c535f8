package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.engine.network.Network;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pretrained bases through the commands: {@code weights: imagenet} without the file and without a
 * reachable server (these machines are offline; the URL is pointed at a closed local port) or
 * with a damaged file is exit 2 naming the file, the URL and the models folder, and records no run;
 * a base's preprocessing is saved in the model and applied by {@code predict}.
 */
class TransferCommandsTest {
    @TempDir
    static Path dir;

    private static String offlineUrl;

    @BeforeAll
    static void closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            offlineUrl = "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }

    private static Path experiment(String name, String architectureParams) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
                "name: " + name,
                "dataset:",
                "  type: shapes",
                "  params: {width: 32, height: 32, samples_per_class: 20}",
                "architecture:",
                "  type: " + architectureParams,
                "training: {epochs: 1, batch_size: 16, optimizer: adam, learning_rate: 0.001, seed: 42}",
                ""));
    }

    @Test
    void imagenetWeightsOfflineAreExitTwoNamingTheFileTheUrlAndTheFolderAndRecordNoRun() throws IOException {
        Path home = dir.resolve("offline-home");
        Path file = experiment("vgg16-imagenet", "vgg16\n  params: {weights: imagenet, include_top: false, pooling: avg}");

        CliResult run = Cli.processIn(null, Map.of("WORKBENCH_WEIGHTS_URL", offlineUrl), "run", file.toString(),
                "--home", home.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5")
                .contains(offlineUrl + "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5")
                .contains(home.resolve("models").toString())
                .doesNotContain("\tat ");
        assertThat(Cli.process("runs", "--home", home.toString()).out()).contains("No runs yet");
    }

    @Test
    void aDamagedImagenetFileIsExitTwoNamingItAndRecordsNoRun() throws IOException {
        Path home = dir.resolve("damaged-home");
        Path models = Files.createDirectories(home.resolve("models"));
        Files.writeString(models.resolve("resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5"), "half a download");
        Path file = experiment("resnet50-imagenet", "resnet50\n  params: {weights: imagenet, include_top: false, pooling: avg}");

        CliResult run = Cli.processIn(null, Map.of("WORKBENCH_WEIGHTS_URL", offlineUrl), "run", file.toString(),
                "--home", home.toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.err()).contains("resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5 in " + models + " is damaged")
                .contains("published 4d473c1dd8becc155b73f8504c6f6626").doesNotContain("\tat ");
        assertThat(Cli.process("runs", "--home", home.toString()).out()).contains("No runs yet");
    }

    @Test
    void theBasesPreprocessingIsSavedInTheModelAndPredictAppliesIt() throws IOException {
        Path home = dir.resolve("predict-home");
        Path file = experiment("mobilenet-tf", "mobilenet-v2\n  params: {include_top: false, pooling: avg, head_units: 0,"
                + " preprocess: tf}");
        CliResult run = Cli.trainingProcess(Map.of(), "run", file.toString(), "--home", home.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        String runId = run.out().lines().findFirst().orElseThrow();

        NoiseImage noise = NoiseImage.write(dir.resolve("noise.png"), 32, 11);
        CliResult predict = noise.predict(home, runId, 2);

        Network saved = NoiseImage.savedModel(home, runId);
        float[] pixels = noise.pixels();
        INDArray input = Nd4j.create(pixels, new long[] {1, 3, 32, 32}, 'c');
        // The saved graph starts with Keras' tf preprocess_input: the image's [0, 1] pixels to [-1, 1].
        INDArray preprocessed = ((ComputationGraph) saved.model()).feedForward(input, false).get("preprocess_shift");
        assertThat(preprocessed.equalsWithEps(input.mul(2).sub(1), 1e-5)).isTrue();
        float[] expected = saved.output(input).toFloatVector();
        JsonNode top = predict.json().get("predictions").get(0).get("top");
        assertThat(top).hasSize(2);
        for (JsonNode c : top) {
            assertThat(c.get("probability").asDouble()).as(c.toString()).isCloseTo(expected[c.get("index").asInt()], offset(1e-5));
        }
    }
}
