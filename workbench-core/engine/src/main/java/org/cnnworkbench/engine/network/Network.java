package org.cnnworkbench.engine.network;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A network the engine trains: a layer stack or a layer graph with one input and one output.
 * Everything that handles a network goes through this type, so that stacks and graphs are
 * interchangeable; {@link #stack()} gives the stack to the few things that exist for stacks only
 * (the training loop's faster backward passes).
 */
public sealed interface Network permits Network.Stack, Network.Graph {

    /**
     * The network of {@code model}.
     *
     * @throws IllegalArgumentException when it is neither a {@link MultiLayerNetwork} nor a
     *                                  {@link ComputationGraph} with one input and one output
     */
    static Network of(Model model) {
        if (model instanceof MultiLayerNetwork stack) {
            return new Stack(stack);
        }
        if (model instanceof ComputationGraph graph) {
            ComputationGraphConfiguration conf = graph.getConfiguration();
            if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
                throw new IllegalArgumentException("a graph needs exactly one input and one output, this one has inputs "
                        + conf.getNetworkInputs() + " and outputs " + conf.getNetworkOutputs());
            }
            return new Graph(graph);
        }
        throw new IllegalArgumentException("not a MultiLayerNetwork or ComputationGraph: "
                + (model == null ? "null" : model.getClass().getName()));
    }

    /** Reads a DL4J ModelSerializer zip of either kind, with its updater (optimizer) state when {@code updater}. */
    static Network restore(Path file, boolean updater) throws IOException {
        return isGraph(file)
                ? new Graph(ModelSerializer.restoreComputationGraph(file.toFile(), updater))
                : new Stack(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), updater));
    }

    /** Whether the saved model zip {@code file} holds a graph (its configuration has vertices). */
    static boolean isGraph(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry("configuration.json");
            if (conf == null) {
                throw new IOException(file + " is not a DL4J model (no configuration.json)");
            }
            try (InputStream in = zip.getInputStream(conf)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"vertices\"");
            }
        }
    }

    /** The DL4J model. */
    default Model model() {
        return this instanceof Stack s ? s.network() : ((Graph) this).network();
    }

    /** The layer stack, or null for a graph. */
    default MultiLayerNetwork stack() {
        return this instanceof Stack s ? s.network() : null;
    }

    /** Whether this is a graph. */
    default boolean isGraph() {
        return stack() == null;
    }

    /** One training step on {@code batch}. */
    void fit(DataSet batch);

    /** The loss of the last training step. */
    default double score() {
        return model().score();
    }

    /** The output (inference mode) for {@code features}. */
    default INDArray output(INDArray features) {
        return this instanceof Stack s ? s.network().output(features, false) : ((Graph) this).network().outputSingle(false, features);
    }

    /** All parameters as one row (a view). */
    default INDArray params() {
        return model().params();
    }

    /** Replaces all parameters. */
    default void setParams(INDArray params) {
        model().setParams(params);
    }

    default long numParams() {
        return model().numParams();
    }

    default void setListeners(TrainingListener... listeners) {
        model().setListeners(listeners);
    }

    // The counters and the learning rate: the same calls on either kind, which DL4J declares on no
    // common type, so each is written once here for both.

    default void incrementEpochCount() {
        either(MultiLayerNetwork::incrementEpochCount, ComputationGraph::incrementEpochCount);
    }

    default int epochCount() {
        return this instanceof Stack s ? s.network().getEpochCount() : ((Graph) this).network().getEpochCount();
    }

    default int iterationCount() {
        return this instanceof Stack s ? s.network().getIterationCount() : ((Graph) this).network().getIterationCount();
    }

    /** Sets the learning rate of every layer. */
    default void setLearningRate(double learningRate) {
        either(stack -> stack.setLearningRate(learningRate), graph -> graph.setLearningRate(learningRate));
    }

    /** Calls {@code onStack} or {@code onGraph}, whichever this network is. */
    private void either(Consumer<MultiLayerNetwork> onStack, Consumer<ComputationGraph> onGraph) {
        if (this instanceof Stack s) {
            onStack.accept(s.network());
        } else {
            onGraph.accept(((Graph) this).network());
        }
    }

    /** The trainable layers' configurations, in order, for their optimizer's learning rate. */
    java.util.List<Layer> layerConfigurations();

    /** Whether the network ends in a single unit (binary head: labels are one 0/1 column). */
    default boolean binaryHead() {
        java.util.List<Layer> layers = layerConfigurations();
        return !layers.isEmpty() && layers.get(layers.size() - 1) instanceof FeedForwardLayer ff && ff.getNOut() == 1;
    }

    /** The learning rate the optimizer of the first trainable layer uses now, or NaN. */
    default double learningRate() {
        for (Layer layer : layerConfigurations()) {
            if (layer instanceof BaseLayer base && base.getIUpdater() != null
                    && layer.initializer().numParams(layer) > 0) {
                IUpdater updater = base.getIUpdater();
                double lr = updater.getLearningRate(iterationCount(), epochCount());
                if (!Double.isNaN(lr)) {
                    return lr;
                }
            }
        }
        return Double.NaN;
    }

    /**
     * A training listener that wants each batch's labels before the batch's forward pass: DL4J
     * hands a stack's listeners the network, whose labels they read, but a graph keeps its labels
     * to itself; {@link Graph#fit} gives them to such listeners.
     */
    interface BatchLabels {
        void labels(INDArray labels);
    }

    /** Writes a ModelSerializer zip with the updater state. */
    default void save(File file) throws IOException {
        ModelSerializer.writeModel(model(), file, true);
    }

    /** A layer stack. */
    record Stack(MultiLayerNetwork network) implements Network {
        @Override
        public void fit(DataSet batch) {
            network.fit(batch);
        }

        @Override
        public java.util.List<Layer> layerConfigurations() {
            MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
            return conf.getConfs().stream().map(c -> c.getLayer()).toList();
        }
    }

    /** A layer graph with one input and one output. */
    record Graph(ComputationGraph network) implements Network {
        @Override
        public void fit(DataSet batch) {
            for (TrainingListener listener : network.getListeners()) {
                if (listener instanceof BatchLabels wants) {
                    wants.labels(batch.getLabels());
                }
            }
            network.fit(batch);
        }

        /** The layers in topological order, the output layer last. */
        @Override
        public java.util.List<Layer> layerConfigurations() {
            ComputationGraphConfiguration conf = network.getConfiguration();
            java.util.List<Layer> layers = new java.util.ArrayList<>();
            String output = conf.getNetworkOutputs().get(0);
            for (String name : conf.getTopologicalOrderStr()) {
                if (!name.equals(output) && conf.getVertices().get(name) instanceof LayerVertex v) {
                    layers.add(v.getLayerConf().getLayer());
                }
            }
            if (conf.getVertices().get(output) instanceof LayerVertex v) {
                layers.add(v.getLayerConf().getLayer());
            }
            return layers;
        }
    }
}
