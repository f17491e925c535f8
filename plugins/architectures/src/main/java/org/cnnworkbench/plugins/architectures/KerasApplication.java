package org.cnnworkbench.plugins.architectures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * A convolutional base as in {@code keras.applications} (a graph), with its top: Keras' own
 * classifier for the dataset's classes ({@code include_top: true}), or ({@code include_top: false})
 * the base with {@code pooling} ({@code avg}, {@code max} or {@code none}: flattened) under the
 * course's head, written {@code head: {units: 256, dropout: 0.5, activation: relu}}: a dense layer of
 * {@code units} (0 leaves it out) with {@code activation}, {@code dropout}, and the output (one sigmoid
 * unit with binary cross-entropy for two classes, softmax otherwise). The head's keys are declared as
 * the flat parameters {@code head_units}, {@code head_dropout} and {@code head_activation}; the
 * engine reads {@code head: {k: v}} as {@code head_k}, so the flat names work as aliases.
 *
 * <p>Transfer learning as the course does it: {@code weights} {@code none} (fresh weights, the
 * default), {@code imagenet} (Keras' published ImageNet file, found in or fetched once into the
 * workbench's models folder, see {@link PretrainedWeights}) or the path of a {@code .h5} saved by
 * Keras for the same base (see {@link ApplicationWeights}); {@code preprocess} (by default the
 * base's own Keras {@code preprocess_input} with pretrained weights, none without) built into the
 * graph's first vertices, so training, evaluation, predict and the saved model all apply it; and
 * {@code freeze} ({@code base}, the default with pretrained weights; {@code none}, the default
 * without; or the name or index of the last layer to freeze, for fine-tuning the top of the base).
 */
abstract class KerasApplication extends KerasArchitecture {
    static final String INCLUDE_TOP = "include_top";
    static final String POOLING = "pooling";
    static final String HEAD_UNITS = "head_units";
    static final String HEAD_DROPOUT = "head_dropout";
    static final String HEAD_ACTIVATION = "head_activation";
    static final String WEIGHTS = "weights";
    static final String PREPROCESS = "preprocess";
    static final String FREEZE = "freeze";

    /** The classes of ImageNet, which Keras' top needs for weights: imagenet. */
    private static final int IMAGENET_CLASSES = 1000;

    KerasApplication(String id, String description, ParamSpec... own) {
        super(id, description, withTop(own));
    }

    /**
     * Adds the convolutional base to {@code graph} (reading {@link LayerGraph#INPUT}) and returns the
     * name of its last vertex.
     */
    abstract String base(LayerGraph graph, Params params, ArchitectureContext context);

    /** Adds Keras' classifier on {@code base} (include_top) and ends the graph. */
    abstract ModelConfiguration top(LayerGraph graph, String base);

    /**
     * Keras' {@code preprocess_input} mode for this base's ImageNet weights: {@code caffe} (VGG16, ResNet50:
     * BGR, mean subtracted), unless a base says {@code tf}.
     */
    String kerasPreprocessing() {
        return "caffe";
    }

    /**
     * One of Keras' {@code <model>_weights_tf_dim_ordering_tf_kernels[_notop].h5} files, in Keras' folder
     * {@code folder}, with the MD5 Keras publishes for the file with the top and the one without.
     */
    static PretrainedWeights kerasKernels(String model, String folder, boolean includeTop, String topMd5, String notopMd5) {
        return new PretrainedWeights(model + "_weights_tf_dim_ordering_tf_kernels" + (includeTop ? "" : "_notop") + ".h5", folder,
                includeTop ? topMd5 : notopMd5);
    }

    /** Keras' published ImageNet weights file for this base with or without its top, for {@code shape}. */
    abstract PretrainedWeights imagenet(boolean includeTop, InputShape shape);

    @Override
    public ModelConfiguration configuration(Params params, ArchitectureContext context) {
        return built(params, context).configuration();
    }

    /**
     * The graph with the weights {@code weights} asks for: fresh ones for {@code none}, else those
     * of the ImageNet file or of the given {@code .h5}, copied by layer name.
     */
    @Override
    public Model createNetwork(Params params, ArchitectureContext context) {
        Built built = built(params, context);
        ComputationGraph network = (ComputationGraph) built.configuration().newNetwork();
        String weights = params.getString(WEIGHTS).trim();
        if (weights.equals("none")) {
            return network;
        }
        Path file = weights.equals("imagenet")
                ? imagenet(params.getBoolean(INCLUDE_TOP), context.inputShape())
                        .resolve(context.modelsDirectory(), PretrainedWeights.baseUrl(), System.err)
                : Path.of(weights).toAbsolutePath();
        ApplicationWeights.copy(file, network, built.base(), id());
        return network;
    }

    /** A configuration and the names of its base's layers (which a weights file must hold). */
    record Built(ModelConfiguration configuration, Set<String> base) {
    }

    Built built(Params params, ArchitectureContext context) {
        String weights = params.getString(WEIGHTS).trim();
        boolean pretrained = !weights.equals("none");
        if (weights.equals("imagenet")) {
            requireImagenetFits(params, context);
        }
        String freeze = params.has(FREEZE) ? params.getString(FREEZE).trim() : pretrained ? "base" : "none";
        if (freeze.matches("\\d+")) {
            freeze = layerAt(Integer.parseInt(freeze), params, context);
        }
        LayerGraph graph = new LayerGraph(id(), context, WeightPenalty.of(params));
        if (!freeze.equals("none")) {
            graph.startFreezing(freeze.equals("base") ? null : freeze);
        }
        String preprocess = params.getString(PREPROCESS);
        graph.preprocess(preprocess.equals("auto") ? (pretrained ? kerasPreprocessing() : "none") : preprocess);
        String base = base(graph, params, context);
        Set<String> baseLayers = new HashSet<>(graph.added());
        if (freeze.equals("base")) {
            graph.stopFreezing();
        }
        ModelConfiguration configuration = top(graph, base, params);
        if (graph.freezing()) {
            throw new PluginInputException("freeze: '" + freeze + "' names no layer of " + id() + "; give base, none, the"
                    + " name of a layer as the model summary shows it (e.g. " + example(graph.added()) + ") or its index");
        }
        return new Built(configuration, baseLayers);
    }

    /** The name of the layer at {@code index} in Keras' order, the input being 0 as in Keras' {@code model.layers}. */
    private String layerAt(int index, Params params, ArchitectureContext context) {
        LayerGraph probe = new LayerGraph(id(), context, WeightPenalty.of(params));
        top(probe, base(probe, params, context), params);
        List<String> layers = probe.added();
        if (index < 1 || index > layers.size()) {
            throw new PluginInputException("freeze: " + index + " is not a layer index of " + id() + ": its layers are 1 ("
                    + layers.get(0) + ") to " + layers.size() + " (" + layers.get(layers.size() - 1) + "), 0 being the input"
                    + " as in Keras' model.layers");
        }
        return layers.get(index - 1);
    }

    private static String example(List<String> layers) {
        return layers.isEmpty() ? "" : layers.get(Math.max(0, layers.size() / 2 - 1));
    }

    private void requireImagenetFits(Params params, ArchitectureContext context) {
        if (context.inputShape().channels() != 3) {
            throw new PluginInputException(id() + " with weights: imagenet takes colour images (3 channels), but the dataset"
                    + " gives " + context.inputShape().channels() + "; set the dataset's color: rgb, or use weights: none");
        }
        if (params.getBoolean(INCLUDE_TOP) && context.classCount() != IMAGENET_CLASSES) {
            throw new PluginInputException(id() + " with weights: imagenet and include_top: true needs ImageNet's "
                    + IMAGENET_CLASSES + " classes, but the dataset has " + context.classCount()
                    + "; set include_top: false to put a head of your own on the base");
        }
    }

    private ModelConfiguration top(LayerGraph graph, String base, Params params) {
        if (params.getBoolean(INCLUDE_TOP)) {
            return top(graph, base);
        }
        String x = switch (params.getString(POOLING)) {
            case "avg" -> graph.globalPool(base, null, PoolingType.AVG);
            case "max" -> graph.globalPool(base, null, PoolingType.MAX);
            default -> base;
        };
        int units = params.getInt(HEAD_UNITS);
        if (units > 0) {
            x = graph.dense(x, null, units, LayerStack.activation(params.getString(HEAD_ACTIVATION)));
            x = graph.dropout(x, params.getDouble(HEAD_DROPOUT));
        }
        return graph.binaryOrSoftmaxOutput(x, null);
    }

    private static ParamSpec[] withTop(ParamSpec... own) {
        List<ParamSpec> all = new ArrayList<>(List.of(own));
        all.add(ParamSpec.bool(INCLUDE_TOP, true, "Keras' classifier on the base (true), or the base under a head"
                + " of your own (false), written head: {units: 256, dropout: 0.5, activation: relu}"));
        all.add(ParamSpec.choice(POOLING, "none", List.of("avg", "max", "none"),
                "without the top: global average or max pooling of the base's output, or none (flattened)"));
        all.add(Knobs.units(HEAD_UNITS, 256, 0, "the head's dense layer without the top, written head: {units: N} (0 = none)"));
        all.add(Knobs.dropout(HEAD_DROPOUT, 0.5, "after the head's dense layer, written head: {dropout: R}"));
        all.add(ParamSpec.choice(HEAD_ACTIVATION, "relu", LayerStack.ACTIVATIONS, "activation of the head's dense layer, written head: {activation: A}"));
        all.add(ParamSpec.string(WEIGHTS, "none", "none (fresh weights), imagenet (Keras' ImageNet weights, from the"
                + " workbench's models folder or fetched there once), or the path of a .h5 saved by Keras for this base"));
        all.add(ParamSpec.choice(PREPROCESS, "auto", List.of("auto", "caffe", "tf", "none"), "Keras' preprocess_input built"
                + " into the model: caffe (x255, BGR, minus ImageNet's means), tf (to [-1, 1]), none; auto: the base's own"
                + " with pretrained weights, none without"));
        all.add(ParamSpec.string(FREEZE, null, "layers whose weights stay: base (the default with pretrained weights), none"
                + " (the default without), or the name or index of the last frozen layer (e.g. block4_pool)"));
        return all.toArray(ParamSpec[]::new);
    }
}
