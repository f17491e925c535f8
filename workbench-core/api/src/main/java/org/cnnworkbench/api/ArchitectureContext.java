package org.cnnworkbench.api;

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
}
