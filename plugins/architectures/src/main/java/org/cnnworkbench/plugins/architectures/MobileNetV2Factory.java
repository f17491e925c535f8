package org.cnnworkbench.plugins.architectures;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.Params;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * MobileNetV2 (alpha 1.0) as {@code keras.applications.MobileNetV2}: Conv 3×3/2 32 (same, no bias) →
 * BN → ReLU6, then 17 inverted residual blocks (expansion t, output channels c, repeats n, first
 * stride s: 1,16,1,1; 6,24,2,2; 6,32,3,2; 6,64,4,2; 6,96,3,1; 6,160,3,2; 6,320,1,1), each a 1×1
 * expansion (not in the first), a 3×3 depthwise convolution (stride-2 ones after Keras'
 * {@code correct_pad} zero padding, valid), a 1×1 projection, all without bias and with BN (epsilon
 * 1e-3, momentum 0.999) and ReLU6 but after the projection, and an {@code Add} when input and output
 * match; then Conv 1×1 1280 → BN → ReLU6. Layer names as Keras' ({@code block_3_depthwise}, ...).
 * The top is global average pooling → {@code predictions}. With 1000 classes at 224×224×3:
 * 3,538,984 parameters, 34,112 of them non-trainable.
 */
@Extension
public class MobileNetV2Factory extends KerasApplication {
    private static final double EPSILON = 1e-3;
    private static final double MOMENTUM = 0.999;
    /** Rows of (expansion, channels, repeats, first stride). */
    private static final int[][] BLOCKS = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
        {6, 160, 3, 2}, {6, 320, 1, 1}};

    public MobileNetV2Factory() {
        super("mobilenet-v2", "MobileNetV2 (alpha 1.0) as keras.applications: 17 inverted residual blocks,"
                + " Keras' top or a head of your own");
    }

    @Override
    String base(LayerGraph graph, Params params, ArchitectureContext context) {
        int height = (context.inputShape().height() + 1) / 2;
        int width = (context.inputShape().width() + 1) / 2;
        String x = graph.conv(graph.input(), "Conv1", 32, 3, 2, true, false, Activation.IDENTITY);
        x = graph.batchNorm(x, "bn_Conv1", EPSILON, MOMENTUM);
        x = graph.activation(x, "Conv1_relu", Activation.RELU6);
        int channels = 32;
        int id = 0;
        for (int[] row : BLOCKS) {
            for (int i = 0; i < row[2]; i++) {
                int stride = i == 0 ? row[3] : 1;
                x = block(graph, x, channels, row[0], row[1], stride, id, height, width);
                if (stride == 2) {
                    height = (height - 1) / 2 + 1;
                    width = (width - 1) / 2 + 1;
                }
                channels = row[1];
                id++;
            }
        }
        x = graph.conv(x, "Conv_1", 1280, 1, 1, false, false, Activation.IDENTITY);
        x = graph.batchNorm(x, "Conv_1_bn", EPSILON, MOMENTUM);
        return graph.activation(x, "out_relu", Activation.RELU6);
    }

    @Override
    ModelConfiguration top(LayerGraph graph, String base) {
        return graph.softmaxOutput(graph.globalPool(base, "global_average_pooling2d", PoolingType.AVG), "predictions");
    }

    private static String block(LayerGraph graph, String input, int in, int expansion, int out, int stride, int id,
                                int height, int width) {
        String prefix = id == 0 ? "expanded_conv_" : "block_" + id + "_";
        String x = input;
        if (expansion != 1) {
            x = graph.conv(x, prefix + "expand", in * expansion, 1, 1, false, false, Activation.IDENTITY);
            x = graph.batchNorm(x, prefix + "expand_BN", EPSILON, MOMENTUM);
            x = graph.activation(x, prefix + "expand_relu", Activation.RELU6);
        }
        if (stride == 2) {
            // Keras' correct_pad: one more row/column at the bottom/right of an even side.
            int top = height % 2 == 0 ? 0 : 1;
            int left = width % 2 == 0 ? 0 : 1;
            x = graph.zeroPad(x, prefix + "pad", top, 1, left, 1);
        }
        x = graph.depthwise(x, prefix + "depthwise", 3, stride, stride == 1);
        x = graph.batchNorm(x, prefix + "depthwise_BN", EPSILON, MOMENTUM);
        x = graph.activation(x, prefix + "depthwise_relu", Activation.RELU6);
        x = graph.conv(x, prefix + "project", out, 1, 1, false, false, Activation.IDENTITY);
        x = graph.batchNorm(x, prefix + "project_BN", EPSILON, MOMENTUM);
        return in == out && stride == 1 ? graph.add(prefix + "add", input, x) : x;
    }

    @Override
    String kerasPreprocessing() {
        return "tf";
    }

    /**
     * Keras' file for alpha 1.0 at the nearest of the sizes it publishes (96, 128, 160, 192, 224;
     * 224 otherwise, as Keras does); Keras publishes no checksum for these files.
     */
    @Override
    PretrainedWeights imagenet(boolean includeTop, InputShape shape) {
        int rows = shape.height() == shape.width() && java.util.List.of(96, 128, 160, 192, 224).contains(shape.height())
                ? shape.height() : 224;
        return new PretrainedWeights("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_" + rows + (includeTop ? "" : "_no_top")
                + ".h5", "mobilenet_v2", null);
    }
}
