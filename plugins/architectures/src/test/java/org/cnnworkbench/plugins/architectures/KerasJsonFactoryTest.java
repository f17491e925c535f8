package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Keras model.to_json() files of the seed models (written as Keras 2.2.4 and tf.keras write them), imported. */
class KerasJsonFactoryTest {
    private static final InputShape MNIST = InputShape.image(1, 28, 28);

    private final KerasJsonFactory factory = new KerasJsonFactory();

    @TempDir
    Path dir;

    private static Path file(String name) {
        return Path.of("src/test/resources/keras", name);
    }

    private MultiLayerConfiguration build(String name, InputShape shape, int classes) {
        return factory.build(TestParams.of(factory, "path", file(name)), TestArchitectureContext.of(shape, classes));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "small-cnn-keras2.json, 93322",
            "small-cnn-tf2.json, 93322",
            "conv-pool-keras2.json, 54410",
            "conv-pool-tf2.json, 54410"})
    void importsTheSeedModelsWithKerasParameterCounts(String name, long params) {
        MultiLayerNetwork network = Networks.init(build(name, MNIST, 10));

        assertThat(network.numParams()).isEqualTo(params);
        assertThat(network.output(Networks.batch(MNIST, 2)).shape()).containsExactly(2, 10);
        network.fit(new DataSet(Networks.batch(MNIST, 2), Networks.labels(2, 10)));
        assertThat(network.score()).isFinite();
    }

    @Test
    void importedLayersKeepKerasNamesAndTrainInTheEnginesLayoutWithTheTrialsOptimizer() {
        MultiLayerConfiguration conf = build("conv-pool-tf2.json", MNIST, 10);

        assertThat(Networks.layerNames(conf)).containsExactly("conv2d", "max_pooling2d", "dense");
        assertThat(((ConvolutionLayer) conf.getConf(0).getLayer()).getCnn2dDataFormat()).isEqualTo(CNN2DFormat.NCHW);
        assertThat(((SubsamplingLayer) conf.getConf(1).getLayer()).getCnn2dDataFormat()).isEqualTo(CNN2DFormat.NCHW);
        assertThat(((BaseLayer) conf.getConf(0).getLayer()).getIUpdater()).isEqualTo(new Adam(1e-3));
        assertThat(((BaseLayer) conf.getConf(2).getLayer()).getIUpdater()).isEqualTo(new Adam(1e-3));
        OutputLayer head = (OutputLayer) conf.getConf(2).getLayer();
        assertThat(head.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(head.getLossFn()).isInstanceOf(LossMCXENT.class);
        assertThat(conf.getConf(0).getSeed()).isEqualTo(1);
    }

    @Test
    void importsTheCatsDogsDropoutAndL2VariantWithItsBinaryHead() {
        InputShape photos = InputShape.image(3, 180, 180);
        MultiLayerConfiguration conf = build("catsdogs-cnn-keras2.json", photos, 2);

        MultiLayerNetwork network = Networks.init(conf);
        assertThat(network.numParams()).isEqualTo(991_041);
        assertThat(network.output(Networks.batch(photos, 2)).shape()).containsExactly(2, 1);
        OutputLayer head = (OutputLayer) conf.getConf(conf.getConfs().size() - 1).getLayer();
        assertThat(head.getActivationFn()).isInstanceOf(ActivationSigmoid.class);
        assertThat(head.getLossFn()).isInstanceOf(LossBinaryXENT.class);
        // Keras' rate 0.5 is the share dropped, DL4J's value the share kept; DL4J's import loses it.
        DropoutLayer dropout = (DropoutLayer) conf.getConf(9).getLayer();
        assertThat(((Dropout) dropout.getIDropout()).getP()).isEqualTo(0.5);
        assertThat(conf.getConf(8).getLayer().getIDropout()).isNull();
        // Keras' l2(0.001) adds 0.001·Σw²; DL4J's L2 is on ½·Σw², so it carries 0.002.
        assertThat(((BaseLayer) conf.getConf(0).getLayer()).getRegularization())
                .singleElement().isInstanceOfSatisfying(L2Regularization.class,
                        l2 -> assertThat(l2.getL2().valueAt(0, 0)).isEqualTo(0.002));
    }

    @Test
    void dropoutKeepsTheShareKerasDoesNotDrop() throws IOException {
        Path variant = dir.resolve("catsdogs-dropout-0.3.json");
        Files.writeString(variant, Files.readString(file("catsdogs-cnn-keras2.json")).replace("\"rate\": 0.5", "\"rate\": 0.3"));

        MultiLayerConfiguration conf = factory.build(TestParams.of(factory, "path", variant),
                TestArchitectureContext.of(InputShape.image(3, 180, 180), 2));

        assertThat(((Dropout) conf.getConf(9).getLayer().getIDropout()).getP()).isEqualTo(0.7, within(1e-12));
    }

    @Test
    void importsAOneDimensionalModelForSequences() {
        InputShape rows = InputShape.sequence(1, 9);
        MultiLayerNetwork network = Networks.init(build("conv1d-telemetry-tf2.json", rows, 2));

        assertThat(network.numParams()).isEqualTo(67_073);
        assertThat(network.output(Networks.batch(rows, 2)).shape()).containsExactly(2, 1);
        network.fit(new DataSet(Networks.batch(rows, 2), Networks.labels(2, 1)));
        assertThat(network.score()).isFinite();
    }

    @Test
    void refusesAFlattenedSequenceWhichDl4jWouldApplyPerStep() throws IOException {
        Path flattened = dir.resolve("conv1d-flatten.json");
        Files.writeString(flattened, Files.readString(file("conv1d-telemetry-tf2.json"))
                .replace("\"class_name\": \"GlobalMaxPooling1D\"", "\"class_name\": \"Flatten\""));

        assertThatThrownBy(() -> factory.build(TestParams.of(factory, "path", flattened),
                TestArchitectureContext.of(InputShape.sequence(1, 9), 2)))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("layer 'global_max_pooling1d' flattens a sequence (class Flatten after 1-D layers)");
    }

    @Test
    void refusesALambdaLayerNamingItBeforeAnythingRuns() {
        assertThatThrownBy(() -> build("lambda-keras2.json", MNIST, 10))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("layer 'lambda_1' is of class Lambda")
                .hasMessageContaining("a Lambda layer carries Python code, which is never run here");
    }

    @Test
    void refusesACustomClassNamingIt() {
        assertThatThrownBy(() -> build("custom-layer-tf2.json", MNIST, 10))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("layer 'scale' is of class Scale")
                .hasMessageContaining("keras-json refuses");
    }

    @Test
    void refusesAModelForAnotherInputShapeNamingBoth() {
        assertThatThrownBy(() -> build("small-cnn-tf2.json", InputShape.image(3, 32, 32), 10))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("takes inputs of 28x28x1 (Keras order: height x width x channels),"
                        + " but the dataset gives 32x32x3");
    }

    @Test
    void refusesAHeadForAnotherClassCount() {
        assertThatThrownBy(() -> build("small-cnn-keras2.json", MNIST, 3))
                .isInstanceOf(PluginInputException.class)
                .hasMessageEndingWith("the last layer 'dense_2' has 10 softmax unit(s), but the dataset has 3 classes;"
                        + " give it 3 softmax units");
    }

    @Test
    void refusesOtherModelClassesAndKeras3Files() throws IOException {
        Path subclassed = dir.resolve("subclassed.json");
        Files.writeString(subclassed, "{\"class_name\": \"MyModel\", \"config\": {\"layers\": []}, \"keras_version\": \"2.9.0\"}");
        Path keras3 = dir.resolve("keras3.json");
        Files.writeString(keras3, "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"layers\": []},"
                + " \"keras_version\": \"3.3.3\"}");

        assertThatThrownBy(() -> factory.build(TestParams.of(factory, "path", subclassed), TestArchitectureContext.mnist()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("holds a MyModel model; keras-json takes Sequential models (keras.Sequential([...]))"
                        + " and functional models (keras.Model(inputs, outputs))");
        assertThatThrownBy(() -> factory.build(TestParams.of(factory, "path", keras3), TestArchitectureContext.mnist()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("was written by Keras 3.3.3");
    }

    @Test
    void refusesAMissingOrMalformedFile() throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"class_name\": \"Sequential\",\n  \"config\": [");

        assertThatThrownBy(() -> factory.build(TestParams.of(factory, "path", dir.resolve("none.json")),
                TestArchitectureContext.mnist()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("none.json does not exist");
        assertThatThrownBy(() -> factory.build(TestParams.of(factory, "path", broken), TestArchitectureContext.mnist()))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("broken.json is not JSON (line 2");
    }
}
