package org.cnnworkbench.plugins.architectures;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.Params;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * ResNet50 (v1) as {@code keras.applications.ResNet50}: ZeroPadding(3) → Conv 7×7/2 64 → BN → ReLU
 * → ZeroPadding(1) → MaxPool 3×3/2, then four stages of 3, 4, 6, 3 bottleneck blocks (1×1, 3×3, 1×1
 * convolutions with bias, each followed by BN with epsilon 1.001e-5; the first block of a stage has
 * a 1×1 convolution shortcut, with stride 2 from the second stage on; the others add their input)
 * with 64, 128, 256, 512 filters (×4 out), layer names as Keras' ({@code conv2_block1_1_conv}, ...);
 * the top is global average pooling → {@code predictions}. With 1000 classes at 224×224×3:
 * 25,636,712 parameters, 53,120 of them non-trainable (the moving means and variances).
 */
@Extension
public class ResNet50Factory extends KerasApplication {
    private static final double EPSILON = 1.001e-5;
    private static final double MOMENTUM = 0.99;

    public ResNet50Factory() {
        super("resnet50", "ResNet50 (v1) as keras.applications: 16 bottleneck blocks, Keras' top or a head of your own");
    }

    @Override
    String base(LayerGraph graph, Params params, ArchitectureContext context) {
        String x = graph.zeroPad(graph.input(), "conv1_pad", 3, 3, 3, 3);
        x = graph.conv(x, "conv1_conv", 64, 7, 2, false, true, Activation.IDENTITY);
        x = graph.batchNorm(x, "conv1_bn", EPSILON, MOMENTUM);
        x = graph.activation(x, "conv1_relu", Activation.RELU);
        x = graph.zeroPad(x, "pool1_pad", 1, 1, 1, 1);
        x = graph.pool(x, "pool1_pool", SubsamplingLayer.PoolingType.MAX, 3, 2, false);
        x = stage(graph, x, 64, 3, 1, "conv2");
        x = stage(graph, x, 128, 4, 2, "conv3");
        x = stage(graph, x, 256, 6, 2, "conv4");
        return stage(graph, x, 512, 3, 2, "conv5");
    }

    @Override
    ModelConfiguration top(LayerGraph graph, String base) {
        return graph.softmaxOutput(graph.globalPool(base, "avg_pool", PoolingType.AVG), "predictions");
    }

    private static String stage(LayerGraph graph, String x, int filters, int blocks, int stride, String name) {
        x = block(graph, x, filters, stride, true, name + "_block1");
        for (int i = 2; i <= blocks; i++) {
            x = block(graph, x, filters, 1, false, name + "_block" + i);
        }
        return x;
    }

    private static String block(LayerGraph graph, String x, int filters, int stride, boolean convShortcut, String name) {
        String shortcut = x;
        if (convShortcut) {
            shortcut = graph.conv(x, name + "_0_conv", 4 * filters, 1, stride, false, true, Activation.IDENTITY);
            shortcut = graph.batchNorm(shortcut, name + "_0_bn", EPSILON, MOMENTUM);
        }
        String y = graph.conv(x, name + "_1_conv", filters, 1, stride, false, true, Activation.IDENTITY);
        y = graph.batchNorm(y, name + "_1_bn", EPSILON, MOMENTUM);
        y = graph.activation(y, name + "_1_relu", Activation.RELU);
        y = graph.conv(y, name + "_2_conv", filters, 3, 1, true, true, Activation.IDENTITY);
        y = graph.batchNorm(y, name + "_2_bn", EPSILON, MOMENTUM);
        y = graph.activation(y, name + "_2_relu", Activation.RELU);
        y = graph.conv(y, name + "_3_conv", 4 * filters, 1, 1, false, true, Activation.IDENTITY);
        y = graph.batchNorm(y, name + "_3_bn", EPSILON, MOMENTUM);
        String sum = graph.add(name + "_add", shortcut, y);
        return graph.activation(sum, name + "_out", Activation.RELU);
    }

    @Override
    PretrainedWeights imagenet(boolean includeTop, InputShape shape) {
        return kerasKernels("resnet50", "resnet", includeTop, "2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626");
    }
}
