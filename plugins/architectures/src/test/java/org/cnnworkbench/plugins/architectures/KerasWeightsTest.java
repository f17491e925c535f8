package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Keras weights into keras-json networks. The fixture (src/test/resources/keras/weights, written by
 * its make_fixture.py) is a small tf.keras model — Conv2D, BatchNormalization, MaxPooling2D,
 * Flatten, Dense, Dropout, Dense + Activation('softmax') on 8×6×2 — saved both ways, with the
 * outputs Keras computes for two inputs.
 */
class KerasWeightsTest {
    private static final Path FIXTURE = Path.of("src/test/resources/keras/weights");
    private static final InputShape SHAPE = InputShape.image(2, 8, 6);

    private final KerasJsonFactory factory = new KerasJsonFactory();

    @TempDir
    Path dir;

    private MultiLayerNetwork create(Path weights) {
        return factory.create(TestParams.of(factory, "path", FIXTURE.resolve("tiny-cnn-tf2.json"), "weights", weights),
                TestArchitectureContext.of(SHAPE, 3));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tiny-cnn-tf2.h5", "tiny-cnn-tf2-weights.h5"})
    void givesKerasOutputsFromTheSavedWeights(String weights) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(FIXTURE.resolve("tiny-cnn-expected.json").toFile());
        INDArray nhwc = Nd4j.create(new ObjectMapper().convertValue(expected.get("input_nhwc"), float[][][][].class));
        INDArray kerasOutput = Nd4j.create(new ObjectMapper().convertValue(expected.get("keras_output"), double[][].class));

        MultiLayerNetwork network = create(FIXTURE.resolve(weights));
        INDArray output = network.output(nhwc.permute(0, 3, 1, 2).dup().castTo(DataType.FLOAT));

        assertThat(network.numParams()).isEqualTo(272);
        assertThat(output.castTo(DataType.DOUBLE).equalsWithEps(kerasOutput, 1e-5))
                .as("output %s, Keras %s", output, kerasOutput).isTrue();
    }

    @Test
    void aDropoutBetweenFlattenAndDenseKeepsKerasFlatteningOrder() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(FIXTURE.resolve("tiny-cnn-dropout-expected.json").toFile());
        INDArray nhwc = Nd4j.create(new ObjectMapper().convertValue(expected.get("input_nhwc"), float[][][][].class));
        INDArray kerasOutput = Nd4j.create(new ObjectMapper().convertValue(expected.get("keras_output"), double[][].class));

        MultiLayerNetwork network = factory.create(TestParams.of(factory, "path", FIXTURE.resolve("tiny-cnn-dropout-tf2.json"),
                "weights", FIXTURE.resolve("tiny-cnn-dropout-tf2.h5")), TestArchitectureContext.of(SHAPE, 3));
        INDArray output = network.output(nhwc.permute(0, 3, 1, 2).dup().castTo(DataType.FLOAT));

        assertThat(output.castTo(DataType.DOUBLE).equalsWithEps(kerasOutput, 1e-5))
                .as("output %s, Keras %s", output, kerasOutput).isTrue();
    }

    @Test
    void withoutWeightsTheNetworkStartsFromTheTrialsSeed() {
        MultiLayerNetwork fresh = factory.create(TestParams.of(factory, "path", FIXTURE.resolve("tiny-cnn-tf2.json")),
                TestArchitectureContext.of(SHAPE, 3));
        MultiLayerNetwork loaded = create(FIXTURE.resolve("tiny-cnn-tf2.h5"));

        assertThat(fresh.params()).isNotEqualTo(loaded.params());
    }

    @Test
    void refusesAMissingOrForeignWeightsFile() throws IOException {
        Path notHdf5 = dir.resolve("weights.h5");
        Files.writeString(notHdf5, "not an HDF5 file");

        assertThatThrownBy(() -> create(dir.resolve("none.h5")))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("weights file " + dir.resolve("none.h5") + " does not exist");
        assertThatThrownBy(() -> create(notHdf5))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("DL4J cannot read the weights " + notHdf5);
    }

    @Test
    void refusesWeightsOfAnotherModel() {
        assertThatThrownBy(() -> factory.create(TestParams.of(factory, "path", Path.of("src/test/resources/keras/conv-pool-tf2.json"),
                        "weights", FIXTURE.resolve("tiny-cnn-tf2.h5")), TestArchitectureContext.mnist()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("tiny-cnn-tf2.h5 are of the layers [")
                .hasMessageEndingWith("conv-pool-tf2.json has the layers [conv2d, max_pooling2d, flatten, dense];"
                        + " give the .h5 saved from this model");
    }
}
