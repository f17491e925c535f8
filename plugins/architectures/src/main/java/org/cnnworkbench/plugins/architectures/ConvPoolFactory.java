package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The lab's second task, the faster sibling of {@code two-conv}: Conv(32, 3, relu, valid) →
 * MaxPool(2) → Flatten → Dense(classes) (softmax here; the lab's has no activation). On 28×28×1
 * and 10 classes it has 54,410 parameters: 320 + 13·13·32·10 + 10 = 54,090.
 */
@Extension
public class ConvPoolFactory extends KerasArchitecture {

    public ConvPoolFactory() {
        super("conv-pool",
                "One 3x3 convolution and 2x2 max pooling into the softmax output",
                filters(32, 1024, "the convolution"),
                squareKernel(3, "the convolution's square kernel"),
                poolSize(2, 16, "side (and stride) of the max pooling window"),
                activation("relu", "the convolution"),
                dropout(0, "before the output layer"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        return stack(params)
                .conv(params.getInt(FILTERS), params.getInt(KERNEL_SIZE), Padding.VALID)
                .maxPool(params.getInt(POOL_SIZE))
                .dropout(params.getDouble(DROPOUT))
                .softmaxOutput(context);
    }
}
