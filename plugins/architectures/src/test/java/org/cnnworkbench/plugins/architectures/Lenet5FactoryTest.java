package org.cnnworkbench.plugins.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;

class Lenet5FactoryTest {
    private final Lenet5Factory factory = new Lenet5Factory();

    private MultiLayerConfiguration build(TestArchitectureContext context, Object... overrides) {
        return factory.build(TestParams.of(factory, overrides), context);
    }

    @Test
    void hasKerasParameterCountOnMnist() {
        MultiLayerNetwork network = Networks.init(build(TestArchitectureContext.mnist()));

        assertThat(network.numParams()).isEqualTo(545_546);
    }

    @Test
    void givesOneProbabilityRowPerSampleOfABatch() {
        MultiLayerNetwork network = Networks.init(build(TestArchitectureContext.mnist()));

        var output = network.output(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28));

        assertThat(output.shape()).containsExactly(2, 10);
        assertThat(output.sumNumber().doubleValue()).isCloseTo(2.0, within(1e-4));
    }

    @Test
    void namesLayersAsKerasAndUsesItsPadding() {
        MultiLayerConfiguration conf = build(TestArchitectureContext.mnist());

        assertThat(Networks.layerNames(conf)).containsExactly("conv2d", "average_pooling2d", "conv2d_1",
                "average_pooling2d_1", "conv2d_2", "dense", "dense_1");
        ConvolutionLayer first = (ConvolutionLayer) conf.getConf(0).getLayer();
        assertThat(first.getConvolutionMode()).isEqualTo(ConvolutionMode.Same);
        assertThat(first.getCnn2dDataFormat()).isEqualTo(CNN2DFormat.NCHW);
        assertThat(first.getActivationFn()).isInstanceOf(ActivationTanH.class);
        assertThat(((ConvolutionLayer) conf.getConf(2).getLayer()).getConvolutionMode())
                .isEqualTo(ConvolutionMode.Truncate);
        SubsamplingLayer firstPool = (SubsamplingLayer) conf.getConf(1).getLayer();
        assertThat(firstPool.getPoolingType().name()).isEqualTo("AVG");
        assertThat(firstPool.getStride()).containsExactly(1, 1);
    }

    @Test
    void activationParameterChangesEveryHiddenLayerButNotTheCount() {
        MultiLayerConfiguration conf = build(TestArchitectureContext.mnist(), "activation", "relu");

        assertThat(conf.getConf(0).getLayer()).extracting(layer -> ((ConvolutionLayer) layer).getActivationFn())
                .isInstanceOf(ActivationReLU.class);
        assertThat(Networks.init(conf).numParams()).isEqualTo(545_546);
    }

    @Test
    void dropoutAddsAKerasDropoutLayerBeforeTheDenseLayer() {
        MultiLayerConfiguration conf = build(TestArchitectureContext.mnist(), "dropout", 0.25);

        assertThat(Networks.layerNames(conf)).containsExactly("conv2d", "average_pooling2d", "conv2d_1",
                "average_pooling2d_1", "conv2d_2", "dropout", "dense", "dense_1");
        DropoutLayer dropout = (DropoutLayer) conf.getConf(5).getLayer();
        // Keras' rate is the share dropped, DL4J's value the share kept.
        assertThat(((Dropout) dropout.getIDropout()).getP()).isEqualTo(0.75);
        assertThat(Networks.init(conf).numParams()).isEqualTo(545_546);
    }

    @Test
    void outputHasOneUnitPerClass() {
        MultiLayerNetwork network = Networks.init(build(TestArchitectureContext.of(InputShape.image(1, 28, 28), 3)));

        assertThat(network.output(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28)).shape()).containsExactly(2, 3);
        assertThat(network.numParams()).isEqualTo(545_546 - 7 * 85);
    }

    @Test
    void takesTheSmallestInputItAnnounces() {
        MultiLayerNetwork network = Networks.init(build(TestArchitectureContext.of(InputShape.image(1, 15, 15), 10)));

        assertThat(network.output(Nd4j.rand(DataType.FLOAT, 1, 1, 15, 15)).shape()).containsExactly(1, 10);
    }

    @Test
    void refusesAnInputTooSmallNamingTheSmallestItTakes() {
        assertThatThrownBy(() -> build(TestArchitectureContext.of(InputShape.image(1, 14, 20), 10)))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("lenet5 takes images of at least 15x15 pixels with these parameters, but the dataset"
                        + " gives 14x20x1; use larger images or another architecture");
    }

    @Test
    void refusesSequences() {
        assertThatThrownBy(() -> build(TestArchitectureContext.of(InputShape.sequence(9, 100), 2)))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("lenet5 takes images")
                .hasMessageContaining("sequences of 100x9");
    }
}
