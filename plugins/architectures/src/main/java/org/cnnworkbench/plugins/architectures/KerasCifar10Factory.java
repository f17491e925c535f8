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
 * Keras' {@code cifar10_cnn} example: Conv(32, 3, same) → Conv(32, 3) → MaxPool(2) → Drop(0.25) →
 * Conv(64, 3, same) → Conv(64, 3) → MaxPool(2) → Drop(0.25) → Flatten → Dense(512, relu) →
 * Drop(0.5) → Dense(classes, softmax), relu convolutions. {@code filters} sets the first two
 * convolutions, the last two have twice as many. On 32×32×3 and 10 classes it has 1,250,858
 * parameters, as Keras reports: 896 + 9,248 + 18,496 + 36,928 + 6·6·64·512 + 512 = 1,180,160 +
 * 5,130. It takes images of at least 10×10.
 */
@Extension
public class KerasCifar10Factory implements ArchitectureFactory {
    static final String FILTERS = "filters";
    static final String DENSE_UNITS = "dense_units";
    static final String DROPOUT = "dropout";
    static final String DENSE_DROPOUT = "dense_dropout";
    static final String ACTIVATION = "activation";

    private static final List<ParamSpec> PARAMETERS = WeightPenalty.parametersAfter(
            ParamSpec.integer(FILTERS, 32, 1, 1024, "filters of the first two convolutions; the last two have twice as many"),
            ParamSpec.integer(DENSE_UNITS, 512, 1, 65536, "units of the dense layer before the output"),
            ParamSpec.number(DROPOUT, 0.25, 0, 0.9, "share of units dropped after each pooling; 0 = none"),
            ParamSpec.number(DENSE_DROPOUT, 0.5, 0, 0.9, "share of units dropped after the dense layer; 0 = none"),
            ParamSpec.choice(ACTIVATION, "relu", LayerStack.ACTIVATIONS, "activation of the convolutions and the dense layer"));

    @Override
    public String id() {
        return "keras-cifar10";
    }

    @Override
    public String description() {
        return "Keras' CIFAR-10 example: two pairs of 3x3 convolutions with max pooling and dropout, dense 512, softmax";
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
        return new LayerStack(id())
                .penalise(WeightPenalty.of(params))
                .conv(filters, 3, activation, Padding.SAME)
                .conv(filters, 3, activation, Padding.VALID)
                .maxPool(2)
                .dropout(dropout)
                .conv(2 * filters, 3, activation, Padding.SAME)
                .conv(2 * filters, 3, activation, Padding.VALID)
                .maxPool(2)
                .dropout(dropout)
                .dense(params.getInt(DENSE_UNITS), activation)
                .dropout(params.getDouble(DENSE_DROPOUT))
                .softmaxOutput(context);
    }
}
