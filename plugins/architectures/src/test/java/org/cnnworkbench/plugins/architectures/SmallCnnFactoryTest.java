package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;

class SmallCnnFactoryTest {
    private final SmallCnnFactory factory = new SmallCnnFactory();

    private MultiLayerConfiguration build(TestArchitectureContext context, Object... overrides) {
        return factory.build(TestParams.of(factory, overrides), context);
    }

    private long paramsOnMnist(Object... overrides) {
        return Networks.init(build(TestArchitectureContext.mnist(), overrides)).numParams();
    }

    @Test
    void hasKerasParameterCountOnMnist() {
        assertThat(paramsOnMnist()).isEqualTo(93_322);
    }

    @Test
    void hasTheTensorFlowTutorialCountOnCifar() {
        MultiLayerNetwork network = Networks.init(build(TestArchitectureContext.of(InputShape.image(3, 32, 32), 10)));

        assertThat(network.numParams()).isEqualTo(122_570);
    }

    @Test
    void givesOneProbabilityRowPerSampleOfABatch() {
        MultiLayerNetwork network = Networks.init(build(TestArchitectureContext.mnist()));

        assertThat(network.output(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28)).shape()).containsExactly(2, 10);
    }

    @Test
    void namesLayersAsKerasWithValidConvolutionsAndMaxPooling() {
        MultiLayerConfiguration conf = build(TestArchitectureContext.mnist());

        assertThat(Networks.layerNames(conf)).containsExactly("conv2d", "max_pooling2d", "conv2d_1",
                "max_pooling2d_1", "conv2d_2", "dense", "dense_1");
        assertThat(((ConvolutionLayer) conf.getConf(4).getLayer()).getConvolutionMode())
                .isEqualTo(ConvolutionMode.Truncate);
        assertThat(((SubsamplingLayer) conf.getConf(1).getLayer()).getPoolingType().name()).isEqualTo("MAX");
    }

    @Test
    void filtersSetTheFirstConvolutionAndTwiceAsManyLater() {
        // conv 16: 160, conv 32: 4,640, conv 32: 9,248, dense 3*3*32 -> 64: 18,496, output: 650
        assertThat(paramsOnMnist("filters", 16)).isEqualTo(33_194);
    }

    @Test
    void denseUnitsSetTheHiddenDenseLayer() {
        // 320 + 18,496 + 36,928 + dense 576 -> 128: 73,856 + output 128 -> 10: 1,290
        assertThat(paramsOnMnist("dense_units", 128)).isEqualTo(130_890);
    }

    @Test
    void activationAndDropoutLeaveTheCountAlone() {
        MultiLayerConfiguration conf = build(TestArchitectureContext.mnist(), "activation", "elu", "dropout", 0.5);

        assertThat(((ConvolutionLayer) conf.getConf(0).getLayer()).getActivationFn())
                .isInstanceOf(ActivationELU.class);
        assertThat(Networks.layerNames(conf)).containsSubsequence("conv2d_2", "dropout", "dense", "dense_1");
        assertThat(Networks.init(conf).numParams()).isEqualTo(93_322);
    }

    @Test
    void refusesAnInputTooSmallForTheDefaults() {
        assertThatThrownBy(() -> build(TestArchitectureContext.of(InputShape.image(1, 17, 17), 10)))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("small-cnn takes images of at least 18x18 pixels")
                .hasMessageContaining("gives 17x17x1");
        assertThat(Networks.init(build(TestArchitectureContext.of(InputShape.image(1, 18, 18), 10)))
                .output(Nd4j.rand(DataType.FLOAT, 1, 1, 18, 18)).shape()).containsExactly(1, 10);
    }

    @Test
    void largerKernelsNeedLargerInputs() {
        assertThatThrownBy(() -> build(TestArchitectureContext.mnist(), "kernel_size", 5))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("at least 32x32 pixels with these parameters")
                .hasMessageContaining("gives 28x28x1");
    }
}
