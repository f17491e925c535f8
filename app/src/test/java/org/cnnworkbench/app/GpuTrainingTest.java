package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.cnnworkbench.engine.nd4j.Devices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a GPU through a sweep's worker ({@code --devices 0}): runs only in the {@code cuda}
 * build on a machine with an NVIDIA GPU ({@code mvn -Pcuda test -Dtest=GpuTrainingTest}); everywhere
 * else it is skipped, saying why. Not yet run by the project: its machines have no GPU.
 */
class GpuTrainingTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsAGpu() {
        assumeTrue(Devices.cuda(), "no GPU test here: this build has ND4J's CPU backend (build with -Pcuda on a GPU machine)");
        assumeTrue(!Devices.gpus().isEmpty(), "no GPU test here: the CUDA backend sees no GPU (driver, CUDA_VISIBLE_DEVICES)");
    }

    @Test
    void aWorkerTrainsItsTrialsOnTheGpuItWasGiven() {
        Path home = dir.resolve("home");
        Path file = ExperimentFile.tiny().append("sweep:", "  strategy: grid", "  trials: 2", "  parameters:",
                "    training.learning_rate: {choice: [0.001, 0.002]}").write(dir, "gpu.yaml");
        CliResult result = Cli.trainingProcess(Cli.builtInPlugins(), "sweep", file.toString(), "--home", home.toString(),
                "--devices", "0");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        JsonNode status = Cli.process("sweep-status", result.out().lines().findFirst().orElseThrow(), "--json", "--home",
                home.toString()).json();
        for (JsonNode t : status.get("trials")) {
            assertThat(t.get("status").asText()).isEqualTo("completed");
            JsonNode run = Cli.process("show", t.get("id").asText(), "--json", "--home", home.toString()).json();
            assertThat(run.get("provenance").get("backend").get("backend").asText()).isEqualTo("CUDA");
        }
        assertThat(status.get("workers").get(0).get("device").asText()).isEqualTo("gpu0");
    }
}
