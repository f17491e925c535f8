package org.cnnworkbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.cnnworkbench.engine.nd4j.Backend;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class TrainAccuracyListenerTest {

    @BeforeAll
    static void load() {
        Backend.load();
    }

    /** Conv → (flatten pre-processor) → softmax output, so the listener must apply the pre-processor. */
    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Sgd(0.5)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void accuracyOfEachBatchIsThatOfTheForwardPassBeforeItsUpdate() {
        MultiLayerNetwork net = network();
        TrainAccuracyListener listener = new TrainAccuracyListener();
        net.setListeners(listener);
        Nd4j.getRandom().setSeed(11);
        long correct = 0;
        long total = 0;
        for (int step = 0; step < 5; step++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, 16, 1, 6, 6);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 16, 3);
            for (int i = 0; i < 16; i++) {
                labels.putScalar(i, (i + step) % 3, 1f);
            }
            // What a separate forward pass with the weights before this update predicts:
            long[] predicted = net.output(features, false).argMax(1).toLongVector();
            long[] actual = labels.argMax(1).toLongVector();
            for (int i = 0; i < 16; i++) {
                correct += predicted[i] == actual[i] ? 1 : 0;
            }
            total += 16;
            net.fit(new DataSet(features, labels));
        }

        assertThat(listener.supported()).isTrue();
        assertThat(listener.accuracyAndReset()).isEqualTo((double) correct / total);
        assertThat(listener.accuracyAndReset()).as("reset after reading").isNaN();
    }
}
