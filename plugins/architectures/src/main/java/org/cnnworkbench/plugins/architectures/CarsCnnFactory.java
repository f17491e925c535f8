package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
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
public class CarsCnnFactory extends KerasArchitecture {

    public CarsCnnFactory() {
        super("cars-cnn",
                "Car-brands CNN: four same 3x3 convolutions with 3x3 max pooling and dropout, softmax",
                filters(32, 1024, "the first two convolutions; the last two have twice as many"),
                poolSize(3, 16, "side (and stride) of both max pooling windows"),
                dropout(0.2, "after the third and the fourth convolution"),
                activation("relu", "the convolutions"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        int pool = params.getInt(POOL_SIZE);
        double dropout = params.getDouble(DROPOUT);
        return stack(params)
                .conv(filters, 3, Padding.SAME)
                .conv(filters, 3, Padding.SAME)
                .maxPool(pool)
                .conv(2 * filters, 3, Padding.SAME)
                .dropout(dropout)
                .conv(2 * filters, 3, Padding.SAME)
                .maxPool(pool)
                .dropout(dropout)
                .softmaxOutput(context);
    }
}
