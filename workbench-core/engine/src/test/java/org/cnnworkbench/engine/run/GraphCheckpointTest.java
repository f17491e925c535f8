package org.cnnworkbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.engine.network.Network;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A graph's checkpoint holds what a resumed run needs: restored, it is a graph with the same
 * weights, and its next training steps (Adam's state included) give the same weights as the
 * network that never stopped.
 */
class GraphCheckpointTest {
    @TempDir
    Path runDir;

    private static ComputationGraph residualGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new Adam(0.01)).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(6, 6, 2))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "c1")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "bn")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c1", "c2")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static DataSet batch(int i) {
        Nd4j.getRandom().setSeed(100 + i);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 2);
        for (int r = 0; r < 4; r++) {
            labels.putScalar(r, (r + i) % 2, 1f);
        }
        return new DataSet(Nd4j.rand(DataType.FLOAT, 4, 2, 6, 6), labels);
    }

    @Test
    void aRestoredGraphCheckpointContinuesExactlyAsTheNetworkThatNeverStopped() {
        Network running = Network.of(residualGraph());
        for (int i = 0; i < 3; i++) {
            running.fit(batch(i));
        }
        running.incrementEpochCount();
        Checkpoints checkpoints = new Checkpoints(runDir);
        checkpoints.write(running, 1, Map.of("class_names", java.util.List.of("a", "b")));

        Network resumed = checkpoints.restore(1).orElseThrow();

        assertThat(resumed.isGraph()).isTrue();
        assertThat(resumed.params()).isEqualTo(running.params());
        assertThat(resumed.epochCount()).isEqualTo(1);
        for (int i = 3; i < 6; i++) {
            running.fit(batch(i));
            resumed.fit(batch(i));
        }
        assertThat(resumed.params()).as("same weights after three more Adam steps").isEqualTo(running.params());
        assertThat(running.learningRate()).isEqualTo(0.01, org.assertj.core.api.Assertions.within(1e-12));
        running.setLearningRate(0.001);
        assertThat(running.learningRate()).isEqualTo(0.001, org.assertj.core.api.Assertions.within(1e-12));
    }
}
