package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** The layers each architecture is made of, its head, penalties, and the inputs it takes or refuses. */
class ArchitectureLayersTest {

    private static MultiLayerConfiguration build(ArchitectureFactory factory, InputShape shape, int classes,
                                                 Object... overrides) {
        return factory.build(TestParams.of(factory, overrides), TestArchitectureContext.of(shape, classes));
    }

    private static <T> T layer(MultiLayerConfiguration conf, int index, Class<T> type) {
        return type.cast(conf.getConf(index).getLayer());
    }

    private static OutputLayer head(MultiLayerConfiguration conf) {
        return layer(conf, conf.getConfs().size() - 1, OutputLayer.class);
    }

    @Test
    void cifarBnCnnIsKerasBlocksWithBatchNormalisationInKerasDefaults() {
        MultiLayerConfiguration conf = build(new CifarBnCnnFactory(), InputShape.image(3, 32, 32), 10);

        assertThat(Networks.layerNames(conf)).containsExactly("batch_normalization",
                "conv2d", "conv2d_1", "max_pooling2d", "dropout", "batch_normalization_1",
                "conv2d_2", "conv2d_3", "max_pooling2d_1", "dropout_1", "batch_normalization_2",
                "conv2d_4", "conv2d_5", "max_pooling2d_2", "dropout_2", "batch_normalization_3",
                "dense", "dropout_3", "dense_1");
        BatchNormalization bn = layer(conf, 0, BatchNormalization.class);
        assertThat(bn.getDecay()).isEqualTo(0.99);
        assertThat(bn.getEps()).isEqualTo(1e-3);
        assertThat(bn.getNOut()).isEqualTo(3);
    }

    @Test
    void cifarBnCnnTopFiltersAreTheCifar100Setting() {
        // 65,964 for the first two blocks; conv 64->256: 147,712; 256->256: 590,080; BN 1,024;
        // dense 4*4*256 -> 512: 2,097,664; output 512 -> 100: 51,300.
        MultiLayerConfiguration conf = build(new CifarBnCnnFactory(), InputShape.image(3, 32, 32), 100, "top_filters", 256);

        assertThat(Networks.init(conf).numParams()).isEqualTo(2_953_744);
    }

    @Test
    void smallVggNetHasBatchNormalisationAfterEveryConvolutionAndTheDenseLayer() {
        MultiLayerConfiguration conf = build(new SmallVggNetFactory(), InputShape.image(3, 64, 64), 3);

        assertThat(Networks.layerNames(conf)).containsExactly(
                "conv2d", "batch_normalization", "max_pooling2d", "dropout",
                "conv2d_1", "batch_normalization_1", "conv2d_2", "batch_normalization_2", "max_pooling2d_1", "dropout_1",
                "conv2d_3", "batch_normalization_3", "conv2d_4", "batch_normalization_4", "conv2d_5",
                "batch_normalization_5", "max_pooling2d_2", "dropout_2",
                "dense", "batch_normalization_6", "dropout_3", "dense_1");
        assertThat(layer(conf, 19, BatchNormalization.class).getNOut()).isEqualTo(512);
    }

    @Test
    void carsCnnTakesKerasHeightBeforeWidth() {
        InputShape keras96by54 = InputShape.image(3, 96, 54);
        MultiLayerConfiguration conf = build(new CarsCnnFactory(), keras96by54, 3);

        List<InputType> types = conf.getLayerActivationTypes(keras96by54.toInputType());
        InputType.InputTypeConvolutional lastPool = (InputType.InputTypeConvolutional) types.get(types.size() - 3);
        assertThat(Networks.layerNames(conf).get(types.size() - 3)).isEqualTo("max_pooling2d_1");
        assertThat(new long[] {lastPool.getHeight(), lastPool.getWidth(), lastPool.getChannels()}).containsExactly(10, 6, 64);
    }

    @Test
    void catsDogsCnnHasKerasBinaryHeadForTwoClasses() {
        MultiLayerConfiguration conf = build(new CatsDogsCnnFactory(), InputShape.image(3, 180, 180), 2, "dropout", 0.5);

        OutputLayer head = head(conf);
        assertThat(head.getNOut()).isEqualTo(1);
        assertThat(head.getActivationFn()).isInstanceOf(ActivationSigmoid.class);
        assertThat(head.getLossFn()).isInstanceOf(LossBinaryXENT.class);
        assertThat(Networks.layerNames(conf)).endsWith("conv2d_4", "dropout", "dense");
        assertThat(Networks.init(conf).numParams()).isEqualTo(991_041);
    }

    @Test
    void catsDogsCnnHasASoftmaxHeadForMoreThanTwoClasses() {
        MultiLayerConfiguration conf = build(new CatsDogsCnnFactory(), InputShape.image(3, 180, 180), 3);

        OutputLayer head = head(conf);
        assertThat(head.getNOut()).isEqualTo(3);
        assertThat(head.getActivationFn()).isInstanceOf(ActivationSoftmax.class);
        assertThat(head.getLossFn()).isInstanceOf(LossMCXENT.class);
        assertThat(Networks.init(conf).numParams()).isEqualTo(991_041 - 12_545 + 3 * 12_545);
    }

    @Test
    void conv1dTelemetryIsOneDimensionalInNcwAsKerasShapesIt() {
        InputShape rows = InputShape.sequence(1, 9);
        MultiLayerConfiguration conf = build(new Conv1dTelemetryFactory(), rows, 2);

        assertThat(Networks.layerNames(conf)).containsExactly("conv1d", "max_pooling1d", "conv1d_1",
                "global_max_pooling1d", "dense");
        Convolution1DLayer first = layer(conf, 0, Convolution1DLayer.class);
        assertThat(first.getRnnDataFormat()).isEqualTo(RNNFormat.NCW);
        assertThat(first.getConvolutionMode()).isEqualTo(ConvolutionMode.Same);
        assertThat(first.getKernelSize()[0]).isEqualTo(4);
        assertThat(layer(conf, 1, Subsampling1DLayer.class).getKernelSize()[0]).isEqualTo(2);
        assertThat(layer(conf, 3, GlobalPoolingLayer.class).getPoolingType().name()).isEqualTo("MAX");
        // Keras: (None, 9, 256) -> (None, 4, 256) -> (None, 4, 128) -> (None, 128) -> (None, 1), here NCW.
        List<INDArray> activations = Networks.init(conf).feedForward(Networks.batch(rows, 2));
        assertThat(activations).map(INDArray::shape).containsExactly(
                new long[] {2, 1, 9}, new long[] {2, 256, 9}, new long[] {2, 256, 4}, new long[] {2, 128, 4},
                new long[] {2, 128}, new long[] {2, 1});
        assertThat(head(conf).getLossFn()).isInstanceOf(LossBinaryXENT.class);
    }

    @Test
    void conv1dTelemetryRefusesImagesAndTooShortSequences() {
        Conv1dTelemetryFactory factory = new Conv1dTelemetryFactory();

        assertThatThrownBy(() -> build(factory, InputShape.image(1, 28, 28), 2))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("conv1d-telemetry takes sequences (length x channels), but the dataset gives images of 28x28x1;"
                        + " use the csv dataset or an architecture for images");
        assertThatThrownBy(() -> build(factory, InputShape.sequence(1, 1), 2))
                .isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("conv1d-telemetry takes sequences of at least 2 steps with these parameters,"
                        + " but the dataset gives 1x1");
        assertThat(Networks.init(build(factory, InputShape.sequence(1, 2), 2))
                .output(Networks.batch(InputShape.sequence(1, 2), 3)).shape()).containsExactly(3, 1);
    }

    static Stream<Arguments> smallestInputs() {
        return Stream.of(
                Arguments.of(new Lenet5ReluFactory(), 19),
                Arguments.of(new CifarBnCnnFactory(), 8),
                Arguments.of(new KerasCifar10Factory(), 10),
                Arguments.of(new SmallVggNetFactory(), 8),
                Arguments.of(new CarsCnnFactory(), 9),
                Arguments.of(new CatsDogsCnnFactory(), 78));
    }

    @ParameterizedTest(name = "{0} from {1}x{1}")
    @MethodSource("smallestInputs")
    void takesTheSmallestImageItsJavadocAnnouncesAndRefusesOnePixelLess(ArchitectureFactory factory, int side) {
        InputShape smallest = InputShape.image(3, side, side);
        assertThat(Networks.init(build(factory, smallest, 3)).output(Networks.batch(smallest, 1)).shape())
                .containsExactly(1, 3);
        assertThatThrownBy(() -> build(factory, InputShape.image(3, side, side - 1), 3))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining(factory.id() + " takes images of at least " + side + "x" + side + " pixels");
    }

    @Test
    void denseNetworksRefuseSequences() {
        assertThatThrownBy(() -> build(new MlpFactory(), InputShape.sequence(1, 9), 2))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("mlp takes images")
                .hasMessageContaining("conv1d-telemetry");
    }

    @Test
    void mlpCanDropItsSecondHiddenLayer() {
        MultiLayerConfiguration conf = build(new MlpFactory(), InputShape.image(3, 32, 32), 3, "units_2", 0);

        assertThat(Networks.layerNames(conf)).containsExactly("dense", "dense_1");
        assertThat(Networks.init(conf).numParams()).isEqualTo(3_146_752 + 1_024 * 3 + 3);
    }

    @Test
    void l1AndL2PenaliseTheKernelsOfConvolutionsAndDenseLayersWithKerasFactors() {
        MultiLayerConfiguration conf = build(new SmallVggNetFactory(), InputShape.image(3, 64, 64), 3,
                "l1", 1e-5, "l2", 1e-4);

        for (int i = 0; i < conf.getConfs().size(); i++) {
            if (!(conf.getConf(i).getLayer() instanceof BaseLayer layer) || layer instanceof DropoutLayer) {
                continue;
            }
            List<Regularization> weights = layer.getRegularization();
            if (layer instanceof BatchNormalization) {
                assertThat(weights).as(layer.getLayerName()).isEmpty();
            } else {
                assertThat(weights).as(layer.getLayerName()).hasSize(2);
                assertThat(weights).filteredOn(L1Regularization.class::isInstance).singleElement()
                        .satisfies(l1 -> assertThat(((L1Regularization) l1).getL1().valueAt(0, 0)).isEqualTo(1e-5));
                // DL4J's L2 is on ½·Σw², Keras' on Σw²: twice the factor gives the same gradient.
                assertThat(weights).filteredOn(L2Regularization.class::isInstance).singleElement()
                        .satisfies(l2 -> assertThat(((L2Regularization) l2).getL2().valueAt(0, 0)).isEqualTo(2e-4));
                assertThat(layer.getRegularizationBias()).as(layer.getLayerName()).isEmpty();
            }
        }
    }

    @Test
    void withoutPenaltiesNoLayerIsRegularised() {
        MultiLayerConfiguration conf = build(new CatsDogsCnnFactory(), InputShape.image(3, 180, 180), 2);

        assertThat(conf.getConfs()).map(c -> c.getLayer())
                .filteredOn(BaseLayer.class::isInstance)
                .allSatisfy(layer -> assertThat(((BaseLayer) layer).getRegularization()).isEmpty());
    }
}
