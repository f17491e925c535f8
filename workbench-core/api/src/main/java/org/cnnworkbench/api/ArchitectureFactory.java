package org.cnnworkbench.api;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

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

    /**
     * The initialised network the trial trains. By default, a new network of {@link #build} with
     * fresh weights (seeded by the trial). Override it to start from existing weights — a model
     * of an earlier run ({@link ArchitectureContext#savedModel}) or an imported one; the returned
     * network must use the context's optimizer for the layers it trains.
     */
    default MultiLayerNetwork create(Params params, ArchitectureContext context) {
        MultiLayerNetwork network = new MultiLayerNetwork(build(params, context));
        network.init();
        return network;
    }
}
