package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
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
public class KerasCifar10Factory extends KerasArchitecture {

    public KerasCifar10Factory() {
        super("keras-cifar10",
                "Keras' CIFAR-10 example: two pairs of 3x3 convolutions with max pooling and dropout, dense 512, softmax",
                blocksUnderDenseHead("after each pooling", 0.5,
                        filters(32, 1024, "the first two convolutions; the last two have twice as many")));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        double dropout = params.getDouble(DROPOUT);
        return stack(params)
                .conv(filters, 3, Padding.SAME)
                .conv(filters, 3, Padding.VALID)
                .maxPool(2)
                .dropout(dropout)
                .conv(2 * filters, 3, Padding.SAME)
                .conv(2 * filters, 3, Padding.VALID)
                .maxPool(2)
                .dropout(dropout)
                .dense(params.getInt(DENSE_UNITS))
                .dropout(params.getDouble(DENSE_DROPOUT))
                .softmaxOutput(context);
    }
}
