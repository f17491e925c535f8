package org.cnnworkbench.plugins.architectures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * A Keras functional model as a layer graph the trial trains: DL4J's import of the model JSON (in
 * Keras' channels-last layout), rebuilt vertex by vertex on the trial's configuration builder in the
 * engine's NCHW layout. Layers are set up as {@link KerasJsonFactory#forTrial} does for a stack;
 * {@code Add} and {@code Multiply} stay element-wise vertices, {@code Concatenate} becomes a merge
 * along the channels; Keras' {@code Flatten} is left to DL4J's own flattening before the next dense
 * layer (channel-height-width order, which {@link KerasWeights} accounts for); the model's output, a
 * {@code Dense} (perhaps followed by {@code Activation('softmax')}), becomes the output layer as in
 * a stack.
 */
final class KerasGraph {

    private KerasGraph() {
    }

    /** The graph of the vetted functional model {@code file} for the trial. */
    static ComputationGraphConfiguration configuration(KerasModelFile file, ArchitectureContext context) {
        Path path = file.path();
        ComputationGraphConfiguration imported = imported(path);
        String input = imported.getNetworkInputs().get(0);
        String output = imported.getNetworkOutputs().get(0);
        Head head = head(path, imported, output);

        ComputationGraphConfiguration.GraphBuilder graph = context.configure().graphBuilder()
                .addInputs(input)
                .setInputTypes(context.inputShape().toInputType());
        Map<String, String> replaced = new HashMap<>();
        for (Map.Entry<String, GraphVertex> entry : imported.getVertices().entrySet()) {
            String name = entry.getKey();
            GraphVertex vertex = entry.getValue();
            List<String> inputs = new ArrayList<>();
            for (String from : imported.getVertexInputs().get(name)) {
                inputs.add(replaced.getOrDefault(from, from));
            }
            String[] from = inputs.toArray(String[]::new);
            if (name.equals(head.dense().getLayerName())) {
                graph.addLayer(name, KerasJsonFactory.head(path, head.dense(), head.activation(), context.classCount()), from);
            } else if (name.equals(head.skipped())) {
                continue;
            } else if (vertex instanceof PreprocessorVertex preprocessor
                    && preprocessor.getPreProcessor() instanceof CnnToFeedForwardPreProcessor) {
                // Keras' Flatten: DL4J flattens before the next dense layer by itself, in the engine's layout.
                replaced.put(name, from[0]);
            } else if (vertex instanceof LayerVertex layer) {
                graph.addLayer(name, KerasJsonFactory.forTrial(layer.getLayerConf().getLayer(), file), from);
            } else if (vertex instanceof ElementWiseVertex elementWise) {
                graph.addVertex(name, elementWise.clone(), from);
            } else if (vertex instanceof MergeVertex) {
                // Keras concatenates along its last axis, the channels: DL4J's default axis in NCHW.
                graph.addVertex(name, new MergeVertex(), from);
            } else {
                throw new PluginInputException("keras-json: " + path + ": layer '" + name + "' (class " + file.classOf(name)
                        + ") imports as a DL4J " + vertex.getClass().getSimpleName() + ", which keras-json cannot train;"
                        + " rebuild the model without it");
            }
        }
        graph.setOutputs(head.dense().getLayerName());
        try {
            return graph.build();
        } catch (IllegalStateException | IllegalArgumentException | DL4JException e) {
            throw new PluginInputException("keras-json: " + path + " does not build as a graph for the dataset's "
                    + context.inputShape() + " images: " + e.getMessage(), e);
        }
    }

    static ComputationGraphConfiguration imported(Path path) {
        try {
            return KerasModelImport.importKerasModelConfiguration(path.toString());
        } catch (IOException | InvalidKerasConfigurationException | UnsupportedKerasConfigurationException
                 | RuntimeException e) {
            throw new PluginInputException("keras-json: DL4J cannot import " + path + ": " + e.getMessage(), e);
        }
    }

    /** The model's output dense layer, its activation, and the Activation vertex after it that the output layer absorbs. */
    private record Head(DenseLayer dense, IActivation activation, String skipped) {
    }

    private static Head head(Path path, ComputationGraphConfiguration imported, String output) {
        Layer last = layerOf(imported.getVertices().get(output));
        List<String> before = imported.getVertexInputs().get(output);
        if (last instanceof ActivationLayer activation && before.size() == 1
                && layerOf(imported.getVertices().get(before.get(0))) instanceof DenseLayer dense
                && dense.getActivationFn() instanceof ActivationIdentity) {
            // Dense(n) followed by Activation('softmax'): one output layer, as Keras computes it.
            return new Head(dense, activation.getActivationFn(), output);
        }
        if (last instanceof DenseLayer dense) {
            return new Head(dense, dense.getActivationFn(), null);
        }
        throw new PluginInputException("keras-json: " + path + ": the model's output '" + output + "' is a "
                + (last == null ? "merge" : last.getClass().getSimpleName()) + "; end the model with"
                + " Dense(classes, activation='softmax') (or Dense(1, activation='sigmoid') for two classes)");
    }

    private static Layer layerOf(GraphVertex vertex) {
        return vertex instanceof LayerVertex layer ? layer.getLayerConf().getLayer() : null;
    }
}
