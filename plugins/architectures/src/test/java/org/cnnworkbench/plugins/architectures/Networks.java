package org.cnnworkbench.plugins.architectures;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.InputShape;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers over built configurations and the batches the engine feeds them. */
final class Networks {

    private Networks() {
    }

    static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        return network;
    }

    static List<String> layerNames(MultiLayerConfiguration conf) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            names.add(conf.getConf(i).getLayer().getLayerName());
        }
        return names;
    }

    /** A random batch as the engine feeds it: NCHW for images, NCW for sequences. */
    static INDArray batch(InputShape shape, int size) {
        return shape.kind() == InputShape.Kind.IMAGE
                ? Nd4j.rand(DataType.FLOAT, size, shape.channels(), shape.height(), shape.width())
                : Nd4j.rand(DataType.FLOAT, size, shape.channels(), shape.width());
    }

    /** Labels for a batch: one-hot rows, or one 0/1 column for a binary head ({@code width} 1). */
    static INDArray labels(int size, int width) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, size, width);
        for (int i = 0; i < size; i++) {
            labels.putScalar(i, width == 1 ? 0 : i % width, width == 1 ? i % 2 : 1);
        }
        return labels;
    }

    /** The number of units of the output layer. */
    static int outputWidth(MultiLayerNetwork network) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        return (int) ((FeedForwardLayer) conf.getConf(conf.getConfs().size() - 1).getLayer()).getNOut();
    }
}
