package org.cnnworkbench.api;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * What the engine tells an {@link ArchitectureFactory} about the trial: the sample shape and class
 * count from the dataset, and a configuration builder already set up from the experiment's
 * {@code training:} section (seed, optimizer and learning rate, data type, workspaces, weight
 * initialisation). Architectures start from {@link #configure()} so that these stay the user's.
 */
public interface ArchitectureContext {

    /** Shape of one input sample. */
    InputShape inputShape();

    /** Number of classes; a binary head (one sigmoid unit) is the architecture's choice when 2. */
    int classCount();

    /** A fresh builder with the trial's global settings applied; each call returns a new one. */
    NeuralNetConfiguration.Builder configure();

    /**
     * The saved model (DL4J ModelSerializer zip) of an earlier run of this workbench, for
     * transfer learning.
     *
     * @throws PluginInputException naming the run when it does not exist or saved no model
     */
    Path savedModel(String runId);

    /**
     * The workbench's folder for downloaded model files ({@code HOME/models}), where an architecture
     * keeps pretrained weights it fetches once (e.g. {@code weights: imagenet}). Since plugin API 0.2.0.
     *
     * @throws PluginInputException when the engine gives no such folder (this default)
     */
    default Path modelsDirectory() {
        throw new PluginInputException("this engine gives architectures no models folder for pretrained weights;"
                + " give the weights file's path instead");
    }
}
