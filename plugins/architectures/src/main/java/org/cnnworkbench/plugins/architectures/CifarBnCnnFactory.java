package org.cnnworkbench.plugins.architectures;

import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * The course's CIFAR network with batch normalisation: BN → three blocks of [Conv(f, 3, same) ×2 →
 * MaxPool(2) → Drop(0.25) → BN] with f = 32, 64 and {@code top_filters} (128; the CIFAR-100
 * experiment sets 256) → Flatten → Dense(512, relu) → Drop(0.25) → Dense(classes, softmax).
 * {@code filters} sets the first block, the second has twice as many.
 *
 * <p>On 32×32×3 and 10 classes it has 1,342,134 parameters, 454 of them non-trainable (the
 * moving means and variances): BN 12; 896 + 9,248, BN 128; 18,496 + 36,928, BN 256; 73,856 +
 * 147,584, BN 512; dense 4·4·128·512 + 512 = 1,049,088; output 5,130. With {@code top_filters}
 * 256 and 100 classes (CIFAR-100): 2,953,744. It takes images of at least 8×8.
 */
@Extension
public class CifarBnCnnFactory implements ArchitectureFactory {
    static final String FILTERS = "filters";
    static final String TOP_FILTERS = "top_filters";
    static final String DENSE_UNITS = "dense_units";
    static final String DROPOUT = "dropout";
    static final String DENSE_DROPOUT = "dense_dropout";
    static final String ACTIVATION = "activation";

    private static final List<ParamSpec> PARAMETERS = WeightPenalty.parametersAfter(
            ParamSpec.integer(FILTERS, 32, 1, 1024, "filters of the first block's convolutions; the second block has twice as many"),
            ParamSpec.integer(TOP_FILTERS, 128, 1, 4096, "filters of the third block's convolutions (256 for CIFAR-100)"),
            ParamSpec.integer(DENSE_UNITS, 512, 1, 65536, "units of the dense layer before the output"),
            ParamSpec.number(DROPOUT, 0.25, 0, 0.9, "share of units dropped after each block's pooling; 0 = none"),
            ParamSpec.number(DENSE_DROPOUT, 0.25, 0, 0.9, "share of units dropped after the dense layer; 0 = none"),
            ParamSpec.choice(ACTIVATION, "relu", LayerStack.ACTIVATIONS, "activation of the convolutions and the dense layer"));

    @Override
    public String id() {
        return "cifar-bn-cnn";
    }

    @Override
    public String description() {
        return "CIFAR CNN with batch normalisation: three blocks of two same 3x3 convolutions, dense 512, softmax";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        Activation activation = LayerStack.activation(params.getString(ACTIVATION));
        double dropout = params.getDouble(DROPOUT);
        LayerStack stack = new LayerStack(id()).penalise(WeightPenalty.of(params)).batchNorm();
        for (int blockFilters : new int[] {filters, 2 * filters, params.getInt(TOP_FILTERS)}) {
            stack.conv(blockFilters, 3, activation, Padding.SAME)
                    .conv(blockFilters, 3, activation, Padding.SAME)
                    .maxPool(2)
                    .dropout(dropout)
                    .batchNorm();
        }
        return stack.dense(params.getInt(DENSE_UNITS), activation)
                .dropout(params.getDouble(DENSE_DROPOUT))
                .softmaxOutput(context);
    }
}
