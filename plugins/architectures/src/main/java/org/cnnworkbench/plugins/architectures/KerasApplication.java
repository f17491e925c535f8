package org.cnnworkbench.plugins.architectures;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * A convolutional base as in {@code keras.applications} (a graph), with its top: Keras' own
 * classifier for the dataset's classes ({@code include_top: true}), or ({@code include_top: false})
 * the base with {@code pooling} ({@code avg}, {@code max} or {@code none}: flattened) under the
 * course's head: a dense layer of {@code head_units} (0 leaves it out) with {@code head_activation},
 * {@code head_dropout}, and the output (one sigmoid unit with binary cross-entropy for two classes,
 * softmax otherwise).
 */
abstract class KerasApplication extends KerasArchitecture {
    static final String INCLUDE_TOP = "include_top";
    static final String POOLING = "pooling";
    static final String HEAD_UNITS = "head_units";
    static final String HEAD_DROPOUT = "head_dropout";
    static final String HEAD_ACTIVATION = "head_activation";

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

    @Override
    public ModelConfiguration configuration(Params params, ArchitectureContext context) {
        LayerGraph graph = new LayerGraph(id(), context, WeightPenalty.of(params));
        String base = base(graph, params, context);
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
        all.add(ParamSpec.bool(INCLUDE_TOP, true, "Keras' classifier on the base (true), or the base under the head of"
                + " head_units/head_dropout/head_activation (false)"));
        all.add(ParamSpec.choice(POOLING, "none", List.of("avg", "max", "none"),
                "without the top: global average or max pooling of the base's output, or none (flattened)"));
        all.add(Knobs.units(HEAD_UNITS, 256, 0, "the head's dense layer without the top (0 = none)"));
        all.add(Knobs.dropout(HEAD_DROPOUT, 0.5, "after the head's dense layer"));
        all.add(ParamSpec.choice(HEAD_ACTIVATION, "relu", LayerStack.ACTIVATIONS, "activation of the head's dense layer"));
        return all.toArray(ParamSpec[]::new);
    }
}
