package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

class FromRunFactoryTest {
    private static final InputShape MNIST = InputShape.image(1, 28, 28);

    private final FromRunFactory factory = new FromRunFactory();

    @TempDir
    Path dir;

    private MultiLayerNetwork saved;
    private Path model;

    /** Run r1: small-cnn on 10 classes, trained one step with Adam 0.01, saved as the engine saves models. */
    @BeforeEach
    void saveAnEarlierRun() throws IOException {
        saved = trainOneStep(new SmallCnnFactory(), MNIST, 10);
        model = dir.resolve("r1-model.zip");
        ModelSerializer.writeModel(saved, model.toFile(), true);
    }

    private static MultiLayerNetwork trainOneStep(ArchitectureFactory architecture, InputShape shape, int classes) {
        var context = new TestArchitectureContext(shape, classes, 0.01, Map.of());
        MultiLayerNetwork network = Networks.init(architecture.build(TestParams.of(architecture), context));
        network.fit(new DataSet(Networks.batch(shape, 4), Networks.labels(4, Networks.outputWidth(network))));
        return network;
    }

    private TestArchitectureContext newDataset(InputShape shape, int classes) {
        return TestArchitectureContext.of(shape, classes).withSavedModel("r1", model);
    }

    private MultiLayerNetwork create(TestArchitectureContext context, Object... overrides) {
        return factory.create(TestParams.of(factory, concat("run", "r1", overrides)), context);
    }

    private static Object[] concat(String name, Object value, Object[] rest) {
        Object[] all = new Object[rest.length + 2];
        all[0] = name;
        all[1] = value;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    @Test
    void freezesTheConvolutionalBaseWithItsTrainedWeightsAndPutsANewHeadForTheClasses() {
        MultiLayerNetwork network = create(newDataset(MNIST, 3));
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();

        for (int i = 0; i <= 4; i++) {
            assertThat(conf.getConf(i).getLayer()).as("layer " + i).isInstanceOf(FrozenLayer.class);
            assertThat(network.getLayer(i).params()).as("layer " + i).isEqualTo(saved.getLayer(i).params());
        }
        assertThat(conf.getConf(5).getLayer()).isInstanceOf(DenseLayer.class);
        assertThat(network.getLayer(5).params()).isEqualTo(saved.getLayer(5).params());
        OutputLayer head = (OutputLayer) conf.getConf(6).getLayer();
        assertThat(head.getNOut()).isEqualTo(3);
        assertThat(head.getNIn()).isEqualTo(64);
        assertThat(head.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(network.output(Networks.batch(MNIST, 2)).shape()).containsExactly(2, 3);
    }

    @Test
    void trainingMovesOnlyTheLayersAfterTheFrozenOnesWithTheTrialsOptimizer() {
        MultiLayerNetwork network = create(newDataset(MNIST, 3));
        INDArray frozenBefore = network.getLayer(4).params().dup();
        INDArray denseBefore = network.getLayer(5).params().dup();

        network.fit(new DataSet(Networks.batch(MNIST, 4), Networks.labels(4, 3)));

        assertThat(network.getLayer(4).params()).isEqualTo(frozenBefore);
        assertThat(network.getLayer(5).params()).isNotEqualTo(denseBefore);
        BaseLayer dense = (BaseLayer) network.getLayerWiseConfigurations().getConf(5).getLayer();
        assertThat(dense.getIUpdater()).isEqualTo(new Adam(1e-3));
    }

    @Test
    void buildGivesTheConfigurationOfTheCreatedNetwork() {
        MultiLayerConfiguration conf = factory.build(TestParams.of(factory, "run", "r1"), newDataset(MNIST, 3));

        assertThat(conf.getConf(0).getLayer()).isInstanceOf(FrozenLayer.class);
        assertThat(Networks.outputWidth(Networks.init(conf))).isEqualTo(3);
    }

    @Test
    void freezeUntilTakesALayerNameOrAnIndexOrNone() {
        MultiLayerConfiguration byName = create(newDataset(MNIST, 3), "freeze_until", "max_pooling2d").getLayerWiseConfigurations();
        MultiLayerConfiguration byIndex = create(newDataset(MNIST, 3), "freeze_until", "2").getLayerWiseConfigurations();
        MultiLayerConfiguration none = create(newDataset(MNIST, 3), "freeze_until", "none").getLayerWiseConfigurations();

        assertThat(byName.getConf(1).getLayer()).isInstanceOf(FrozenLayer.class);
        assertThat(byName.getConf(2).getLayer()).isNotInstanceOf(FrozenLayer.class);
        assertThat(byIndex.getConf(2).getLayer()).isInstanceOf(FrozenLayer.class);
        assertThat(byIndex.getConf(3).getLayer()).isNotInstanceOf(FrozenLayer.class);
        assertThat(none.getConfs()).noneMatch(c -> c.getLayer() instanceof FrozenLayer);
    }

    @Test
    void headUnitsAddAReluLayerBeforeTheNewOutput() {
        MultiLayerNetwork network = create(newDataset(MNIST, 3), "head_units", 32);

        assertThat(Networks.layerNames(network.getLayerWiseConfigurations())).endsWith("dense", "dense_2", "dense_3");
        DenseLayer added = (DenseLayer) network.getLayerWiseConfigurations().getConf(6).getLayer();
        assertThat(added.getNIn()).isEqualTo(64);
        assertThat(added.getNOut()).isEqualTo(32);
        assertThat(added.getActivationFn()).isInstanceOf(ActivationReLU.class);
        assertThat(network.output(Networks.batch(MNIST, 2)).shape()).containsExactly(2, 3);
    }

    @Test
    void keepingTheHeadNeedsTheSameClassCount() {
        MultiLayerNetwork kept = create(newDataset(MNIST, 10), "replace_head", false);

        assertThat(kept.getLayer(6).params()).isEqualTo(saved.getLayer(6).params());
        assertThatThrownBy(() -> create(newDataset(MNIST, 3), "replace_head", false))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("run r1's output layer has 10 unit(s), but the dataset has 3 classes;"
                        + " set replace_head: true to give it a new head");
    }

    @Test
    void aGraphRunsModelIsFineTunedFromALayerOnWithItsHeadKeptOrReplaced() throws IOException {
        ResNetFactory resnet = new ResNetFactory();
        InputShape cifar = InputShape.image(3, 32, 32);
        var graph = new org.deeplearning4j.nn.graph.ComputationGraph(GraphArchitecturesTest.graph(resnet,
                TestParams.of(resnet, "filters", 2), cifar, 10));
        graph.init();
        Path saved = dir.resolve("r3-model.zip");
        ModelSerializer.writeModel(graph, saved.toFile(), true);
        var context = TestArchitectureContext.of(cifar, 10).withSavedModel("r3", saved);

        assertThatThrownBy(() -> factory.create(TestParams.of(factory, "run", "r3"), context))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("run r3 saved a graph model");
        var tuned = (org.deeplearning4j.nn.graph.ComputationGraph) factory.createNetwork(TestParams.of(factory, "run", "r3",
                "freeze_until", "conv2d_10", "replace_head", false), context);

        assertThat(tuned.params()).isEqualTo(graph.params());
        assertThat(frozenLayer(tuned, "conv2d")).isTrue();
        assertThat(frozenLayer(tuned, "conv2d_10")).isTrue();
        assertThat(frozenLayer(tuned, "conv2d_19")).isFalse();
        var before = tuned.getLayer("conv2d_10").params().dup();
        var last = tuned.getLayer("conv2d_19").params().dup();
        tuned.fit(new org.nd4j.linalg.dataset.DataSet(Networks.batch(cifar, 4), Networks.labels(4, 10)));
        assertThat(tuned.getLayer("conv2d_10").params()).isEqualTo(before);
        assertThat(tuned.getLayer("conv2d_19").params()).isNotEqualTo(last);

        var replaced = (org.deeplearning4j.nn.graph.ComputationGraph) factory.createNetwork(TestParams.of(factory, "run", "r3",
                "freeze_until", "conv2d_10"), TestArchitectureContext.of(cifar, 3).withSavedModel("r3", saved));
        assertThat(replaced.outputSingle(Networks.batch(cifar, 2)).shape()).containsExactly(2, 3);
        var withDense = (org.deeplearning4j.nn.graph.ComputationGraph) factory.createNetwork(TestParams.of(factory, "run", "r3",
                "head_units", 8), TestArchitectureContext.of(cifar, 3).withSavedModel("r3", saved));
        assertThat(withDense.outputSingle(Networks.batch(cifar, 2)).shape()).containsExactly(2, 3);
        assertThat(withDense.getLayer("dense_1").getParam("W").shape()).as("the new dense layer").containsExactly(8, 8);
        assertThat(withDense.getLayer("dense_2").getParam("W").shape()).as("the new output").containsExactly(8, 3);
        assertThatThrownBy(() -> factory.createNetwork(TestParams.of(factory, "run", "r3", "replace_head", false),
                TestArchitectureContext.of(cifar, 3).withSavedModel("r3", saved)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("set replace_head: true");
        assertThatThrownBy(() -> factory.createNetwork(TestParams.of(factory, "run", "r3", "freeze_until", "block9"), context))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("freeze_until 'block9' names no layer of run r3");
    }

    private static boolean frozenLayer(org.deeplearning4j.nn.graph.ComputationGraph graph, String name) {
        return ((org.deeplearning4j.nn.conf.graph.LayerVertex) graph.getConfiguration().getVertices().get(name)).getLayerConf()
                .getLayer() instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
    }

    @Test
    void aBinaryRunKeepsABinaryHeadForTwoClasses() throws IOException {
        InputShape rows = InputShape.sequence(1, 9);
        Path telemetry = dir.resolve("r2-model.zip");
        ModelSerializer.writeModel(trainOneStep(new Conv1dTelemetryFactory(), rows, 2), telemetry.toFile(), true);

        MultiLayerNetwork network = factory.create(TestParams.of(factory, "run", "r2"),
                TestArchitectureContext.of(rows, 2).withSavedModel("r2", telemetry));

        OutputLayer head = (OutputLayer) network.getLayerWiseConfigurations().getConf(4).getLayer();
        assertThat(head.getNOut()).isEqualTo(1);
        assertThat(head.getActivationFn()).isInstanceOf(ActivationSigmoid.class);
        assertThat(head.getLossFn()).isInstanceOf(LossBinaryXENT.class);
        // The default base ends at the global pooling layer.
        assertThat(network.getLayerWiseConfigurations().getConf(3).getLayer()).isInstanceOf(FrozenLayer.class);
    }

    @Test
    void aModelOfATransferCanBeTransferredAgain() throws IOException {
        MultiLayerNetwork first = create(newDataset(MNIST, 3));
        first.fit(new DataSet(Networks.batch(MNIST, 4), Networks.labels(4, 3)));
        Path second = dir.resolve("r2-model.zip");
        ModelSerializer.writeModel(first, second.toFile(), true);

        MultiLayerNetwork network = factory.create(TestParams.of(factory, "run", "r2", "freeze_until", "dense"),
                newDataset(MNIST, 4).withSavedModel("r2", second));

        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        assertThat(conf.getConfs().subList(0, 6)).allMatch(c -> c.getLayer() instanceof FrozenLayer);
        assertThat(network.getLayer(5).params()).isEqualTo(first.getLayer(5).params());
        assertThat(((OutputLayer) conf.getConf(6).getLayer()).getNOut()).isEqualTo(4);
        assertThat(network.output(Networks.batch(MNIST, 2)).shape()).containsExactly(2, 4);
    }

    @Test
    void refusesADatasetOfAnotherShapeNamingBoth() throws IOException {
        recordInputShape(model, "image", 1, 28, 28);

        assertThatThrownBy(() -> create(newDataset(InputShape.image(3, 32, 32), 3)))
                .isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("run r1's model takes inputs of 28x28x1 (height x width x channels),"
                        + " but the dataset gives 32x32x3 (height x width x channels)");
    }

    @Test
    void refusesADatasetOfAnotherShapeWhenTheModelRecordsNone() {
        assertThatThrownBy(() -> create(newDataset(InputShape.image(3, 32, 32), 3)))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("run r1's model takes inputs of another shape")
                .hasMessageContaining("the dataset gives 32x32x3");
    }

    @Test
    void takesTheRecordedShapeWhenItMatches() throws IOException {
        recordInputShape(model, "image", 1, 28, 28);

        assertThat(create(newDataset(MNIST, 3)).output(Networks.batch(MNIST, 1)).shape()).containsExactly(1, 3);
    }

    @Test
    void namesTheLayersWhenFreezeUntilNamesNone() {
        assertThatThrownBy(() -> create(newDataset(MNIST, 3), "freeze_until", "conv9"))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("freeze_until 'conv9' names no layer of run r1's model; its layers are [conv2d, max_pooling2d,"
                        + " conv2d_1, max_pooling2d_1, conv2d_2, dense, dense_1] (or give a 0-based index, or none)");
        assertThatThrownBy(() -> create(newDataset(MNIST, 3), "freeze_until", "dense_1"))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("is run r1's output layer, which replace_head removes");
    }

    @Test
    void aRunWithoutModelIsTheContextsError() {
        assertThatThrownBy(() -> factory.create(TestParams.of(factory, "run", "r7"), newDataset(MNIST, 3)))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("r7");
    }

    /** Adds the engine's metadata entry to a model zip, as a workbench run saves it. */
    private static void recordInputShape(Path zipFile, String kind, int channels, int height, int width) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + zipFile.toUri()), Map.of())) {
            Files.writeString(zip.getPath(SavedInput.METADATA_ENTRY), "{\"class_names\": [], \"input_shape\": {\"kind\": \""
                    + kind + "\", \"channels\": " + channels + ", \"height\": " + height + ", \"width\": " + width + "}}");
        }
    }
}
