package org.cnnworkbench.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.TestArchitectureContext;
import org.cnnworkbench.testkit.TestParams;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class TinyCnnFactoryTest {
    private final TinyCnnFactory factory = new TinyCnnFactory();

    /** What {@link BlobsDataset} gives with its defaults: 16x16 grayscale images of 3 classes. */
    private static final TestArchitectureContext BLOBS = TestArchitectureContext.of(InputShape.image(1, 16, 16), 3);

    private MultiLayerConfiguration build(TestArchitectureContext context, Object... overrides) {
        return factory.build(TestParams.of(factory, overrides), context);
    }

    /** Initialises a real network from the configuration, as the engine does before training. */
    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    @Test
    void hasTheExpectedParameterCountOnTheDefaultBlobs() {
        // conv 8 x (3x3x1) + 8 = 80; 14x14 pooled to 7x7x8 = 392 -> dense 32: 12,576; 32 -> 3: 99
        assertThat(init(build(BLOBS)).numParams()).isEqualTo(12_755);
    }

    @Test
    void filtersAndDenseUnitsSizeTheirLayers() {
        // conv 4 x 9 + 4 = 40; 7x7x4 = 196 -> dense 10: 1,970; 10 -> 3: 33
        assertThat(init(build(BLOBS, "filters", 4, "dense_units", 10)).numParams()).isEqualTo(2_043);
    }

    @Test
    void givesOneRowOfClassProbabilitiesPerImage() {
        MultiLayerNetwork network = init(build(BLOBS));

        INDArray output = network.output(Nd4j.rand(DataType.FLOAT, 5, 1, 16, 16));

        assertThat(output.shape()).containsExactly(5, 3);
        assertThat(output.sum(1).toDoubleVector()).containsOnly(new double[] {1, 1, 1, 1, 1}, within(1e-5));
    }

    @Test
    void namesItsLayersAsKerasDoes() {
        MultiLayerConfiguration conf = build(BLOBS);

        List<String> names = new ArrayList<>();
        conf.getConfs().forEach(layer -> names.add(layer.getLayer().getLayerName()));

        assertThat(names).containsExactly("conv2d", "max_pooling2d", "dense", "dense_1");
    }

    @Test
    void keepsTheTrialsOptimizerFromTheContext() {
        MultiLayerConfiguration conf = build(BLOBS);

        assertThat(((BaseLayer) conf.getConf(0).getLayer()).getIUpdater()).isEqualTo(new Adam(BLOBS.learningRate()));
    }

    @Test
    void refusesImagesSmallerThanFourPixelsASide() {
        assertThatThrownBy(() -> build(TestArchitectureContext.of(InputShape.image(1, 3, 16), 3)))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("example-tiny-cnn takes images of at least 4x4 pixels (a 3x3 convolution, then 2x2 pooling),"
                        + " but the dataset gives 3x16x1 (height x width x channels); use larger images");
        assertThat(init(build(TestArchitectureContext.of(InputShape.image(1, 4, 4), 2)))
                .output(Nd4j.rand(DataType.FLOAT, 1, 1, 4, 4)).shape()).containsExactly(1, 2);
    }

    @Test
    void refusesSequences() {
        assertThatThrownBy(() -> build(TestArchitectureContext.of(InputShape.sequence(1, 100), 3)))
                .isInstanceOf(PluginInputException.class)
                .hasMessageContaining("takes images")
                .hasMessageContaining("sequences of 100x1");
    }
}
