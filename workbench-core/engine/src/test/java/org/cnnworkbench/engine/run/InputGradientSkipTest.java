package org.cnnworkbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.nd4j.Backend;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class InputGradientSkipTest {

    @BeforeAll
    static void load() {
        Backend.load();
    }

    /** conv → max-pool → conv → dense → softmax on channels×12×12 images. */
    private static MultiLayerNetwork network(int channels, int kernel, int stride, ConvolutionMode mode, InputType inputType) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
                .layer(new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).convolutionMode(mode).nOut(8)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(6).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(inputType == null ? InputType.convolutional(12, 12, channels) : inputType)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet batch(int channels, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray features = Nd4j.randn(DataType.FLOAT, 16, channels, 12, 12);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 16; i++) {
            labels.putScalar(i, (i + seed) % 3, 1f);
        }
        return new DataSet(features, labels);
    }

    private static INDArray gradient(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    /** Largest absolute difference relative to the largest absolute value of {@code expected}. */
    private static double relativeError(INDArray actual, INDArray expected) {
        return actual.sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
    }

    @ParameterizedTest(name = "{0} channel(s), {1}x{1} kernel, stride {2}, {3}")
    @CsvSource({"1, 3, 1, Same", "3, 3, 2, Truncate", "2, 5, 1, Same", "1, 4, 2, Same"})
    void gradientsEqualOneDnnsWithoutTheInputGradient(int channels, int kernel, int stride, ConvolutionMode mode) {
        MultiLayerNetwork net = network(channels, kernel, stride, mode, null);
        assertThat(net.getLayer(0).getHelper()).as("these tests need the oneDNN build").isInstanceOf(MKLDNNConvHelper.class);
        DataSet batch = batch(channels, 11);

        INDArray expected = gradient(net, batch);
        INDArray actual;
        try (InputGradientSkip skip = InputGradientSkip.install(net)) {
            assertThat(skip.installed()).isTrue();
            assertThat(net.getLayer(0).getHelper()).isInstanceOf(InputGradientSkip.WeightsOnly.class);
            actual = gradient(net, batch);
        }
        assertThat(net.getLayer(0).getHelper()).as("oneDNN's helper is back").isInstanceOf(MKLDNNConvHelper.class);

        long firstLayer = net.getLayer(0).numParams();
        assertThat(expected.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, firstLayer)).amaxNumber().doubleValue())
                .as("the first layer has a gradient").isGreaterThan(1e-4);
        assertThat(relativeError(actual, expected)).as("gradients with the swap equal oneDNN's").isLessThan(1e-5);
    }

    @Test
    void trainingWithTheSwapFollowsTrainingWithout() {
        MultiLayerNetwork plain = network(1, 3, 1, ConvolutionMode.Same, null);
        MultiLayerNetwork swapped = network(1, 3, 1, ConvolutionMode.Same, null);
        for (int step = 0; step < 20; step++) {
            DataSet batch = batch(1, step);
            plain.fit(batch);
            try (InputGradientSkip skip = InputGradientSkip.install(swapped)) {
                swapped.fit(batch);
            }
        }
        assertThat(swapped.score()).isLessThan(plain.score() + 1e-4).isGreaterThan(plain.score() - 1e-4);
        assertThat(relativeError(swapped.params(), plain.params())).isLessThan(1e-3);
    }

    @Test
    void networksItCannotServeAreLeftAlone() {
        MultiLayerNetwork flatInput = network(1, 3, 1, ConvolutionMode.Same, InputType.convolutionalFlat(12, 12, 1));
        try (InputGradientSkip skip = InputGradientSkip.install(flatInput)) {
            assertThat(skip.installed()).as("an input preprocessor needs the input gradient's shape").isFalse();
        }
        MultiLayerNetwork dense = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(4)).build());
        dense.init();
        try (InputGradientSkip skip = InputGradientSkip.install(dense)) {
            assertThat(skip.installed()).isFalse();
        }
    }
}
