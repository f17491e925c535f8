package org.cnnworkbench.plugins.architectures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@code from-run} of a run that saved a graph (vgg16, resnet50, mobilenet-v2, resnet): fine-tuning
 * as the course does it. The run's model is read with its weights (and its built-in
 * preprocessing), the layers it froze are unfrozen, and then frozen anew: by default as the run
 * froze them; with {@code freeze_until} a layer name, that layer and every layer it reads from
 * (DL4J's {@code setFeatureExtractor}: for VGG16's {@code block4_pool}, blocks 1 to 4), so that the
 * layers after it train; {@code none} trains all. The head is kept ({@code replace_head: false},
 * the usual for fine-tuning the same classes) or replaced by a new one for the dataset's classes.
 * Every layer that trains uses the new trial's optimizer and learning rate.
 */
final class FromRunGraph {

    private FromRunGraph() {
    }

    static ComputationGraph create(String run, Path file, String freezeUntil, boolean replaceHead, int headUnits,
                                   ArchitectureContext context, FineTuneConfiguration fineTune, CacheMode cacheMode) {
        ComputationGraph saved;
        try {
            saved = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new PluginInputException("cannot read the saved model of run " + run + " (" + file + "): " + e.getMessage()
                    + "; the file is damaged or not a DL4J model, train the run again", e);
        }
        new SavedInput(run, file).requireTakes(saved, context.inputShape());
        List<String> frozenBefore = new ArrayList<>();
        ComputationGraph unfrozen = withoutFrozenVertices(saved, frozenBefore);
        ComputationGraphConfiguration conf = unfrozen.getConfiguration();
        String output = conf.getNetworkOutputs().get(0);
        GraphVertex outputVertex = conf.getVertices().get(output);
        if (!(outputVertex instanceof LayerVertex layerVertex) || !(layerVertex.getLayerConf().getLayer() instanceof BaseOutputLayer head)) {
            throw new PluginInputException("run " + run + "'s model does not end in an output layer; from-run takes models"
                    + " trained by this workbench");
        }
        String[] frozen = frozen(freezeUntil, frozenBefore, conf, output, run);

        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(unfrozen).fineTuneConfiguration(fineTune);
        if (frozen.length > 0) {
            builder.setFeatureExtractor(frozen);
        }
        if (replaceHead) {
            List<String> inputs = conf.getVertexInputs().get(output);
            Set<String> names = new HashSet<>(conf.getVertices().keySet());
            long nIn = head.getNIn();
            builder.removeVertexAndConnections(output);
            String from = inputs.get(0);
            // The old head's input preprocessor (e.g. the flattening after a pooling) goes to the first new layer.
            InputPreProcessor flatten = layerVertex.getPreProcessor();
            if (headUnits > 0) {
                String dense = freeName("dense", names);
                builder.addLayer(dense, new DenseLayer.Builder().nIn(nIn).nOut(headUnits).activation(Activation.RELU).build(),
                        flatten, from);
                flatten = null;
                from = dense;
                nIn = headUnits;
            }
            boolean binary = context.classCount() == 2 && head.getNOut() == 1;
            String name = freeName("dense", names);
            builder.addLayer(name, new OutputLayer.Builder(binary ? LossFunction.XENT : LossFunction.MCXENT).nIn(nIn)
                    .nOut(binary ? 1 : context.classCount()).activation(binary ? Activation.SIGMOID : Activation.SOFTMAX).build(),
                    flatten, from);
            builder.setOutputs(name);
        } else {
            long units = head.getNOut();
            if (!(units == context.classCount() || (units == 1 && context.classCount() == 2))) {
                throw new PluginInputException("run " + run + "'s output layer has " + units + " unit(s), but the dataset has "
                        + context.classCount() + " classes; set replace_head: true to give it a new head");
            }
        }
        ComputationGraph network = builder.build();
        network.setCacheMode(cacheMode);
        return network;
    }

    /** The names to give {@code setFeatureExtractor}: none, the run's own, or {@code freezeUntil}. */
    private static String[] frozen(String freezeUntil, List<String> frozenBefore, ComputationGraphConfiguration conf, String output,
                                   String run) {
        if (freezeUntil == null) {
            return frozenBefore.toArray(String[]::new);
        }
        String value = freezeUntil.trim();
        if (value.equalsIgnoreCase(FromRunFactory.NONE)) {
            return new String[0];
        }
        List<String> layers = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> vertex : conf.getVertices().entrySet()) {
            if (vertex.getValue() instanceof LayerVertex) {
                layers.add(vertex.getKey());
            }
        }
        String name = value;
        if (value.matches("\\d+")) {
            int index = Integer.parseInt(value);
            if (index >= layers.size()) {
                throw new PluginInputException("freeze_until " + value + " is past run " + run + "'s last layer (index "
                        + (layers.size() - 1) + ")");
            }
            name = layers.get(index);
        }
        if (!conf.getVertices().containsKey(name)) {
            throw new PluginInputException("freeze_until '" + value + "' names no layer of run " + run + "'s model (e.g. "
                    + layers.get(Math.max(0, layers.size() / 2)) + "; see ./workbench show " + run + "), or give none");
        }
        if (name.equals(output)) {
            throw new PluginInputException("freeze_until " + value + " is run " + run + "'s output layer, which would leave"
                    + " nothing to train; choose a layer before it");
        }
        return new String[] {name};
    }

    /** The graph with its frozen layers and vertices unwrapped (same weights); their names go to {@code frozen}. */
    private static ComputationGraph withoutFrozenVertices(ComputationGraph saved, List<String> frozen) {
        ComputationGraphConfiguration conf = saved.getConfiguration().clone();
        for (Map.Entry<String, GraphVertex> entry : conf.getVertices().entrySet()) {
            if (entry.getValue() instanceof LayerVertex vertex && vertex.getLayerConf().getLayer() instanceof FrozenLayer layer) {
                vertex.getLayerConf().setLayer(layer.getLayer());
                frozen.add(entry.getKey());
            } else if (entry.getValue() instanceof FrozenVertex vertex) {
                entry.setValue(vertex.getUnderlying());
                frozen.add(entry.getKey());
            }
        }
        if (frozen.isEmpty()) {
            return saved;
        }
        ComputationGraph unwrapped = new ComputationGraph(conf);
        unwrapped.init(saved.params().dup(), false);
        return unwrapped;
    }

    private static String freeName(String base, Set<String> used) {
        String name = base;
        for (int i = 1; used.contains(name); i++) {
            name = base + "_" + i;
        }
        used.add(name);
        return name;
    }
}
