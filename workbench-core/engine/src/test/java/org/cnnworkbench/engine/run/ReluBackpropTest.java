package org.cnnworkbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.network.Network;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ReluBackpropTest {

    @BeforeAll
    static void load() {
        Backend.load();
    }

    /** conv(ReLU) → max-pool → conv(capped ReLU, left alone) → dense(ReLU) → softmax: two layers to swap. */
    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(new ActivationReLU(6.0, null, null)).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray gradient(MultiLayerNetwork net, INDArray features, INDArray labels) {
        net.setInput(features);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }

    @Test
    void gradientsAreThoseOfNd4jsReluAndTheOriginalsComeBack(@TempDir java.nio.file.Path dir) throws Exception {
        MultiLayerNetwork net = network();
        String json = net.getLayerWiseConfigurations().toJson();
        Nd4j.getRandom().setSeed(7);
        INDArray features = Nd4j.randn(DataType.FLOAT, 16, 1, 12, 12);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 3);
        for (int i = 0; i < 16; i++) {
            labels.putScalar(i, i % 3, 1f);
        }

        INDArray expected = gradient(net, features, labels);
        INDArray actual;
        try (ReluBackprop swap = ReluBackprop.install(net)) {
            assertThat(swap.swapped()).as("the two plain ReLU layers; the capped one is left alone").isEqualTo(2);
            assertThat(net.getLayer(0).conf().getLayer()).extracting("activationFn").isInstanceOf(ReluBackprop.StepRelu.class);
            actual = gradient(net, features, labels);
        }

        assertThat(expected.sumNumber().doubleValue()).as("a gradient that is not all zeros").isNotZero();
        assertThat(actual.equalsWithEps(expected, 1e-6)).as("gradients with the swap equal ND4J's").isTrue();
        assertThat(net.getLayerWiseConfigurations().toJson()).isEqualTo(json).doesNotContain("StepRelu");
        java.io.File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        assertThat(ModelSerializer.restoreMultiLayerNetwork(file).getLayerWiseConfigurations().toJson()).isEqualTo(json);
    }

    @Test
    void onlyPlainReluIsSwapped() {
        assertThat(ReluBackprop.plainRelu(new ActivationReLU())).isTrue();
        assertThat(ReluBackprop.plainRelu(new ActivationReLU(6.0, null, null))).isFalse();
        assertThat(ReluBackprop.plainRelu(new ActivationReLU(null, 0.5, null))).isFalse();
        assertThat(ReluBackprop.plainRelu(new ActivationReLU(null, null, 0.1))).isFalse();
        assertThat(ReluBackprop.plainRelu(Activation.TANH.getActivationFunction())).isFalse();
        assertThat(ReluBackprop.plainRelu(null)).isFalse();
    }

    @Test
    void layerTypesItIsNotTestedOnKeepNd4jsRelu() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).list()
                .layer(new Convolution1DLayer.Builder().kernelSize(3).nOut(4).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(2, 10))
                .build());
        net.init();
        try (ReluBackprop swap = ReluBackprop.install(net)) {
            assertThat(swap.swapped()).as("the dense layer only; a 1-D convolution is not on the tested list").isEqualTo(1);
            assertThat(net.getLayer(0).conf().getLayer()).extracting("activationFn").isInstanceOf(ActivationReLU.class);
            assertThat(net.getLayer(2).conf().getLayer()).extracting("activationFn").isInstanceOf(ReluBackprop.StepRelu.class);
        }
    }

    /**
     * small-cnn as its plugin builds it (Conv(32, 3) → MaxPool(2) → Conv(64, 3) → MaxPool(2) → Conv(64, 3) →
     * Dense(64) → softmax, valid convolutions, ReLU) on the engine's global settings for 28×28×1 and 10 classes.
     */
    static MultiLayerNetwork smallCnn() {
        var settings = new org.cnnworkbench.engine.spec.TrainingSettings(1, 16, "adam", 0.001, 0.9, 0, 0, "xavier_uniform",
                42, 0, true);
        NetworkFactory context = new NetworkFactory(org.cnnworkbench.api.InputShape.image(1, 28, 28), 10, settings,
                java.nio.file.Path.of("."));
        MultiLayerConfiguration conf = context.configure().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Each parameter's gradient (by DL4J's key, e.g. {@code 0_W}), copied. */
    private static Map<String, INDArray> gradients(MultiLayerNetwork net, INDArray features, INDArray labels) {
        net.setInput(features);
        net.setLabels(labels);
        net.computeGradientAndScore();
        Map<String, INDArray> copies = new TreeMap<>();
        net.gradient().gradientForVariable().forEach((key, gradient) -> copies.put(key, gradient.dup()));
        return copies;
    }

    @Test
    void smallCnnWithBothReplacementsHasDl4jsOwnGradients() {
        MultiLayerNetwork net = smallCnn();
        Nd4j.getRandom().setSeed(3);
        INDArray features = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int i = 0; i < 16; i++) {
            labels.putScalar(i, i % 10, 1f);
        }
        INDArray before = net.params().dup();

        Map<String, INDArray> expected = gradients(net, features, labels);
        Map<String, INDArray> actual;
        FastBackprop fast = FastBackprop.of(true, Network.of(net));
        assertThat(fast).as("both replacements apply to small-cnn").isEqualTo(new FastBackprop(true, true));
        try (FastBackprop.Installed installed = fast.install(Network.of(net))) {
            assertThat(installed.relu().swapped()).as("three convolutions and the dense layer").isEqualTo(4);
            assertThat(installed.skip().installed()).isTrue();
            actual = gradients(net, features, labels);
        }

        assertThat(net.params().equals(before)).as("the same parameters for both").isTrue();
        assertThat(actual.keySet()).isEqualTo(expected.keySet()).contains("0_W", "0_b", "6_W", "6_b");
        for (var e : expected.entrySet()) {
            INDArray want = e.getValue();
            INDArray got = actual.get(e.getKey());
            double scale = want.amaxNumber().doubleValue();
            assertThat(scale).as(e.getKey() + " has a gradient").isGreaterThan(0);
            assertThat(got.sub(want).amaxNumber().doubleValue() / scale).as(e.getKey()).isLessThan(1e-5);
        }
    }

    @Test
    void fastBackpropOffInstallsNeither() {
        MultiLayerNetwork net = smallCnn();
        FastBackprop off = FastBackprop.of(false, Network.of(net));
        assertThat(off).isEqualTo(new FastBackprop(false, false));
        try (FastBackprop.Installed installed = off.install(Network.of(net))) {
            assertThat(installed.relu()).isNull();
            assertThat(installed.skip()).isNull();
            assertThat(net.getLayer(0).conf().getLayer()).extracting("activationFn").isInstanceOf(ActivationReLU.class);
            assertThat(net.getLayer(0).getHelper()).isNotInstanceOf(InputGradientSkip.WeightsOnly.class);
        }
        assertThat(off.describe()).containsExactly(java.util.Map.entry("relu_backward", false),
                java.util.Map.entry("first_conv_input_gradient", false));
    }
}
