package org.cnnworkbench.plugins.architectures;

import static org.cnnworkbench.plugins.architectures.Knobs.*;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The MNIST dense network of the course: Flatten → Dense(800, relu) → Dense(classes, softmax).
 * On 28×28×1 and 10 classes it has 636,010 parameters: 784·800 + 800 = 628,000 and
 * 800·10 + 10 = 8,010.
 */
@Extension
public class Mlp800Factory extends KerasArchitecture {
    static final String UNITS = "units";

    public Mlp800Factory() {
        super("mlp-800",
                "One hidden dense layer of 800 relu units, softmax",
                units(UNITS, 800, "the hidden layer"),
                activation("relu", "the hidden layer"),
                dropout(0, "after the hidden layer"));
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        return stack(params)
                .dense(params.getInt(UNITS))
                .dropout(params.getDouble(DROPOUT))
                .softmaxOutput(context);
    }
}
