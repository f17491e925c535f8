package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Keras functional models into keras-json graphs. The fixtures (src/test/resources/keras/functional,
 * written without Keras by its make_fixture.py) are two small tf.keras functional models saved both
 * ways, with the outputs Keras computes for two inputs worked out in NumPy: {@code residual} (Conv2D →
 * [Conv2D → BatchNormalization → ReLU(max_value=6) → Conv2D] → Add with the skip → ReLU →
 * GlobalAveragePooling2D → Dense softmax on 8×6×2) and {@code branches} (Conv2D → ZeroPadding2D →
 * DepthwiseConv2D → BatchNormalization → ReLU(6) → Concatenate of two Conv2D → Multiply by a sigmoid
 * gate → Flatten → Dense → Activation('softmax') on 9×7×3; {@code branches-dropout} with a Dropout between
 * the Flatten and the Dense).
 */
class KerasFunctionalTest {
    private static final Path FIXTURE = Path.of("src/test/resources/keras/functional");
    private static final InputShape RESIDUAL = InputShape.image(2, 8, 6);
    private static final InputShape BRANCHES = InputShape.image(3, 9, 7);

    private final KerasJsonFactory factory = new KerasJsonFactory();

    @TempDir
    Path dir;

    private ComputationGraph create(String json, InputShape shape, int classes, Object... weights) {
        Object[] params = weights.length == 0 ? new Object[] {"path", FIXTURE.resolve(json)}
                : new Object[] {"path", FIXTURE.resolve(json), "weights", FIXTURE.resolve((String) weights[0])};
        return (ComputationGraph) factory.createNetwork(TestParams.of(factory, params), TestArchitectureContext.of(shape, classes));
    }

    private ComputationGraphConfiguration graph(Path json, InputShape shape, int classes) {
        ModelConfiguration conf = factory.configuration(TestParams.of(factory, "path", json), TestArchitectureContext.of(shape, classes));
        assertThat(conf).isInstanceOf(ModelConfiguration.Graph.class);
        return ((ModelConfiguration.Graph) conf).configuration();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "residual-tf2.json, residual-tf2.h5, residual, 3, 403",
            "residual-tf2.json, residual-tf2-weights.h5, residual, 3, 403",
            "residual-keras2.json, residual-tf2.h5, residual, 3, 403",
            "branches-tf2.json, branches-tf2.h5, branches, 4, 366",
            "branches-tf2.json, branches-tf2-weights.h5, branches, 4, 366",
            "branches-dropout-tf2.json, branches-dropout-tf2.h5, branches-dropout, 4, 366"})
    void givesTheOutputsNumPyComputesForKerasFromTheSavedWeights(String json, String weights, String expectedStem, int classes,
                                                                 long params) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(FIXTURE.resolve(expectedStem + "-expected.json").toFile());
        INDArray nhwc = Nd4j.create(new ObjectMapper().convertValue(expected.get("input_nhwc"), float[][][][].class));
        INDArray kerasOutput = Nd4j.create(new ObjectMapper().convertValue(expected.get("keras_output"), double[][].class));
        InputShape shape = expectedStem.equals("residual") ? RESIDUAL : BRANCHES;

        ComputationGraph network = create(json, shape, classes, weights);
        INDArray output = network.outputSingle(nhwc.permute(0, 3, 1, 2).dup().castTo(DataType.FLOAT));

        // Keras' count (BatchNormalization's moving mean and variance included), as the fixture's weights add up.
        assertThat(network.numParams()).isEqualTo(params).isEqualTo(expected.get("keras_params").asLong());
        assertThat(output.castTo(DataType.DOUBLE).equalsWithEps(kerasOutput, 1e-5))
                .as("output %s, NumPy's Keras %s", output, kerasOutput).isTrue();
    }

    @Test
    void theResidualGraphKeepsKerasNamesMergesAndReluCapAndTrainsWithTheTrialsOptimizer() {
        ComputationGraphConfiguration conf = graph(FIXTURE.resolve("residual-tf2.json"), RESIDUAL, 3);

        assertThat(conf.getNetworkInputs()).containsExactly("input_1");
        assertThat(conf.getNetworkOutputs()).containsExactly("dense");
        assertThat(conf.getVertices().get("add")).isInstanceOfSatisfying(ElementWiseVertex.class,
                add -> assertThat(add.getOp()).isEqualTo(ElementWiseVertex.Op.Add));
        assertThat(conf.getVertexInputs().get("add")).containsExactly("conv2d", "conv2d_2");
        ActivationLayer relu6 = (ActivationLayer) ((LayerVertex) conf.getVertices().get("re_lu")).getLayerConf().getLayer();
        assertThat(relu6.getActivationFn()).isInstanceOfSatisfying(ActivationReLU.class,
                relu -> assertThat(relu.getMax()).isEqualTo(6.0));
        OutputLayer head = (OutputLayer) ((LayerVertex) conf.getVertices().get("dense")).getLayerConf().getLayer();
        assertThat(head.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(head.getLossFn()).isInstanceOf(LossMCXENT.class);
        assertThat(head.getIUpdater()).isEqualTo(new Adam(1e-3));

        ComputationGraph network = new ComputationGraph(conf);
        network.init();
        INDArray before = network.params().dup();
        network.fit(new DataSet(Networks.batch(RESIDUAL, 4), Networks.labels(4, 3)));
        assertThat(network.score()).isFinite();
        assertThat(network.params()).isNotEqualTo(before);
    }

    @Test
    void theBranchesGraphConcatenatesAlongChannelsAndMultiplies() {
        ComputationGraphConfiguration conf = graph(FIXTURE.resolve("branches-tf2.json"), BRANCHES, 4);

        assertThat(conf.getVertices().get("concatenate")).isInstanceOf(MergeVertex.class);
        assertThat(conf.getVertices().get("multiply")).isInstanceOfSatisfying(ElementWiseVertex.class,
                m -> assertThat(m.getOp()).isEqualTo(ElementWiseVertex.Op.Product));
        // Keras' Flatten is DL4J's flattening before the dense layer; the softmax Activation is the output layer's.
        assertThat(conf.getVertices()).doesNotContainKeys("flatten", "activation");
        assertThat(conf.getVertexInputs().get("dense")).containsExactly("multiply");
    }

    @Test
    void withoutWeightsTheGraphStartsFromTheTrialsSeed() {
        ComputationGraph fresh = create("residual-tf2.json", RESIDUAL, 3);
        ComputationGraph again = create("residual-tf2.json", RESIDUAL, 3);
        ComputationGraph loaded = create("residual-tf2.json", RESIDUAL, 3, "residual-tf2.h5");

        assertThat(fresh.params()).isEqualTo(again.params());
        assertThat(fresh.params()).isNotEqualTo(loaded.params());
    }

    @Test
    void refusesALambdaLayerInAFunctionalModelNamingIt() {
        assertThatThrownBy(() -> graph(FIXTURE.resolve("residual-lambda-tf2.json"), RESIDUAL, 3))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("layer 'activation' is of class Lambda")
                .hasMessageContaining("a Lambda layer carries Python code, which is never run here");
    }

    @Test
    void refusesWhatDl4jCannotImportNamingTheLayerAndItsClass() throws IOException {
        String residual = Files.readString(FIXTURE.resolve("residual-tf2.json"));
        Path subtract = dir.resolve("subtract.json");
        Files.writeString(subtract, residual.replace("\"class_name\": \"Add\"", "\"class_name\": \"Subtract\""));
        Path nested = dir.resolve("nested.json");
        Files.writeString(nested, residual.replace("\"class_name\": \"Activation\"", "\"class_name\": \"Functional\""));
        Path custom = dir.resolve("custom.json");
        Files.writeString(custom, residual.replace("\"class_name\": \"Add\",", "\"class_name\": \"Add\", \"registered_name\": \"my>Add\","));
        // The zero padding before the DepthwiseConv2D reads the input instead of the Conv2D.
        Path depthwiseFirst = variant("branches-tf2.json", "depthwise-first.json", model -> ((ArrayNode) layer(model, "zero_padding2d")
                .withArray("inbound_nodes").get(0).get(0)).set(0, new ObjectMapper().getNodeFactory().textNode("input_1")));

        assertThatThrownBy(() -> graph(subtract, RESIDUAL, 3)).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("layer 'add' is of class Subtract (layer 6), which keras-json refuses");
        assertThatThrownBy(() -> graph(nested, RESIDUAL, 3)).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("layer 'activation' is of class Functional (layer 7), which keras-json refuses:"
                        + " it is a model nested in the model");
        assertThatThrownBy(() -> graph(custom, RESIDUAL, 3)).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("layer 'add' is of class Add (layer 6), which keras-json refuses: it is a custom class");
        assertThatThrownBy(() -> graph(depthwiseFirst, BRANCHES, 4)).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("layer 'depthwise_conv2d' (class DepthwiseConv2D) reads the model's input without a"
                        + " Conv2D or Dense before it");
    }

    @Test
    void aSequentialModelIsRefusedAFunctionalOnlyLayerSayingSo() throws IOException {
        Path sequential = dir.resolve("sequential-depthwise.json");
        Files.writeString(sequential, Files.readString(Path.of("src/test/resources/keras/conv-pool-tf2.json"))
                .replaceFirst("\"class_name\": \"Conv2D\"", "\"class_name\": \"DepthwiseConv2D\""));

        assertThatThrownBy(() -> factory.configuration(TestParams.of(factory, "path", sequential), TestArchitectureContext.mnist()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("layer 'conv2d' is of class DepthwiseConv2D (layer 1), which keras-json refuses: it needs"
                        + " a functional model (keras.Model(inputs, outputs)), not a Sequential one");
    }

    @Test
    void refusesAModelOfSeveralInputsOrOutputsAndOneForAnotherShape() throws IOException {
        Path twoOutputs = variant("residual-tf2.json", "two-outputs.json", model -> ((ObjectNode) model.get("config"))
                .withArray("output_layers").addArray().add("add").add(0).add(0));

        assertThatThrownBy(() -> graph(twoOutputs, RESIDUAL, 3)).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("has 1 input(s) [input_1] and 2 output(s) [dense, add]; keras-json takes a model of one"
                        + " image input and one classifier output");
        assertThatThrownBy(() -> graph(FIXTURE.resolve("residual-tf2.json"), InputShape.image(3, 8, 6), 3))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("takes inputs of 8x6x2 (Keras order: height x width x channels), but the dataset gives 8x6x3");
        assertThatThrownBy(() -> graph(FIXTURE.resolve("residual-tf2.json"), RESIDUAL, 5))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("the last layer 'dense' has 3 softmax unit(s), but the dataset has 5 classes");
    }

    /** A copy of fixture {@code json} in the test's folder, changed by {@code change}. */
    private Path variant(String json, String name, Consumer<ObjectNode> change) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode model = (ObjectNode) mapper.readTree(FIXTURE.resolve(json).toFile());
        change.accept(model);
        Path file = dir.resolve(name);
        mapper.writeValue(file.toFile(), model);
        return file;
    }

    private static ObjectNode layer(ObjectNode model, String name) {
        for (JsonNode layer : model.get("config").get("layers")) {
            if (layer.get("name").asText().equals(name)) {
                return (ObjectNode) layer;
            }
        }
        throw new AssertionError("no layer " + name);
    }

    @Test
    void refusesWeightsOfAnotherFunctionalModel() {
        assertThatThrownBy(() -> create("residual-tf2.json", RESIDUAL, 3, "branches-tf2.h5"))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("branches-tf2.h5 are of the layers [")
                .hasMessageEndingWith("give the .h5 saved from this model");
    }
}
