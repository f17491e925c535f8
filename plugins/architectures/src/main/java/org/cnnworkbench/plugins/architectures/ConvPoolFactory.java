package org.cnnworkbench.plugins.architectures;

import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.ParamSpec;
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
public class ConvPoolFactory implements ArchitectureFactory {
    static final String FILTERS = "filters";
    static final String KERNEL_SIZE = "kernel_size";
    static final String POOL_SIZE = "pool_size";
    static final String ACTIVATION = "activation";
    static final String DROPOUT = "dropout";

    private static final List<ParamSpec> PARAMETERS = WeightPenalty.parametersAfter(
            ParamSpec.integer(FILTERS, 32, 1, 1024, "filters of the convolution"),
            ParamSpec.integer(KERNEL_SIZE, 3, 1, 15, "side of the convolution's square kernel"),
            ParamSpec.integer(POOL_SIZE, 2, 1, 16, "side (and stride) of the max pooling window"),
            ParamSpec.choice(ACTIVATION, "relu", LayerStack.ACTIVATIONS, "activation of the convolution"),
            ParamSpec.number(DROPOUT, 0, 0, 0.9, "share of units dropped before the output layer; 0 = none"));

    @Override
    public String id() {
        return "conv-pool";
    }

    @Override
    public String description() {
        return "One 3x3 convolution and 2x2 max pooling into the softmax output";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        return new LayerStack(id())
                .penalise(WeightPenalty.of(params))
                .conv(params.getInt(FILTERS), params.getInt(KERNEL_SIZE),
                        LayerStack.activation(params.getString(ACTIVATION)), Padding.VALID)
                .maxPool(params.getInt(POOL_SIZE))
                .dropout(params.getDouble(DROPOUT))
                .softmaxOutput(context);
    }
}
