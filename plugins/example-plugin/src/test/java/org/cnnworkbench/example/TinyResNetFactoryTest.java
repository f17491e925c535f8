package org.cnnworkbench.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class TinyResNetFactoryTest {
    private final TinyResNetFactory factory = new TinyResNetFactory();

    /** What {@link BlobsDataset} gives with its defaults: 16x16 grayscale images of 3 classes. */
    private static final TestArchitectureContext BLOBS = TestArchitectureContext.of(InputShape.image(1, 16, 16), 3);

    private ComputationGraphConfiguration graph(TestArchitectureContext context, Object... overrides) {
        ModelConfiguration configuration = factory.configuration(TestParams.of(factory, overrides), context);
        assertThat(configuration).as("a graph, not a stack").isInstanceOf(ModelConfiguration.Graph.class);
        return ((ModelConfiguration.Graph) configuration).configuration();
    }

    /** Initialises a real network from the configuration, as the engine does before training. */
    private static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph network = new ComputationGraph(conf);
        network.init();
        return network;
    }

    @Test
    void hasTheExpectedParameterCountOnTheDefaultBlobs() {
        // conv 8 x (3x3x1) + 8 = 80; two block convolutions 8 x (3x3x8) + 8 = 584 each; 8 -> 3: 27
        assertThat(init(graph(BLOBS)).numParams()).isEqualTo(1_275);
        assertThat(init(graph(BLOBS, "filters", 4)).numParams()).isEqualTo(40 + 2 * 148 + 15);
    }

    @Test
    void addsTheBlocksInputToItsOutput() {
        ComputationGraphConfiguration conf = graph(BLOBS);

        assertThat(conf.getNetworkInputs()).containsExactly("input_1");
        assertThat(conf.getNetworkOutputs()).containsExactly("dense");
        assertThat(conf.getVertices().get("add")).isInstanceOf(ElementWiseVertex.class);
        assertThat(conf.getVertexInputs().get("add")).containsExactly("conv2d", "conv2d_2");
    }

    @Test
    void givesOneRowOfClassProbabilitiesPerImageAndLearnsABatch() {
        ComputationGraph network = init(graph(BLOBS));
        INDArray images = Nd4j.rand(DataType.FLOAT, 6, 1, 16, 16);

        INDArray output = network.outputSingle(images);

        assertThat(output.shape()).containsExactly(6, 3);
        assertThat(output.sum(1).toDoubleVector()).containsOnly(new double[] {1, 1, 1, 1, 1, 1}, within(1e-5));
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 6, 3);
        for (int i = 0; i < 6; i++) {
            labels.putScalar(i, i % 3, 1);
        }
        DataSet batch = new DataSet(images, labels);
        double before = network.score(batch);
        for (int step = 0; step < 30; step++) {
            network.fit(batch);
        }
        assertThat(network.score(batch)).as("the loss on the batch it trained on").isLessThan(before);
    }

    @Test
    void refusesSequences() {
        assertThatThrownBy(() -> graph(TestArchitectureContext.of(InputShape.sequence(1, 100), 3)))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("takes images")
                .hasMessageContaining("sequences of 100x1");
    }
}
