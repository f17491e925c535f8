package org.cnnworkbench.plugins.architectures;

import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * ResNet v1 for small images (He et al. 2016, the CIFAR family) as Keras' {@code cifar10_resnet}
 * example builds it: a 3×3 convolution of 16 filters → BN → ReLU, then three stages of
 * (depth − 2) / 6 residual blocks with 16, 32 and 64 filters, each block Conv 3×3 → BN → ReLU →
 * Conv 3×3 → BN, added to its input (the first block of the second and third stage has stride 2
 * and a 1×1 convolution shortcut without BN) → ReLU; then average pooling 8×8 → Flatten → softmax.
 * Convolutions have bias (Keras' default) and He-normal initialisation in Keras (here the file's
 * {@code weight_init}). Depth 20 at 32×32×3 with 10 classes: 274,442 parameters (1,376 of them
 * non-trainable): stem 448 + BN 64; stage 1 6·(2,320 + 64); stage 2 4,640 + 9,248 + 544 + 4·9,248
 * + 6·128; stage 3 18,496 + 36,928 + 2,112 + 4·36,928 + 6·256; output 650. It takes images of at
 * least 29×29 (the pooling needs 8×8 after the two strides).
 */
@Extension
public class ResNetFactory extends KerasArchitecture {
    static final String DEPTH = "depth";
    private static final List<Integer> DEPTHS = List.of(20, 32, 44, 56, 110);
    private static final double EPSILON = 1e-3;
    private static final double MOMENTUM = 0.99;

    public ResNetFactory() {
        super("resnet", "ResNet v1 for small images (CIFAR family, Keras' cifar10_resnet example): depth 20/32/44/56/110",
                ParamSpec.integer(DEPTH, 20, 20, 110, "layers with weights: 20, 32, 44, 56 or 110 (6n + 2)"),
                Knobs.filters(16, 1024, "the first stage; the second and third have twice and four times as many"));
    }

    @Override
    public ModelConfiguration configuration(Params params, ArchitectureContext context) {
        int depth = params.getInt(DEPTH);
        if (!DEPTHS.contains(depth)) {
            throw new PluginInputException("resnet: depth " + depth + " is not one of " + DEPTHS
                    + " (Keras' cifar10_resnet v1 depths, 6n + 2)");
        }
        int side = Math.min(context.inputShape().height(), context.inputShape().width());
        if ((side + 3) / 4 < 8) {
            throw new PluginInputException("resnet takes images of at least 29x29 pixels, but the dataset gives "
                    + context.inputShape() + "; use larger images or another architecture");
        }
        LayerGraph graph = new LayerGraph(id(), context, WeightPenalty.of(params));
        int filters = params.getInt(Knobs.FILTERS);
        String x = convBn(graph, LayerGraph.INPUT, filters, 1, true);
        int blocks = (depth - 2) / 6;
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < blocks; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                String y = convBn(graph, x, filters, stride, true);
                y = convBn(graph, y, filters, 1, false);
                if (stride == 2) {
                    x = graph.conv(x, null, filters, 1, 2, true, true, Activation.IDENTITY);
                }
                x = graph.activation(graph.add(null, x, y), null, Activation.RELU);
            }
            filters *= 2;
        }
        x = graph.pool(x, null, PoolingType.AVG, 8, 8, false);
        return graph.softmaxOutput(x, null);
    }

    /** Keras' example's resnet_layer: Conv 3×3 (same) → BN → ReLU (or none). */
    private static String convBn(LayerGraph graph, String x, int filters, int stride, boolean relu) {
        String y = graph.conv(x, null, filters, 3, stride, true, true, Activation.IDENTITY);
        y = graph.batchNorm(y, null, EPSILON, MOMENTUM);
        return relu ? graph.activation(y, null, Activation.RELU) : y;
    }
}
