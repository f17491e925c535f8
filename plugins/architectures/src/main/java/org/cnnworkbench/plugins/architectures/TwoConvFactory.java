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
 * The lab's first task: Conv(32, 3, relu, valid) → Conv(32, 3, relu, same) → Flatten →
 * Dense(classes). The lab's last Dense has no activation (logits); here it is the softmax head
 * with cross-entropy, which trains the same and leaves the count alone. On 28×28×1 and 10 classes
 * it has 225,898 parameters: 320 + 9,248 + 26·26·32·10 + 10 = 216,330.
 */
@Extension
public class TwoConvFactory implements ArchitectureFactory {
    static final String FILTERS = "filters";
    static final String KERNEL_SIZE = "kernel_size";
    static final String ACTIVATION = "activation";
    static final String DROPOUT = "dropout";

    private static final List<ParamSpec> PARAMETERS = WeightPenalty.parametersAfter(
            ParamSpec.integer(FILTERS, 32, 1, 1024, "filters of both convolutions"),
            ParamSpec.integer(KERNEL_SIZE, 3, 1, 15, "side of both convolutions' square kernels"),
            ParamSpec.choice(ACTIVATION, "relu", LayerStack.ACTIVATIONS, "activation of the convolutions"),
            ParamSpec.number(DROPOUT, 0, 0, 0.9, "share of units dropped before the output layer; 0 = none"));

    @Override
    public String id() {
        return "two-conv";
    }

    @Override
    public String description() {
        return "Two 3x3 convolutions (valid, then same) straight into the softmax output";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        int kernel = params.getInt(KERNEL_SIZE);
        Activation activation = LayerStack.activation(params.getString(ACTIVATION));
        return new LayerStack(id())
                .penalise(WeightPenalty.of(params))
                .conv(filters, kernel, activation, Padding.VALID)
                .conv(filters, kernel, activation, Padding.SAME)
                .dropout(params.getDouble(DROPOUT))
                .softmaxOutput(context);
    }
}
