package org.cnnworkbench.plugins.architectures;

import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.pf4j.Extension;

/**
 * The MNIST dense network of the course: Flatten → Dense(800, relu) → Dense(classes, softmax).
 * On 28×28×1 and 10 classes it has 636,010 parameters: 784·800 + 800 = 628,000 and
 * 800·10 + 10 = 8,010.
 */
@Extension
public class Mlp800Factory implements ArchitectureFactory {
    static final String UNITS = "units";
    static final String ACTIVATION = "activation";
    static final String DROPOUT = "dropout";

    private static final List<ParamSpec> PARAMETERS = WeightPenalty.parametersAfter(
            ParamSpec.integer(UNITS, 800, 1, 65536, "units of the hidden layer"),
            ParamSpec.choice(ACTIVATION, "relu", LayerStack.ACTIVATIONS, "activation of the hidden layer"),
            ParamSpec.number(DROPOUT, 0, 0, 0.9, "share of units dropped after the hidden layer; 0 = none"));

    @Override
    public String id() {
        return "mlp-800";
    }

    @Override
    public String description() {
        return "One hidden dense layer of 800 relu units, softmax";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        return new LayerStack(id())
                .penalise(WeightPenalty.of(params))
                .dense(params.getInt(UNITS), LayerStack.activation(params.getString(ACTIVATION)))
                .dropout(params.getDouble(DROPOUT))
                .softmaxOutput(context);
    }
}
