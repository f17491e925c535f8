package org.cnnworkbench.plugins.architectures;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.Params;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * VGG16 as {@code keras.applications.VGG16}: five blocks of 2, 2, 3, 3, 3 same 3×3 convolutions
 * (64, 128, 256, 512, 512 filters, ReLU, with bias) each ending in a 2×2 max pooling, layer names as
 * Keras' ({@code block1_conv1} ... {@code block5_pool}); the top is Flatten → {@code fc1} 4096 →
 * {@code fc2} 4096 → {@code predictions}. With 1000 classes at 224×224×3: 138,357,544 parameters
 * (base 14,714,688; fc1 102,764,544; fc2 16,781,312; predictions 4,097,000). It takes images of at
 * least 32×32.
 */
@Extension
public class Vgg16Factory extends KerasApplication {
    private static final int[] CONVS = {2, 2, 3, 3, 3};
    private static final int[] FILTERS = {64, 128, 256, 512, 512};

    public Vgg16Factory() {
        super("vgg16", "VGG16 as keras.applications: 13 convolutions in 5 blocks, Keras' top or a head of your own");
    }

    @Override
    String base(LayerGraph graph, Params params, ArchitectureContext context) {
        String x = graph.input();
        for (int block = 1; block <= CONVS.length; block++) {
            for (int conv = 1; conv <= CONVS[block - 1]; conv++) {
                x = graph.conv(x, "block" + block + "_conv" + conv, FILTERS[block - 1], 3, 1, true, true, Activation.RELU);
            }
            x = graph.pool(x, "block" + block + "_pool", PoolingType.MAX, 2, 2, false);
        }
        return x;
    }

    @Override
    ModelConfiguration top(LayerGraph graph, String base) {
        String x = graph.dense(base, "fc1", 4096, Activation.RELU);
        x = graph.dense(x, "fc2", 4096, Activation.RELU);
        return graph.softmaxOutput(x, "predictions");
    }

    @Override
    PretrainedWeights imagenet(boolean includeTop, InputShape shape) {
        return kerasKernels("vgg16", "vgg16", includeTop, "64373286793e3c8b2b4e3219cbf3544b", "6d6bbae143d832006294945121d1f1fc");
    }
}
