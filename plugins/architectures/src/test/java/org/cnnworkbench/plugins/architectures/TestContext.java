package org.cnnworkbench.plugins.architectures;

import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/** The engine's side of a build, as far as architectures see it: shape, classes, global settings. */
record TestContext(InputShape inputShape, int classCount) implements ArchitectureContext {

    static TestContext mnist() {
        return new TestContext(InputShape.image(1, 28, 28), 10);
    }

    @Override
    public NeuralNetConfiguration.Builder configure() {
        return new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER);
    }
}
