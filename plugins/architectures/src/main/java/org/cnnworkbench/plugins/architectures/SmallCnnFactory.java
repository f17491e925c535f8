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
 * The Keras tutorial's small CNN: Conv(32, 3) → MaxPool(2) → Conv(64, 3) → MaxPool(2) →
 * Conv(64, 3) → Flatten → Dense(64) → Dense(classes, softmax), all convolutions valid and relu by
 * default. {@code filters} sets the first convolution, the later two have twice as many. On
 * 28×28×1 and 10 classes the defaults give 93,322 parameters.
 */
@Extension
public class SmallCnnFactory implements ArchitectureFactory {
    static final String FILTERS = "filters";
    static final String DENSE_UNITS = "dense_units";
    static final String KERNEL_SIZE = "kernel_size";
    static final String ACTIVATION = "activation";
    static final String DROPOUT = "dropout";

    private static final List<ParamSpec> PARAMETERS = WeightPenalty.parametersAfter(
            ParamSpec.integer(FILTERS, 32, 1, 1024, "filters of the first convolution; the other two have twice as many"),
            ParamSpec.integer(DENSE_UNITS, 64, 1, 65536, "units of the dense layer before the output"),
            ParamSpec.integer(KERNEL_SIZE, 3, 1, 15, "side of every convolution's square kernel"),
            ParamSpec.choice(ACTIVATION, "relu", List.of("relu", "tanh", "sigmoid", "elu"),
                    "activation of the convolutions and of the dense layer"),
            ParamSpec.number(DROPOUT, 0, 0, 0.9, "share of units dropped before the dense layer; 0 = none"));

    @Override
    public String id() {
        return "small-cnn";
    }

    @Override
    public String description() {
        return "Small CNN: three valid convolutions with max pooling, one dense layer, softmax";
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
                .maxPool(2)
                .conv(2 * filters, kernel, activation, Padding.VALID)
                .maxPool(2)
                .conv(2 * filters, kernel, activation, Padding.VALID)
                .dropout(params.getDouble(DROPOUT))
                .dense(params.getInt(DENSE_UNITS), activation)
                .softmaxOutput(context);
    }
}
