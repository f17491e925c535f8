package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Stream;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The graph architectures (ResNets, VGG16, MobileNetV2): Keras' parameter counts for the same input
 * and classes (keras.applications' totals at 224×224×3 with 1000 classes; the cifar10_resnet
 * example's for each depth), counted from the configuration without allocating the weights, and
 * small ones train a step.
 */
class GraphArchitecturesTest {
    /** The ids this test covers (ArchitectureCatalogueTest covers the stacks). */
    static final Set<String> IDS = Set.of("resnet", "resnet50", "vgg16", "mobilenet-v2");

    private static final InputShape IMAGENET = InputShape.image(3, 224, 224);
    private static final InputShape CIFAR = InputShape.image(3, 32, 32);

    static Stream<Arguments> kerasCounts() {
        return Stream.of(
                Arguments.of(new ResNetFactory(), CIFAR, 10, new Object[] {"depth", 20}, 274_442L, 1_376L),
                Arguments.of(new ResNetFactory(), CIFAR, 10, new Object[] {"depth", 32}, 470_218L, 2_272L),
                Arguments.of(new ResNetFactory(), CIFAR, 10, new Object[] {"depth", 44}, 665_994L, 3_168L),
                Arguments.of(new ResNetFactory(), CIFAR, 10, new Object[] {"depth", 56}, 861_770L, 4_064L),
                Arguments.of(new ResNetFactory(), CIFAR, 10, new Object[] {"depth", 110}, 1_742_762L, 8_096L),
                Arguments.of(new ResNet50Factory(), IMAGENET, 1000, new Object[] {}, 25_636_712L, 53_120L),
                Arguments.of(new Vgg16Factory(), IMAGENET, 1000, new Object[] {}, 138_357_544L, 0L),
                Arguments.of(new MobileNetV2Factory(), IMAGENET, 1000, new Object[] {}, 3_538_984L, 34_112L),
                // Without the top, with pooling and no head of our own but the output: Keras' base + the output layer.
                Arguments.of(new ResNet50Factory(), IMAGENET, 1000,
                        new Object[] {"include_top", false, "pooling", "avg", "head_units", 0}, 23_587_712L + 2_049_000L, 53_120L),
                Arguments.of(new Vgg16Factory(), IMAGENET, 5,
                        new Object[] {"include_top", false, "pooling", "max", "head_units", 0}, 14_714_688L + 2_565L, 0L),
                Arguments.of(new MobileNetV2Factory(), IMAGENET, 2,
                        new Object[] {"include_top", false, "pooling", "avg", "head_units", 0}, 2_257_984L + 1_281L, 34_112L),
                // The course's cats vs dogs: VGG16 base at 150×150, Flatten → Dense(256) → Dropout → Dense(1, sigmoid).
                Arguments.of(new Vgg16Factory(), InputShape.image(3, 150, 150), 2,
                        new Object[] {"include_top", false, "pooling", "none", "head_units", 256}, 16_812_353L, 0L));
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("kerasCounts")
    void hasKerasParameterCount(ArchitectureFactory factory, InputShape shape, int classes, Object[] overrides, long params,
                                long nonTrainable) {
        ComputationGraphConfiguration conf = graph(factory, TestParams.of(factory, overrides), shape, classes);

        assertThat(conf.getNetworkInputs()).hasSize(1);
        assertThat(conf.getNetworkOutputs()).hasSize(1);
        assertThat(countParams(conf)).isEqualTo(params);
        assertThat(layers(conf).filter(BatchNormalization.class::isInstance)
                .mapToLong(l -> 2 * ((BatchNormalization) l).getNOut()).sum()).as("moving means and variances").isEqualTo(nonTrainable);
    }

    @Test
    void resnetHasKerasResidualAddsAndLayerNames() {
        ResNetFactory factory = new ResNetFactory();
        ComputationGraphConfiguration conf = graph(factory, TestParams.of(factory), CIFAR, 10);

        long adds = conf.getVertices().values().stream().filter(ElementWiseVertex.class::isInstance).count();
        assertThat(adds).as("one Add per residual block").isEqualTo(9);
        assertThat(conf.getVertices()).containsKeys("conv2d", "conv2d_20", "batch_normalization_18", "add_8", "dense");
        assertThat(conf.getVertices()).doesNotContainKeys("conv2d_21", "batch_normalization_19", "add_9");
    }

    @Test
    void keepsKerasApplicationLayerNames() {
        Vgg16Factory vgg = new Vgg16Factory();
        assertThat(graph(vgg, TestParams.of(vgg), IMAGENET, 1000).getVertices())
                .containsKeys("block1_conv1", "block5_conv3", "block5_pool", "fc1", "fc2", "predictions");
        ResNet50Factory resnet = new ResNet50Factory();
        assertThat(graph(resnet, TestParams.of(resnet), IMAGENET, 1000).getVertices())
                .containsKeys("conv1_conv", "conv2_block1_0_conv", "conv5_block3_add", "conv5_block3_out", "avg_pool", "predictions");
        MobileNetV2Factory mobile = new MobileNetV2Factory();
        assertThat(graph(mobile, TestParams.of(mobile), IMAGENET, 1000).getVertices())
                .containsKeys("Conv1", "expanded_conv_depthwise", "block_1_pad", "block_16_project_BN", "block_15_add", "out_relu")
                .doesNotContainKeys("block_16_add", "block_1_add");
    }

    @Test
    void twoClassesWithoutTheTopEndInOneSigmoidUnit() {
        MobileNetV2Factory factory = new MobileNetV2Factory();
        ComputationGraphConfiguration conf = graph(factory,
                TestParams.of(factory, "include_top", false, "pooling", "avg", "head_units", 16), CIFAR, 2);

        OutputLayer out = (OutputLayer) ((LayerVertex) conf.getVertices().get(conf.getNetworkOutputs().get(0))).getLayerConf().getLayer();
        assertThat(out.getNOut()).isEqualTo(1);
        assertThat(out.getActivationFn().toString()).isEqualTo("sigmoid");
        assertThat(out.getLossFn().toString()).contains("XENT");
    }

    @Test
    void aTinyResnetAndMobileNetTrainAStepOnCifarSizedImages() {
        ResNetFactory resnet = new ResNetFactory();
        MobileNetV2Factory mobile = new MobileNetV2Factory();
        for (ComputationGraphConfiguration conf : new ComputationGraphConfiguration[] {
            graph(resnet, TestParams.of(resnet, "filters", 4), CIFAR, 10),
            graph(mobile, TestParams.of(mobile, "include_top", false, "pooling", "avg", "head_units", 0), CIFAR, 10)}) {
            ComputationGraph network = new ComputationGraph(conf);
            network.init();
            INDArray batch = Networks.batch(CIFAR, 2);

            INDArray output = network.outputSingle(batch);

            assertThat(output.shape()).containsExactly(2, 10);
            INDArray before = network.params().dup();
            network.fit(new DataSet(batch, Networks.labels(2, 10)));
            assertThat(network.params()).isNotEqualTo(before);
            assertThat(network.score()).isFinite();
        }
    }

    @Test
    void refusesADepthOutsideKerasFamilyAndImagesTooSmall() {
        ResNetFactory factory = new ResNetFactory();
        assertThatThrownBy(() -> factory.configuration(TestParams.of(factory, "depth", 21), TestArchitectureContext.of(CIFAR, 10)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("depth 21 is not one of [20, 32, 44, 56, 110]");
        assertThatThrownBy(() -> factory.configuration(TestParams.of(factory), TestArchitectureContext.of(InputShape.image(1, 28, 28), 10)))
                .isInstanceOf(PluginInputException.class).hasMessageContaining("at least 29x29");
    }

    static ComputationGraphConfiguration graph(ArchitectureFactory factory, Params params, InputShape shape, int classes) {
        ModelConfiguration conf = factory.configuration(params, TestArchitectureContext.of(shape, classes));
        assertThat(conf).isInstanceOf(ModelConfiguration.Graph.class);
        return ((ModelConfiguration.Graph) conf).configuration();
    }

    /** The parameters DL4J would allocate, layer by layer, without allocating them. */
    static long countParams(ComputationGraphConfiguration conf) {
        return layers(conf).mapToLong(layer -> layer.initializer().numParams(layer)).sum();
    }

    private static Stream<Layer> layers(ComputationGraphConfiguration conf) {
        return conf.getVertices().values().stream().filter(LayerVertex.class::isInstance)
                .map(v -> ((LayerVertex) v).getLayerConf().getLayer());
    }
}
