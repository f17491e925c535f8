package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.plugins.architectures.LayerStack.Padding;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The lab's LeNet variant for notMNIST letters: Conv(32, 6, relu) → AvgPool(2) → Conv(32, 6, relu)
 * → AvgPool(2) → Flatten → Dense(120, relu) → Dense(84, relu) → Dense(classes, softmax), valid
 * convolutions. On 28×28×1 and 10 classes it has 83,774 parameters: 1,184 + 36,896 (the image goes
 * 28 → 23 → 11 → 6 → 3) + 3·3·32·120 + 120 = 34,680 + 10,164 + 850. It takes images of at least
 * 19×19.
 */
@Extension
public class Lenet5ReluFactory extends KerasArchitecture {
    static final String DENSE_UNITS_2 = "dense_units_2";

    public Lenet5ReluFactory() {
        super("lenet5-relu",
                "LeNet variant: two 6x6 relu convolutions with average pooling, dense 120 and 84, softmax",
                filters(32, 1024, "both convolutions"),
                squareKernel(6, "both convolutions' square kernels"),
                units(DENSE_UNITS, 120, "the first dense layer"),
                units(DENSE_UNITS_2, 84, "the second dense layer"),
                activation("relu", "the convolutions and dense layers"),
                dropout(0, "before each dense layer"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        int filters = params.getInt(FILTERS);
        int kernel = params.getInt(KERNEL_SIZE);
        double dropout = params.getDouble(DROPOUT);
        return stack(params)
                .conv(filters, kernel, Padding.VALID)
                .avgPool(2, 2)
                .conv(filters, kernel, Padding.VALID)
                .avgPool(2, 2)
                .dropout(dropout)
                .dense(params.getInt(DENSE_UNITS))
                .dropout(dropout)
                .dense(params.getInt(DENSE_UNITS_2))
                .softmaxOutput(context);
    }
}
