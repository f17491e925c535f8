package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.network.Network;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code from-run} of a run that saved a graph, through the commands: a small {@code resnet} run,
 * then a transfer from it to other images under a new head, checked and run; the new run's
 * saved graph keeps the first run's frozen convolution weights and has the new head.
 */
class GraphFromRunCommandsTest {
    @TempDir
    Path dir;

    private Path experiment(String name, String dataset, String architecture) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), String.join("\n",
                "name: " + name,
                "dataset:",
                "  type: shapes",
                "  params: {" + dataset + "}",
                "architecture:",
                "  " + architecture,
                "training: {epochs: 1, batch_size: 16, optimizer: adam, learning_rate: 0.001, seed: 42}",
                ""));
    }

    @Test
    void aTransferFromAResnetRunFreezesItsBaseAndTrainsANewHead() throws IOException {
        Path home = dir.resolve("home");
        Path base = experiment("base", "width: 32, height: 32, samples_per_class: 20",
                "{type: resnet, params: {depth: 20, filters: 2}}");
        CliResult first = Cli.inProcess("run", base.toString(), "--home", home.toString(), "--no-progress");
        assertThat(first.exitCode()).as(first.describe()).isZero();
        String baseRun = first.outLines().get(0);

        // Other images of the shapes (more of them, less noise), under a new head.
        Path transfer = experiment("transfer", "width: 32, height: 32, samples_per_class: 30, noise: 0.05",
                "{type: from-run, params: {run: " + baseRun + "}}");
        CliResult check = Cli.inProcess("check", transfer.toString(), "--json", "--home", home.toString());
        assertThat(check.exitCode()).as(check.describe()).isZero();
        JsonNode summary = check.json();
        assertThat(summary.get("total_params").asLong()).isPositive();

        CliResult second = Cli.inProcess("run", transfer.toString(), "--home", home.toString(), "--no-progress");

        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(second.out()).contains("Epoch 1/1", "Test accuracy");
        String transferRun = second.outLines().get(0);
        Backend.load();
        Network before = Network.restore(home.resolve("runs/" + baseRun + "/model.zip"), false);
        Network after = Network.restore(home.resolve("runs/" + transferRun + "/model.zip"), false);
        assertThat(after.isGraph()).isTrue();
        ComputationGraph baseGraph = (ComputationGraph) before.model();
        ComputationGraph transferred = (ComputationGraph) after.model();
        INDArray frozen = transferred.getLayer("conv2d_20").params();
        assertThat(frozen).as("the frozen base keeps the first run's weights").isEqualTo(baseGraph.getLayer("conv2d_20").params());
        assertThat(transferred.getConfiguration().getNetworkOutputs()).containsExactly("dense_1");
        assertThat(transferred.getLayer("dense_1").getParam("W").shape()).containsExactly(8, 3);
        assertThat(transferred.getLayer("dense_1").params()).as("the new head trained")
                .isNotEqualTo(baseGraph.getLayer("dense").params());
    }
}
