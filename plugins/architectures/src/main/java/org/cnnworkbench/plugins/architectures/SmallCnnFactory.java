package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The Keras tutorial's small CNN: Conv(32, 3) → MaxPool(2) → Conv(64, 3) → MaxPool(2) →
 * Conv(64, 3) → Flatten → Dense(64) → Dense(classes, softmax), all convolutions valid and relu by
 * default. {@code filters} sets the first convolution, the later two have twice as many. On
 * 28×28×1 and 10 classes the defaults give 93,322 parameters.
 */
@Extension
public class SmallCnnFactory extends KerasArchitecture {

    public SmallCnnFactory() {
        super("small-cnn",
                "Small CNN: three valid convolutions with max pooling, one dense layer, softmax",
                filters(32, 1024, "the first convolution; the other two have twice as many"),
                denseUnits(64),
                squareKernel(3, "every convolution's square kernel"),
                activation("relu", "the convolutions and of the dense layer"),
                dropout(0, "before the dense layer"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        int kernel = params.getInt(KERNEL_SIZE);
        return stack(params)
                .conv(filters, kernel, Padding.VALID)
                .maxPool(2)
                .conv(2 * filters, kernel, Padding.VALID)
                .maxPool(2)
                .conv(2 * filters, kernel, Padding.VALID)
                .dropout(params.getDouble(DROPOUT))
                .dense(params.getInt(DENSE_UNITS))
                .softmaxOutput(context);
    }
}
