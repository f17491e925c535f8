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
 * The car-brands network: Conv(32, 3, same) ×2 → MaxPool(3) → Conv(64, 3, same) → Drop(0.2) →
 * Conv(64, 3, same) → MaxPool(3) → Drop(0.2) → Flatten → Dense(classes, softmax), relu
 * convolutions; {@code filters} sets the first two convolutions, the last two have twice as many.
 *
 * <p>The course's Keras {@code input_shape=(96, 54, 3)} is height 96, width 54 (Keras puts rows
 * first); the image-folder dataset's {@code height: 96, width: 54} gives the same. On that input
 * and 3 classes it has 77,091 parameters: 896 + 9,248 + 18,496 + 36,928 (96×54 → 32×18 → 10×6) +
 * 10·6·64·3 + 3 = 11,523. It takes images of at least 9×9.
 */
@Extension
public class CarsCnnFactory implements ArchitectureFactory {
    static final String FILTERS = "filters";
    static final String POOL_SIZE = "pool_size";
    static final String DROPOUT = "dropout";
    static final String ACTIVATION = "activation";

    private static final List<ParamSpec> PARAMETERS = WeightPenalty.parametersAfter(
            ParamSpec.integer(FILTERS, 32, 1, 1024, "filters of the first two convolutions; the last two have twice as many"),
            ParamSpec.integer(POOL_SIZE, 3, 1, 16, "side (and stride) of both max pooling windows"),
            ParamSpec.number(DROPOUT, 0.2, 0, 0.9, "share of units dropped after the third and the fourth convolution; 0 = none"),
            ParamSpec.choice(ACTIVATION, "relu", LayerStack.ACTIVATIONS, "activation of the convolutions"));

    @Override
    public String id() {
        return "cars-cnn";
    }

    @Override
    public String description() {
        return "Car-brands CNN: four same 3x3 convolutions with 3x3 max pooling and dropout, softmax";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        int pool = params.getInt(POOL_SIZE);
        Activation activation = LayerStack.activation(params.getString(ACTIVATION));
        double dropout = params.getDouble(DROPOUT);
        return new LayerStack(id())
                .penalise(WeightPenalty.of(params))
                .conv(filters, 3, activation, Padding.SAME)
                .conv(filters, 3, activation, Padding.SAME)
                .maxPool(pool)
                .conv(2 * filters, 3, activation, Padding.SAME)
                .dropout(dropout)
                .conv(2 * filters, 3, activation, Padding.SAME)
                .maxPool(pool)
                .dropout(dropout)
                .softmaxOutput(context);
    }
}
