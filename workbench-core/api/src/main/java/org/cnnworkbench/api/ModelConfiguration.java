package org.cnnworkbench.api;

import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What an {@link ArchitectureFactory} builds: a stack of layers (DL4J
 * {@link MultiLayerConfiguration}) or a graph of layers with merges and skips (DL4J
 * {@link ComputationGraphConfiguration}, with exactly one image or sequence input and one output).
 * Since plugin API 0.2.0.
 */
public sealed interface ModelConfiguration permits ModelConfiguration.Stack, ModelConfiguration.Graph {

    /** A stack of layers, each feeding the next. */
    static ModelConfiguration stack(MultiLayerConfiguration configuration) {
        return new Stack(configuration);
    }

    /** A graph of layers with one input and one output. */
    static ModelConfiguration graph(ComputationGraphConfiguration configuration) {
        return new Graph(configuration);
    }

    /** A new network of this configuration with fresh weights (initialised: seeded by the configuration's seed). */
    Model newNetwork();

    /** A layer stack. */
    record Stack(MultiLayerConfiguration configuration) implements ModelConfiguration {
        public Stack {
            Objects.requireNonNull(configuration, "configuration");
        }

        @Override
        public MultiLayerNetwork newNetwork() {
            MultiLayerNetwork network = new MultiLayerNetwork(configuration);
            network.init();
            return network;
        }
    }

    /** A layer graph with one input and one output. */
    record Graph(ComputationGraphConfiguration configuration) implements ModelConfiguration {
        public Graph {
            Objects.requireNonNull(configuration, "configuration");
            if (configuration.getNetworkInputs().size() != 1 || configuration.getNetworkOutputs().size() != 1) {
                throw new PluginInputException("a graph architecture needs exactly one input and one output, this one has inputs "
                        + configuration.getNetworkInputs() + " and outputs " + configuration.getNetworkOutputs());
            }
        }

        @Override
        public ComputationGraph newNetwork() {
            ComputationGraph network = new ComputationGraph(configuration);
            network.init();
            return network;
        }
    }
}
