package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
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
public class CifarBnCnnFactory extends KerasArchitecture {
    static final String TOP_FILTERS = "top_filters";

    public CifarBnCnnFactory() {
        super("cifar-bn-cnn",
                "CIFAR CNN with batch normalisation: three blocks of two same 3x3 convolutions, dense 512, softmax",
                blocksUnderDenseHead("after each block's pooling", 0.25,
                        filters(32, 1024, "the first block's convolutions; the second block has twice as many"),
                        filters(TOP_FILTERS, 128, 4096, "the third block's convolutions (256 for CIFAR-100)")));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        double dropout = params.getDouble(DROPOUT);
        LayerStack stack = stack(params).batchNorm();
        for (int blockFilters : new int[] {filters, 2 * filters, params.getInt(TOP_FILTERS)}) {
            stack.conv(blockFilters, 3, Padding.SAME)
                    .conv(blockFilters, 3, Padding.SAME)
                    .maxPool(2)
                    .dropout(dropout)
                    .batchNorm();
        }
        return stack.dense(params.getInt(DENSE_UNITS))
                .dropout(params.getDouble(DENSE_DROPOUT))
                .softmaxOutput(context);
    }
}
