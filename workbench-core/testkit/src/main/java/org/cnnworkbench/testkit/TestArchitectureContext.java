package org.cnnworkbench.testkit;

import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The engine's side of an architecture build, for tests: the dataset's shape and class count, a
 * builder with settings like a trial's (seed 1, FLOAT, Adam, Xavier), and saved models of
 * "earlier runs" given as a map from run id to model file.
 */
public record TestArchitectureContext(InputShape inputShape, int classCount, double learningRate,
                                      Map<String, Path> savedModels) implements ArchitectureContext {

    public TestArchitectureContext {
        savedModels = Map.copyOf(savedModels);
    }

    /** A context for {@code shape} and {@code classes}, learning rate 0.001, no earlier runs. */
    public static TestArchitectureContext of(InputShape shape, int classes) {
        return new TestArchitectureContext(shape, classes, 1e-3, Map.of());
    }

    /** MNIST's shape: 28×28 grayscale, 10 classes. */
    public static TestArchitectureContext mnist() {
        return of(InputShape.image(1, 28, 28), 10);
    }

    /** The same context with {@code runId}'s saved model at {@code model}. */
    public TestArchitectureContext withSavedModel(String runId, Path model) {
        Map<String, Path> models = new java.util.HashMap<>(savedModels);
        models.put(runId, model);
        return new TestArchitectureContext(inputShape, classCount, learningRate, models);
    }

    @Override
    public NeuralNetConfiguration.Builder configure() {
        return new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER);
    }

    @Override
    public Path savedModel(String runId) {
        Path model = savedModels.get(runId);
        if (model == null) {
            throw new PluginInputException("run " + runId + " has no saved model (test context knows " + savedModels.keySet() + ")");
        }
        return model;
    }
}
