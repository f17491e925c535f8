package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The course's "SmallVGGNet" for the animals photos: [Conv(32, 3, same) → BN] → MaxPool(2) →
 * Drop(0.25) → [Conv(64, 3, same) → BN] ×2 → MaxPool(2) → Drop(0.25) → [Conv(128, 3, same) → BN]
 * ×3 → MaxPool(2) → Drop(0.25) → Flatten → Dense(512, relu) → BN → Drop(0.5) → Dense(classes,
 * softmax), relu convolutions; {@code filters} sets the first block, each later block doubles it.
 *
 * <p>On 64×64×3 and 3 classes it has 4,625,923 parameters, 2,112 of them non-trainable: 896, BN
 * 128; 18,496, BN 256, 36,928, BN 256; 73,856, BN 512, 147,584, BN 512, 147,584, BN 512; dense
 * 8·8·128·512 + 512 = 4,194,816, BN 2,048; output 1,539. It takes images of at least 8×8.
 */
@Extension
public class SmallVggNetFactory extends KerasArchitecture {

    public SmallVggNetFactory() {
        super("small-vggnet",
                "SmallVGGNet: blocks of 1, 2 and 3 same 3x3 convolutions with batch normalisation, dense 512, softmax",
                blocksUnderDenseHead("after each block's pooling", 0.5,
                        filters(32, 1024, "the first block; the second has twice, the third four times as many")));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        double dropout = params.getDouble(DROPOUT);
        LayerStack stack = stack(params);
        int blockFilters = filters;
        for (int convolutions = 1; convolutions <= 3; convolutions++) {
            for (int i = 0; i < convolutions; i++) {
                stack.conv(blockFilters, 3, Padding.SAME).batchNorm();
            }
            stack.maxPool(2).dropout(dropout);
            blockFilters *= 2;
        }
        return stack.dense(params.getInt(DENSE_UNITS))
                .batchNorm()
                .dropout(params.getDouble(DENSE_DROPOUT))
                .softmaxOutput(context);
    }
}
