package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * LeNet-5 as the course builds it in Keras: Conv(6, 5, same) → AvgPool(2, stride 1) →
 * Conv(16, 5, valid) → AvgPool(2, stride 2) → Conv(120, 5, valid) → Flatten → Dense(84) →
 * Dense(classes, softmax), tanh by default. On 28×28×1 and 10 classes it has 545,546 parameters;
 * it takes images of at least 15×15.
 */
@Extension
public class Lenet5Factory extends KerasArchitecture {

    public Lenet5Factory() {
        super("lenet5",
                "LeNet-5: three 5x5 convolutions with average pooling, dense 84, softmax",
                activation("tanh", List.of("tanh", "relu", "sigmoid"), "the convolutions and of the 84-unit dense layer"),
                dropout(0, "before the 84-unit dense layer"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        return stack(params)
                .conv(6, 5, Padding.SAME)
                .avgPool(2, 1)
                .conv(16, 5, Padding.VALID)
                .avgPool(2, 2)
                .conv(120, 5, Padding.VALID)
                .dropout(params.getDouble(DROPOUT))
                .dense(84)
                .softmaxOutput(context);
    }
}
