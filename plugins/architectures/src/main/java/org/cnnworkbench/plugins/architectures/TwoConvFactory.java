package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The lab's first task: Conv(32, 3, relu, valid) → Conv(32, 3, relu, same) → Flatten →
 * Dense(classes). The lab's last Dense has no activation (logits); here it is the softmax head
 * with cross-entropy, which trains the same and leaves the count alone. On 28×28×1 and 10 classes
 * it has 225,898 parameters: 320 + 9,248 + 26·26·32·10 + 10 = 216,330.
 */
@Extension
public class TwoConvFactory extends KerasArchitecture {

    public TwoConvFactory() {
        super("two-conv",
                "Two 3x3 convolutions (valid, then same) straight into the softmax output",
                filters(32, 1024, "both convolutions"),
                squareKernel(3, "both convolutions' square kernels"),
                activation("relu", "the convolutions"),
                dropout(0, "before the output layer"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        int kernel = params.getInt(KERNEL_SIZE);
        return stack(params)
                .conv(filters, kernel, Padding.VALID)
                .conv(filters, kernel, Padding.SAME)
                .dropout(params.getDouble(DROPOUT))
                .softmaxOutput(context);
    }
}
