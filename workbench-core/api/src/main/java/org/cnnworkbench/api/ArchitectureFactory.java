package org.cnnworkbench.api;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
 *
 * <p>A graph architecture (skip connections, merges: ResNet, MobileNet) overrides
 * {@link #configuration} instead and returns a {@link ModelConfiguration#graph} of a
 * {@code ctx.configure().graphBuilder()} with one input and one output (plugin API 0.2.0). The
 * engine calls {@link #createNetwork}; plugins built against API 0.1.0, which implement only
 * {@link #build} (and perhaps {@link #create}), keep working unchanged.
 */
public interface ArchitectureFactory extends org.pf4j.ExtensionPoint, Configurable {

    /**
     * Builds the layer stack for the given validated parameters and context. A graph architecture
     * does not implement it (it overrides {@link #configuration}); this default says so.
     */
    default MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        throw new UnsupportedOperationException("architecture '" + id() + "' implements neither build (a layer stack)"
                + " nor configuration (a stack or a graph)");
    }

    /**
     * The network configuration for the given validated parameters and context: by default the
     * stack of {@link #build}. Override it to build a graph. Since plugin API 0.2.0.
     */
    default ModelConfiguration configuration(Params params, ArchitectureContext context) {
        return ModelConfiguration.stack(build(params, context));
    }

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

    /**
     * The initialised network the trial trains, a {@link MultiLayerNetwork} or a
     * {@link ComputationGraph}: what the engine calls. By default, for a stack, {@link #create}
     * (so an override of it keeps working), for a graph a new one with fresh weights. A graph
     * architecture that starts from existing weights overrides this. Since plugin API 0.2.0.
     */
    default Model createNetwork(Params params, ArchitectureContext context) {
        ModelConfiguration configuration = configuration(params, context);
        return configuration instanceof ModelConfiguration.Stack ? create(params, context) : configuration.newNetwork();
    }
}
