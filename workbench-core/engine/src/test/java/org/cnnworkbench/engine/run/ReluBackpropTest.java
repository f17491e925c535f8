package org.cnnworkbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.nd4j.Backend;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
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
}
