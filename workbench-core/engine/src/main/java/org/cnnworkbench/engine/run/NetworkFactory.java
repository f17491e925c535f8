package org.cnnworkbench.engine.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.engine.spec.TrainingSettings;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The global network settings of a trial, from its {@code training:} section: FLOAT, workspaces
 * enabled, activations cached on the host (so DL4J does not recompute the convolution forward
 * pass inside backpropagation), the seed, weight initialisation, L2, and the optimizer with
 * Keras' defaults for its other settings.
 */
final class NetworkFactory implements ArchitectureContext {
    private final InputShape shape;
    private final int classes;
    private final TrainingSettings training;
    private final Path home;

    /** @param home the workbench home, where earlier runs' models are found */
    NetworkFactory(InputShape shape, int classes, TrainingSettings training, Path home) {
        this.shape = shape;
        this.classes = classes;
        this.training = training;
        this.home = home;
    }

    @Override
    public Path savedModel(String runId) {
        if (runId == null || !runId.matches("r?[0-9]+")) {
            throw new PluginInputException("'" + runId + "' is not a run id; run ids look like r12 (see ./workbench runs)");
        }
        String id = runId.startsWith("r") ? runId : "r" + runId;
        Path model = home.resolve("runs").resolve(id).resolve("model.zip");
        if (!Files.isRegularFile(model)) {
            throw new PluginInputException("run " + id + " has no saved model in " + home
                    + " (it does not exist, or it failed before saving); see ./workbench runs");
        }
        return model;
    }

    /** {@code HOME/models}, where pretrained weights are kept once fetched. */
    @Override
    public Path modelsDirectory() {
        return home.resolve("models");
    }

    @Override
    public InputShape inputShape() {
        return shape;
    }

    @Override
    public int classCount() {
        return classes;
    }

    @Override
    public NeuralNetConfiguration.Builder configure() {
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(training.seed())
                .dataType(DataType.FLOAT)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.HOST)
                .weightInit(weightInit(training.weightInit()))
                .updater(updater(training));
        if (training.l2() > 0) {
            // Keras adds l2·Σw² to the loss; DL4J adds l2/2·Σw². Twice the factor gives Keras' penalty.
            builder.l2(2 * training.l2());
        }
        return builder;
    }

    static IUpdater updater(TrainingSettings t) {
        double lr = t.learningRate();
        ISchedule schedule = t.decay() > 0 ? new InverseSchedule(ScheduleType.ITERATION, lr, t.decay(), 1.0) : null;
        return switch (t.optimizer()) {
            case "sgd" -> schedule == null ? new Sgd(lr) : new Sgd(schedule);
            case "adam" -> schedule == null ? new Adam(lr, 0.9, 0.999, 1e-7) : new Adam(schedule);
            case "rmsprop" -> schedule == null ? new RmsProp(lr, 0.9, 1e-7) : new RmsProp(schedule);
            case "nesterovs" -> schedule == null ? new Nesterovs(lr, t.momentum()) : new Nesterovs(schedule, t.momentum());
            case "adagrad" -> schedule == null ? new AdaGrad(lr, 1e-7) : new AdaGrad(schedule, 1e-7);
            case "adadelta" -> new AdaDelta();
            case "adamax" -> schedule == null ? new AdaMax(lr) : new AdaMax(schedule);
            case "nadam" -> schedule == null ? new Nadam(lr) : new Nadam(schedule);
            default -> throw new IllegalArgumentException("unknown optimizer " + t.optimizer());
        };
    }

    static WeightInit weightInit(String name) {
        return switch (name) {
            case "xavier_uniform" -> WeightInit.XAVIER_UNIFORM;
            case "xavier" -> WeightInit.XAVIER;
            case "he_uniform" -> WeightInit.RELU_UNIFORM;
            case "he" -> WeightInit.RELU;
            case "lecun_uniform" -> WeightInit.LECUN_UNIFORM;
            case "lecun_normal" -> WeightInit.LECUN_NORMAL;
            default -> throw new IllegalArgumentException("unknown weight_init " + name);
        };
    }
}
