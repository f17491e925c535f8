package org.cnnworkbench.api;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * Builds a network configuration for a trial. The engine calls {@link #build} once per trial on
 * the trial's thread (and once for {@code workbench check}), after validating the parameters; the
 * engine initialises the network, so a factory does no training and keeps no state.
 *
 * <p>Contract: start from {@link ArchitectureContext#configure()} (it carries the optimizer,
 * learning rate and seed from the file), take the input shape and class count from the context,
 * end with an output layer of {@code classCount()} softmax units (or one sigmoid unit with binary
 * cross-entropy for two classes), and call {@code setInputType(context.inputShape().toInputType())}.
 * A shape the architecture cannot take (e.g. an image too small for its pooling) is reported with
 * {@link PluginInputException}. Example:
 * <pre>{@code
 * public MultiLayerConfiguration build(Params p, ArchitectureContext ctx) {
 *     return ctx.configure().list()
 *         .layer(new DenseLayer.Builder().nOut(p.getInt("units")).activation(Activation.RELU).build())
 *         .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(ctx.classCount())
 *                 .activation(Activation.SOFTMAX).build())
 *         .setInputType(ctx.inputShape().toInputType())
 *         .build();
 * }
 * }</pre>
 */
public interface ArchitectureFactory extends org.pf4j.ExtensionPoint, Configurable {

    /** Builds the configuration for the given validated parameters and context. */
    MultiLayerConfiguration build(Params params, ArchitectureContext context);
}
