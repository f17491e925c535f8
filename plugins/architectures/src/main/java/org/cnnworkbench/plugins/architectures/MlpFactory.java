package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The course's baseline multi-layer perceptron for photos: Flatten → Dense(1024, sigmoid) →
 * Dense(512, sigmoid) → Dense(classes, softmax). {@code units_2 = 0} leaves out the second
 * hidden layer. On 32×32×3 and 3 classes (the animals set) it has 3,673,091 parameters:
 * 3,072·1,024 + 1,024 = 3,146,752; 1,024·512 + 512 = 524,800; 512·3 + 3 = 1,539.
 */
@Extension
public class MlpFactory extends KerasArchitecture {
    static final String UNITS_1 = "units_1";
    static final String UNITS_2 = "units_2";

    public MlpFactory() {
        super("mlp",
                "Multi-layer perceptron: flatten, dense 1024 and 512 (sigmoid), softmax",
                units(UNITS_1, 1024, "the first hidden layer"),
                units(UNITS_2, 512, 0, "the second hidden layer; 0 = no second layer"),
                activation("sigmoid", "the hidden layers"),
                dropout(0, "after each hidden layer"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        double dropout = params.getDouble(DROPOUT);
        LayerStack stack = stack(params)
                .dense(params.getInt(UNITS_1))
                .dropout(dropout);
        if (params.getInt(UNITS_2) > 0) {
            stack.dense(params.getInt(UNITS_2)).dropout(dropout);
        }
        return stack.softmaxOutput(context);
    }
}
