package org.cnnworkbench.plugins.architectures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;

/**
 * {@link FromRunFactory} for a run that saved a layer graph (resnet, vgg16, resnet50, mobilenet-v2,
 * a functional keras-json model, or an earlier from-run of one): the same parameters and defaults
 * as for a stack, on the graph's vertices in topological order. The run's model is read with its
 * weights and whatever it carries besides its layers: the parameter-free preprocessing vertices
 * ({@code preprocess}: Keras' {@code preprocess_input}) and the input preprocessors DL4J put
 * between layers (e.g. the flattening before a dense layer). What an earlier transfer froze is
 * unfrozen first (same weights), then {@code freeze_until} decides anew: a layer name (or its
 * 0-based index in that order, the graph's input not counted) freezes it with everything it
 * depends on (DL4J's {@code setFeatureExtractor}: VGG16's {@code block4_pool} freezes blocks 1 to
 * 4 and the preprocessing); {@code none} freezes nothing; by default the convolutional base: every
 * vertex before the first dense or output layer after the last convolution or pooling.
 * {@code replace_head: true} (the default) puts the new head (after a {@code head: {units: N}} relu layer,
 * if asked) where the run's output layer was, taking that layer's inputs and input preprocessor;
 * {@code replace_head: false} keeps the run's head (the course's fine-tuning step), which must fit
 * the dataset's classes. Every layer that trains uses the new trial's optimizer and learning rate.
 */
final class FromRunGraph {

    private FromRunGraph() {
    }

    static ComputationGraph create(Params params, ArchitectureContext context, String run, Path file,
                                   FineTuneConfiguration fineTune, org.deeplearning4j.nn.conf.CacheMode cacheMode) {
        ComputationGraph saved = withoutFrozenLayers(restore(run, file));
        new SavedInput(run, file).requireTakes(saved, context.inputShape());
        ComputationGraphConfiguration conf = saved.getConfiguration();
        List<String> order = vertexOrder(saved);
        String output = conf.getNetworkOutputs().get(0);
        Layer savedHead = layerOf(conf.getVertices().get(output));
        if (!(savedHead instanceof BaseOutputLayer head)) {
            throw new PluginInputException("run " + run + "'s model does not end in an output layer (its output '" + output
                    + "' is a " + conf.getVertices().get(output).getClass().getSimpleName() + "); from-run takes models"
                    + " trained by this workbench");
        }
        boolean replaceHead = params.getBoolean(FromRunFactory.REPLACE_HEAD);
        int frozenUntil = frozenUntil(params, conf, order, run);
        int outputIndex = order.indexOf(output);
        if (frozenUntil >= outputIndex) {
            throw new PluginInputException("freeze_until " + params.getString(FromRunFactory.FREEZE_UNTIL) + " is run " + run
                    + "'s output layer, which " + (replaceHead ? "replace_head removes" : "would leave nothing to train")
                    + "; choose a layer before it: " + order.subList(0, outputIndex));
        }
        if (!replaceHead) {
            FromRunFactory.requireHeadFits(head, context.classCount(), run);
        }

        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(saved).fineTuneConfiguration(fineTune);
        if (frozenUntil >= 0) {
            builder.setFeatureExtractor(order.get(frozenUntil));
        }
        if (replaceHead) {
            Set<String> names = new HashSet<>(order);
            List<String> feeding = conf.getVertexInputs().get(output);
            long nIn = head.getNIn();
            // The flattening DL4J put before the run's output layer (after a pooling), for the new layer there.
            InputPreProcessor flatten = ((LayerVertex) conf.getVertices().get(output)).getPreProcessor();
            builder.removeVertexAndConnections(output);
            String[] from = feeding.toArray(String[]::new);
            int headUnits = params.getInt(FromRunFactory.HEAD_UNITS);
            if (headUnits > 0) {
                String dense = FromRunFactory.freeName("dense", names);
                builder.addLayer(dense, new DenseLayer.Builder().nIn(nIn).nOut(headUnits).activation(Activation.RELU)
                        .name(dense).build(), flatten, from);
                from = new String[] {dense};
                nIn = headUnits;
                flatten = null;
            }
            String newHead = FromRunFactory.freeName("dense", names);
            builder.addLayer(newHead, FromRunFactory.newHead(head, context.classCount(), nIn, newHead), flatten, from);
            builder.setOutputs(newHead);
        }
        ComputationGraph network = builder.build();
        network.setCacheMode(cacheMode);
        return network;
    }

    private static ComputationGraph restore(String run, Path file) {
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new PluginInputException("cannot read the saved model of run " + run + " (" + file + "): " + e.getMessage()
                    + "; the file is damaged or not a DL4J model, train the run again", e);
        }
    }

    /**
     * The graph with what an earlier transfer froze unwrapped (same weights): its frozen layers and
     * its frozen other vertices (the preprocessing's); {@code freeze_until} decides anew.
     */
    private static ComputationGraph withoutFrozenLayers(ComputationGraph saved) {
        ComputationGraphConfiguration conf = saved.getConfiguration().clone();
        boolean frozen = false;
        for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
            if (entry.getValue() instanceof LayerVertex layer && layer.getLayerConf().getLayer() instanceof FrozenLayer frozenLayer) {
                layer.getLayerConf().setLayer(frozenLayer.getLayer());
                frozen = true;
            } else if (entry.getValue() instanceof FrozenVertex vertex) {
                entry.setValue(vertex.getUnderlying());
                frozen = true;
            }
        }
        if (!frozen) {
            return saved;
        }
        ComputationGraph unwrapped = new ComputationGraph(conf);
        unwrapped.init(saved.params().dup(), false);
        return unwrapped;
    }

    /** The graph's vertices (its input aside) in topological order: the order of the run's model summary. */
    static List<String> vertexOrder(ComputationGraph graph) {
        List<String> order = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex vertex = graph.getVertices()[index];
            if (!vertex.isInputVertex()) {
                order.add(vertex.getVertexName());
            }
        }
        return order;
    }

    private static int frozenUntil(Params params, ComputationGraphConfiguration conf, List<String> order, String run) {
        if (!params.has(FromRunFactory.FREEZE_UNTIL)) {
            return convolutionalBaseEnd(conf, order);
        }
        String value = params.getString(FromRunFactory.FREEZE_UNTIL).trim();
        if (value.equalsIgnoreCase(FromRunFactory.NONE)) {
            return -1;
        }
        if (value.matches("\\d+")) {
            int index = Integer.parseInt(value);
            if (index >= order.size()) {
                throw new PluginInputException("freeze_until " + value + " is past run " + run + "'s last layer (index "
                        + (order.size() - 1) + "); its layers are " + order);
            }
            return index;
        }
        int index = order.indexOf(value);
        if (index < 0) {
            throw new PluginInputException("freeze_until '" + value + "' names no layer of run " + run + "'s model; its layers are "
                    + order + " (or give a 0-based index, or none)");
        }
        return index;
    }

    /** The last vertex before the first dense or output layer after the last convolution or pooling. */
    private static int convolutionalBaseEnd(ComputationGraphConfiguration conf, List<String> order) {
        int lastSpatial = -1;
        for (int i = 0; i < order.size(); i++) {
            Layer layer = layerOf(conf.getVertices().get(order.get(i)));
            if (layer instanceof ConvolutionLayer || layer instanceof SubsamplingLayer || layer instanceof GlobalPoolingLayer) {
                lastSpatial = i;
            }
        }
        for (int i = lastSpatial + 1; i < order.size(); i++) {
            Layer layer = layerOf(conf.getVertices().get(order.get(i)));
            if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
                return i - 1;
            }
        }
        return order.size() - 2;
    }

    private static Layer layerOf(GraphVertex vertex) {
        return vertex instanceof LayerVertex layer ? layer.getLayerConf().getLayer() : null;
    }
}
