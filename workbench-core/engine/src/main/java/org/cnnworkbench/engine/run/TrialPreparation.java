package org.cnnworkbench.engine.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.network.Network;
import org.cnnworkbench.engine.spec.Configured;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.deeplearning4j.exception.DL4JException;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything a trial needs before its first batch, made from the plugins its file names: the data,
 * the augmentation transforms, the callbacks' listeners and the seeded network with its summary.
 * A plugin refusing its parameters, data that cannot be read or a shape the architecture cannot
 * take is the user's mistake: a {@link WorkbenchException} naming the file and the extension.
 */
public final class TrialPreparation {
    private TrialPreparation() {
    }

    /** Loads the data and creates the network (seeded by the trial); {@code home} is where earlier runs' models are found. */
    static TrialRunner.Prepared prepare(ExperimentSpec spec, Path home) {
        Backend.load();
        List<ImageTransform> transforms = createTransforms(spec);
        List<EpochListener> listeners = createListeners(spec);
        DatasetSplits data = loadData(spec);
        if (data.shape().kind() != InputShape.Kind.IMAGE && !transforms.isEmpty()) {
            throw new WorkbenchException(ErrorCode.INVALID_PARAMETER, where(spec) + ": dataset '" + spec.dataset().id()
                    + "' gives sequences (" + data.shape() + "), but augmentations transform images; remove the augmentations.");
        }
        Nd4j.getRandom().setSeed(spec.training().seed());
        Network net = createNetwork(spec, data.shape(), data.classCount(), home);
        ModelSummary summary;
        try {
            summary = ModelSummary.of(net, data.shape().toInputType());
        } catch (DL4JException | IllegalStateException | IllegalArgumentException e) {
            throw shapeProblem(spec, data.shape(), e);
        }
        return new TrialRunner.Prepared(spec, data, net, summary, transforms, listeners);
    }

    /**
     * The trial's augmentation transforms, in file order.
     *
     * @throws WorkbenchException when an augmentation refuses its parameters (a combination the
     *                            declarations cannot express, e.g. min above max)
     */
    public static List<ImageTransform> createTransforms(ExperimentSpec spec) {
        return createAll(spec, "augmentations", spec.augmentations(), a -> a.extension().create(a.params()));
    }

    private static List<EpochListener> createListeners(ExperimentSpec spec) {
        return createAll(spec, "callbacks", spec.callbacks(), c -> c.extension().create(c.params()));
    }

    /** What each extension of a list section creates from its parameters, in file order. */
    private static <E extends Configurable, T> List<T> createAll(ExperimentSpec spec, String section, List<Configured<E>> extensions,
                                                                 Function<Configured<E>, T> create) {
        List<T> created = new ArrayList<>();
        for (int i = 0; i < extensions.size(); i++) {
            try {
                created.add(create.apply(extensions.get(i)));
            } catch (PluginInputException e) {
                throw new WorkbenchException(ErrorCode.INVALID_PARAMETER, where(spec) + ": " + section + "[" + i + "] ('"
                        + extensions.get(i).id() + "'): " + e.getMessage(), e);
            }
        }
        return created;
    }

    /** Loads the trial's data; a user's mistake in it is a {@link WorkbenchException}. */
    public static DatasetSplits loadData(ExperimentSpec spec) {
        Configured<DatasetProvider> dataset = spec.dataset();
        try {
            return dataset.extension().load(dataset.params(), spec.training().seed());
        } catch (PluginInputException e) {
            throw new WorkbenchException(ErrorCode.INVALID_DATA, "dataset '" + dataset.id() + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.INVALID_DATA, "dataset '" + dataset.id() + "' could not read its data: "
                    + e.getMessage(), e);
        }
    }

    private static Network createNetwork(ExperimentSpec spec, InputShape shape, int classes, Path home) {
        var architecture = spec.architecture();
        try {
            var network = architecture.extension().createNetwork(architecture.params(),
                    new NetworkFactory(shape, classes, spec.training(), home));
            try {
                return Network.of(network);
            } catch (IllegalArgumentException e) {
                throw new WorkbenchException(ErrorCode.INVALID_PARAMETER, "architecture '" + architecture.id() + "' builds "
                        + e.getMessage() + "; an architecture builds a layer stack or a graph with one input and one output.", e);
            }
        } catch (PluginInputException e) {
            throw new WorkbenchException(ErrorCode.INVALID_PARAMETER, "architecture '" + architecture.id() + "': " + e.getMessage(), e);
        } catch (DL4JException | IllegalStateException | IllegalArgumentException e) {
            throw shapeProblem(spec, shape, e);
        }
    }

    private static WorkbenchException shapeProblem(ExperimentSpec spec, InputShape shape, Exception e) {
        return new WorkbenchException(ErrorCode.INVALID_DATA, "architecture '" + spec.architecture().id()
                + "' cannot take the dataset's input of shape " + shape + " (height x width x channels): " + e.getMessage()
                + ". Use a dataset with larger images (e.g. the image-folder dataset's width/height) or a smaller architecture.", e);
    }

    private static String where(ExperimentSpec spec) {
        return spec.file() == null ? "the experiment" : spec.file().toString();
    }
}
