package org.cnnworkbench.plugins.architectures;

import java.util.List;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.deeplearning4j.nn.conf.layers.BaseLayer;

/**
 * Keras' {@code kernel_regularizer=l1_l2(l1, l2)} on a layer: penalties on the kernel weights,
 * not on biases. Both factors are Keras' (the loss grows by {@code l1·Σ|w| + l2·Σw²}); DL4J's L2
 * coefficient is defined on {@code ½·Σw²}, so it gets twice the Keras factor.
 *
 * @param l1 Keras' L1 factor, 0 = none
 * @param l2 Keras' L2 factor, 0 = none
 */
record WeightPenalty(double l1, double l2) {
    static final String L1 = "l1";
    static final String L2 = "l2";

    /** No penalty: the layers keep the trial's global settings. */
    static final WeightPenalty NONE = new WeightPenalty(0, 0);

    WeightPenalty {
        if (l1 < 0 || l2 < 0) {
            throw new IllegalArgumentException("penalties must not be negative, found l1=" + l1 + ", l2=" + l2);
        }
    }

    /** The {@code l1} and {@code l2} parameters every architecture with weights declares. */
    static List<ParamSpec> parameters() {
        return List.of(
                ParamSpec.number(L1, 0, 0, 1, "Keras' L1 factor on the kernels of the convolution and dense layers; 0 = none"),
                ParamSpec.number(L2, 0, 0, 1, "Keras' L2 factor on the kernels of the convolution and dense layers; 0 = none"));
    }

    /** The penalty the validated {@code params} ask for. */
    static WeightPenalty of(Params params) {
        return new WeightPenalty(params.getDouble(L1), params.getDouble(L2));
    }

    /** Sets the penalties on a layer's builder; a factor of 0 leaves the trial's global setting. */
    <B extends BaseLayer.Builder<B>> B applyTo(B builder) {
        if (l1 > 0) {
            builder.l1(l1);
        }
        if (l2 > 0) {
            builder.l2(2 * l2);
        }
        return builder;
    }
}
