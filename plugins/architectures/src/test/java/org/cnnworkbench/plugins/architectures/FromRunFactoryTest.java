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
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
    private static final InputShape CIFAR = InputShape.image(3, 32, 32);

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

    /** Run r3: a small resnet (depth 20, 2 filters) on 10 classes of 32×32×3, trained one step, saved as the engine saves models. */
    private ComputationGraph saveAGraphRun(Path saved) throws IOException {
        ResNetFactory resnet = new ResNetFactory();
        var graph = new ComputationGraph(GraphArchitecturesTest.graph(resnet, TestParams.of(resnet, "filters", 2), CIFAR, 10));
        graph.init();
        graph.fit(new DataSet(Networks.batch(CIFAR, 4), Networks.labels(4, 10)));
        ModelSerializer.writeModel(graph, saved.toFile(), true);
        return graph;
    }

    private ComputationGraph createGraph(Path saved, int classes, Object... overrides) {
        return (ComputationGraph) factory.createNetwork(TestParams.of(factory, concat("run", "r3", overrides)),
                TestArchitectureContext.of(CIFAR, classes).withSavedModel("r3", saved));
    }

    private static boolean frozen(ComputationGraph graph, String vertex) {
        return graph.getConfiguration().getVertices().get(vertex) instanceof LayerVertex layer
                && layer.getLayerConf().getLayer() instanceof FrozenLayer;
    }

    @Test
    void aGraphRunFreezesItsConvolutionalBaseAndGetsANewHeadWhereItsOutputWas() throws IOException {
        Path saved = dir.resolve("r3-model.zip");
        ComputationGraph run = saveAGraphRun(saved);

        ComputationGraph network = createGraph(saved, 3);

        ComputationGraphConfiguration conf = network.getConfiguration();
        // The base ends at the average pooling before resnet's output layer 'dense'; the new head is 'dense_1'.
        assertThat(conf.getNetworkOutputs()).containsExactly("dense_1");
        assertThat(conf.getVertices()).doesNotContainKey("dense");
        assertThat(conf.getVertexInputs().get("dense_1")).containsExactly("average_pooling2d");
        OutputLayer head = (OutputLayer) ((LayerVertex) conf.getVertices().get("dense_1")).getLayerConf().getLayer();
        assertThat(head.getNOut()).isEqualTo(3);
        assertThat(head.getIUpdater()).isEqualTo(new Adam(1e-3));
        assertThat(network.getLayer("conv2d").params()).isEqualTo(run.getLayer("conv2d").params());
        assertThat(frozen(network, "conv2d")).isTrue();
        assertThat(network.getLayer("batch_normalization_18").params()).isEqualTo(run.getLayer("batch_normalization_18").params());

        INDArray base = network.getLayer("conv2d_20").params().dup();
        INDArray headBefore = network.getLayer("dense_1").params().dup();
        network.fit(new DataSet(Networks.batch(CIFAR, 4), Networks.labels(4, 3)));
        assertThat(network.getLayer("conv2d_20").params()).as("frozen").isEqualTo(base);
        assertThat(network.getLayer("dense_1").params()).as("trained").isNotEqualTo(headBefore);
        assertThat(network.outputSingle(Networks.batch(CIFAR, 2)).shape()).containsExactly(2, 3);
    }

    @Test
    void aGraphRunTakesFreezeUntilByNameIndexOrNoneAndHeadUnitsAndCanBeTransferredAgain() throws IOException {
        Path saved = dir.resolve("r3-model.zip");
        saveAGraphRun(saved);

        ComputationGraph byName = createGraph(saved, 3, "freeze_until", "activation", "head_units", 8);
        assertThat(frozen(byName, "conv2d")).isTrue();
        assertThat(frozen(byName, "conv2d_1")).isFalse();
        assertThat(byName.getConfiguration().getVertexInputs().get("dense_2")).containsExactly("dense_1");
        assertThat(((DenseLayer) byName.getLayer("dense_1").conf().getLayer()).getNOut()).isEqualTo(8);
        ComputationGraph none = createGraph(saved, 3, "freeze_until", "none");
        assertThat(none.getConfiguration().getVertices().keySet()).noneMatch(name -> frozen(none, name));
        ComputationGraph byIndex = createGraph(saved, 3, "freeze_until", "0");
        assertThat(frozen(byIndex, "conv2d")).isTrue();
        assertThat(frozen(byIndex, "batch_normalization")).isFalse();
        assertThatThrownBy(() -> createGraph(saved, 3, "freeze_until", "conv99"))
                .isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("freeze_until 'conv99' names no layer of run r3's model; its layers are [conv2d,");
        assertThatThrownBy(() -> createGraph(saved, 3, "freeze_until", "dense"))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("is run r3's output layer, which replace_head removes");
        assertThatThrownBy(() -> createGraph(saved, 3, "replace_head", false))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("run r3's output layer has 10 unit(s), but the dataset has 3 classes;"
                        + " set replace_head: true to give it a new head");

        // The transferred graph (its base frozen) saved as a run, transferred again: frozen anew, same weights.
        ComputationGraph first = createGraph(saved, 3);
        first.fit(new DataSet(Networks.batch(CIFAR, 4), Networks.labels(4, 3)));
        Path second = dir.resolve("r4-model.zip");
        ModelSerializer.writeModel(first, second.toFile(), true);
        ComputationGraph again = (ComputationGraph) factory.createNetwork(TestParams.of(factory, "run", "r4", "freeze_until", "none"),
                TestArchitectureContext.of(CIFAR, 5).withSavedModel("r4", second));
        assertThat(again.getConfiguration().getVertices().keySet()).noneMatch(name -> frozen(again, name));
        assertThat(again.getLayer("conv2d").params()).isEqualTo(first.getLayer("conv2d").params());
        assertThat(again.getConfiguration().getNetworkOutputs()).as("the first free Keras name").containsExactly("dense");
        assertThat(again.outputSingle(Networks.batch(CIFAR, 2)).shape()).containsExactly(2, 5);
        assertThat(factory.configuration(TestParams.of(factory, "run", "r4"),
                TestArchitectureContext.of(CIFAR, 5).withSavedModel("r4", second))).isInstanceOf(ModelConfiguration.Graph.class);
    }

    @Test
    void aGraphRunIsFineTunedFromALayerOnWithItsHeadKeptOrReplaced() throws IOException {
        Path saved = dir.resolve("r3-model.zip");
        ComputationGraph run = saveAGraphRun(saved);

        assertThatThrownBy(() -> factory.create(TestParams.of(factory, "run", "r3"),
                TestArchitectureContext.of(CIFAR, 10).withSavedModel("r3", saved)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("run r3 saved a graph model");
        // The course's fine-tuning step: the same classes, the head kept, frozen up to a layer.
        ComputationGraph tuned = createGraph(saved, 10, "freeze_until", "conv2d_10", "replace_head", false);

        assertThat(tuned.params()).isEqualTo(run.params());
        assertThat(tuned.getConfiguration().getNetworkOutputs()).containsExactly("dense");
        assertThat(frozen(tuned, "conv2d")).isTrue();
        assertThat(frozen(tuned, "conv2d_10")).isTrue();
        assertThat(frozen(tuned, "conv2d_19")).isFalse();
        INDArray before = tuned.getLayer("conv2d_10").params().dup();
        INDArray last = tuned.getLayer("conv2d_19").params().dup();
        INDArray head = tuned.getLayer("dense").params().dup();
        tuned.fit(new DataSet(Networks.batch(CIFAR, 4), Networks.labels(4, 10)));
        assertThat(tuned.getLayer("conv2d_10").params()).as("frozen").isEqualTo(before);
        assertThat(tuned.getLayer("conv2d_19").params()).as("after freeze_until").isNotEqualTo(last);
        assertThat(tuned.getLayer("dense").params()).as("the kept head trains").isNotEqualTo(head);

        ComputationGraph replaced = createGraph(saved, 3, "freeze_until", "conv2d_10");
        assertThat(frozen(replaced, "conv2d_10")).isTrue();
        assertThat(replaced.outputSingle(Networks.batch(CIFAR, 2)).shape()).containsExactly(2, 3);
        ComputationGraph withDense = createGraph(saved, 3, "head_units", 8);
        assertThat(withDense.outputSingle(Networks.batch(CIFAR, 2)).shape()).containsExactly(2, 3);
        assertThat(withDense.getLayer("dense_1").getParam("W").shape()).as("the new dense layer").containsExactly(8, 8);
        assertThat(withDense.getLayer("dense_2").getParam("W").shape()).as("the new output").containsExactly(8, 3);
        assertThatThrownBy(() -> createGraph(saved, 3, "replace_head", false))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("set replace_head: true");
        assertThatThrownBy(() -> createGraph(saved, 10, "freeze_until", "block9"))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("freeze_until 'block9' names no layer of run r3");
    }

    private static boolean frozenVertex(ComputationGraph graph, String vertex) {
        return graph.getConfiguration().getVertices().get(vertex) instanceof FrozenVertex;
    }

    @Test
    void aTransferredBaseKeepsItsPreprocessingAndIsFrozenAnew() throws IOException {
        // Run r5: mobilenet-v2's base frozen (its tf preprocessing vertices with it) under a new head, trained one step.
        MobileNetV2Factory mobile = new MobileNetV2Factory();
        var first = (ComputationGraph) mobile.createNetwork(TestParams.of(mobile, "include_top", false, "pooling", "avg",
                "head_units", 8, "preprocess", "tf", "freeze", "base"), TestArchitectureContext.of(CIFAR, 3));
        first.fit(new DataSet(Networks.batch(CIFAR, 4), Networks.labels(4, 3)));
        Path saved = dir.resolve("r5-model.zip");
        ModelSerializer.writeModel(first, saved.toFile(), true);
        assertThat(frozenVertex(first, "preprocess_shift")).as("the saved run froze its preprocessing").isTrue();
        INDArray images = Networks.batch(CIFAR, 2);
        INDArray expected = first.outputSingle(false, images);
        var context = TestArchitectureContext.of(CIFAR, 3).withSavedModel("r5", saved);

        ComputationGraph none = (ComputationGraph) factory.createNetwork(TestParams.of(factory, "run", "r5",
                "freeze_until", "none", "replace_head", false), context);
        assertThat(none.getConfiguration().getVertices()).containsKeys("preprocess_scale", "preprocess_shift");
        assertThat(none.getConfiguration().getVertices().keySet()).noneMatch(name -> frozen(none, name) || frozenVertex(none, name));
        assertThat(none.outputSingle(false, images).equalsWithEps(expected, 1e-5))
                .as("same weights, same preprocessing, same head").isTrue();

        ComputationGraph fineTuned = (ComputationGraph) factory.createNetwork(TestParams.of(factory, "run", "r5",
                "freeze_until", "block_13_expand", "replace_head", false), context);
        assertThat(frozenVertex(fineTuned, "preprocess_shift")).isTrue();
        assertThat(frozen(fineTuned, "block_13_expand")).isTrue();
        assertThat(frozen(fineTuned, "block_16_project")).isFalse();
        assertThat(fineTuned.outputSingle(false, images).equalsWithEps(expected, 1e-5)).isTrue();
        INDArray unfrozen = fineTuned.getLayer("block_16_project").params().dup();
        fineTuned.fit(new DataSet(images, Networks.labels(2, 3)));
        assertThat(fineTuned.getLayer("block_16_project").params()).isNotEqualTo(unfrozen);
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
