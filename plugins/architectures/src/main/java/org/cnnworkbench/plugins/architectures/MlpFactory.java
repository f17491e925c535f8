package org.cnnworkbench.plugins.architectures;

import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.pf4j.Extension;

/**
 * The course's baseline multi-layer perceptron for photos: Flatten → Dense(1024, sigmoid) →
 * Dense(512, sigmoid) → Dense(classes, softmax). {@code units_2 = 0} leaves out the second
 * hidden layer. On 32×32×3 and 3 classes (the animals set) it has 3,673,091 parameters:
 * 3,072·1,024 + 1,024 = 3,146,752; 1,024·512 + 512 = 524,800; 512·3 + 3 = 1,539.
 */
@Extension
public class MlpFactory implements ArchitectureFactory {
    static final String UNITS_1 = "units_1";
    static final String UNITS_2 = "units_2";
    static final String ACTIVATION = "activation";
    static final String DROPOUT = "dropout";

    private static final List<ParamSpec> PARAMETERS = WeightPenalty.parametersAfter(
            ParamSpec.integer(UNITS_1, 1024, 1, 65536, "units of the first hidden layer"),
            ParamSpec.integer(UNITS_2, 512, 0, 65536, "units of the second hidden layer; 0 = no second layer"),
            ParamSpec.choice(ACTIVATION, "sigmoid", LayerStack.ACTIVATIONS, "activation of the hidden layers"),
            ParamSpec.number(DROPOUT, 0, 0, 0.9, "share of units dropped after each hidden layer; 0 = none"));

    @Override
    public String id() {
        return "mlp";
    }

    @Override
    public String description() {
        return "Multi-layer perceptron: flatten, dense 1024 and 512 (sigmoid), softmax";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        Activation activation = LayerStack.activation(params.getString(ACTIVATION));
        double dropout = params.getDouble(DROPOUT);
        LayerStack stack = new LayerStack(id())
                .penalise(WeightPenalty.of(params))
                .dense(params.getInt(UNITS_1), activation)
                .dropout(dropout);
        if (params.getInt(UNITS_2) > 0) {
            stack.dense(params.getInt(UNITS_2), activation).dropout(dropout);
        }
        return stack.softmaxOutput(context);
    }
}
