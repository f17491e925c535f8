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
 * The lab's LeNet variant for notMNIST letters: Conv(32, 6, relu) → AvgPool(2) → Conv(32, 6, relu)
 * → AvgPool(2) → Flatten → Dense(120, relu) → Dense(84, relu) → Dense(classes, softmax), valid
 * convolutions. On 28×28×1 and 10 classes it has 83,774 parameters: 1,184 + 36,896 (the image goes
 * 28 → 23 → 11 → 6 → 3) + 3·3·32·120 + 120 = 34,680 + 10,164 + 850. It takes images of at least
 * 19×19.
 */
@Extension
public class Lenet5ReluFactory implements ArchitectureFactory {
    static final String FILTERS = "filters";
    static final String KERNEL_SIZE = "kernel_size";
    static final String DENSE_UNITS = "dense_units";
    static final String DENSE_UNITS_2 = "dense_units_2";
    static final String ACTIVATION = "activation";
    static final String DROPOUT = "dropout";

    private static final List<ParamSpec> PARAMETERS = WeightPenalty.parametersAfter(
            ParamSpec.integer(FILTERS, 32, 1, 1024, "filters of both convolutions"),
            ParamSpec.integer(KERNEL_SIZE, 6, 1, 15, "side of both convolutions' square kernels"),
            ParamSpec.integer(DENSE_UNITS, 120, 1, 65536, "units of the first dense layer"),
            ParamSpec.integer(DENSE_UNITS_2, 84, 1, 65536, "units of the second dense layer"),
            ParamSpec.choice(ACTIVATION, "relu", LayerStack.ACTIVATIONS, "activation of the convolutions and dense layers"),
            ParamSpec.number(DROPOUT, 0, 0, 0.9, "share of units dropped before each dense layer; 0 = none"));

    @Override
    public String id() {
        return "lenet5-relu";
    }

    @Override
    public String description() {
        return "LeNet variant: two 6x6 relu convolutions with average pooling, dense 120 and 84, softmax";
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
        double dropout = params.getDouble(DROPOUT);
        return new LayerStack(id())
                .penalise(WeightPenalty.of(params))
                .conv(filters, kernel, activation, Padding.VALID)
                .avgPool(2, 2)
                .conv(filters, kernel, activation, Padding.VALID)
                .avgPool(2, 2)
                .dropout(dropout)
                .dense(params.getInt(DENSE_UNITS), activation)
                .dropout(dropout)
                .dense(params.getInt(DENSE_UNITS_2), activation)
                .softmaxOutput(context);
    }
}
