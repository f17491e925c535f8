package org.cnnworkbench.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.network.Network;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;

/**
 * A network's layers as Keras' {@code model.summary()} shows them: name, type, output shape
 * (Keras order: {@code (None, H, W, C)}) and parameter count, with totals. Flatten steps, which
 * DL4J does with an input pre-processor, are shown as their own rows with 0 parameters.
 * Batch-normalisation moving statistics count as non-trainable, as in Keras.
 */
public record ModelSummary(List<Row> layers, long totalParams, long trainableParams) {

    /**
     * One row of the summary; {@code inputs} are the rows it reads in a graph (Keras' "Connected
     * to", two or more for a merge such as {@code Add}), empty in a layer stack.
     */
    public record Row(String name, String type, String outputShape, long params, List<String> inputs) {
        public Row {
            inputs = List.copyOf(inputs);
        }

        public Row(String name, String type, String outputShape, long params) {
            this(name, type, outputShape, params, List.of());
        }
    }

    public ModelSummary {
        layers = List.copyOf(layers);
    }

    public long nonTrainableParams() {
        return totalParams - trainableParams;
    }

    /** Summarises {@code network} (a stack or a graph) for input of type {@code input}. */
    public static ModelSummary of(Network network, InputType input) {
        return network.stack() != null
                ? of(network.stack().getLayerWiseConfigurations(), input)
                : of(((Network.Graph) network).network().getConfiguration(), input);
    }

    /**
     * Summarises the graph {@code conf} as Keras' functional summary does: every vertex in
     * topological order (the input first), each with the vertices it reads; a flatten DL4J does
     * with a pre-processor is a row of its own.
     */
    public static ModelSummary of(ComputationGraphConfiguration conf, InputType input) {
        Map<String, InputType> outputs = conf.getLayerActivationTypes(input);
        List<Row> rows = new ArrayList<>();
        long total = 0;
        long trainable = 0;
        int flattens = 0;
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex vertex = conf.getVertices().get(name);
            List<String> inputs = conf.getVertexInputs().getOrDefault(name, List.of());
            if (vertex == null) {
                rows.add(new Row(name, "InputLayer", shape(input), 0));
                continue;
            }
            if (vertex instanceof LayerVertex lv) {
                if (lv.getPreProcessor() instanceof CnnToFeedForwardPreProcessor pre && inputs.size() == 1) {
                    String flatten = flattens == 0 ? "flatten" : "flatten_" + flattens;
                    flattens++;
                    rows.add(new Row(flatten, "Flatten", shape(pre.getOutputType(outputs.get(conf.getVertexInputs().get(name).get(0)))), 0,
                            inputs));
                    inputs = List.of(flatten);
                }
                Layer layer = lv.getLayerConf().getLayer();
                long params = layer.initializer().numParams(layer);
                total += params;
                trainable += params - nonTrainable(layer, params);
                rows.add(new Row(name, typeName(innermost(layer)), shape(outputs.get(name)), params, inputs));
            } else {
                String type = vertex instanceof ElementWiseVertex ew
                        ? ew.getOp().name().charAt(0) + ew.getOp().name().substring(1).toLowerCase(java.util.Locale.ROOT)
                        : vertex instanceof MergeVertex ? "Concatenate" : vertex.getClass().getSimpleName().replace("Vertex", "");
                rows.add(new Row(name, type, shape(outputs.get(name)), 0, inputs));
            }
        }
        return new ModelSummary(rows, total, trainable);
    }

    /**
     * How many of {@code layer}'s {@code params} do not train: all of a frozen layer's, and at least a
     * batch normalisation's running mean and variance (2 per channel), as Keras counts them.
     */
    private static long nonTrainable(Layer layer, long params) {
        long frozen = isFrozen(layer) ? params : 0;
        if (innermost(layer) instanceof BatchNormalization bn) {
            frozen = Math.max(frozen, 2 * bn.getNOut());
        }
        return frozen;
    }

    /** Summarises {@code conf} for input of type {@code input}. */
    public static ModelSummary of(MultiLayerConfiguration conf, InputType input) {
        List<InputType> outputs = conf.getLayerActivationTypes(input);
        List<Row> rows = new ArrayList<>();
        long total = 0;
        long trainable = 0;
        int flattens = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration layerConf = conf.getConf(i);
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre instanceof CnnToFeedForwardPreProcessor) {
                InputType before = i == 0 ? input : outputs.get(i - 1);
                rows.add(new Row(flattens == 0 ? "flatten" : "flatten_" + flattens, "Flatten",
                        shape(pre.getOutputType(before)), 0));
                flattens++;
            }
            Layer layer = layerConf.getLayer();
            long params = layer.initializer().numParams(layerConf);
            total += params;
            trainable += params - nonTrainable(layer, params);
            String name = layer.getLayerName() == null ? "layer_" + i : layer.getLayerName();
            InputType output = outputs.get(i);
            if (innermost(layer) instanceof org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer
                    && output instanceof InputType.InputTypeRecurrent r) {
                // DL4J M2.1 reports global pooling over a sequence as a sequence; it gives one vector.
                output = InputType.feedForward(r.getSize());
            }
            rows.add(new Row(name, typeName(innermost(layer)), shape(output), params));
        }
        return new ModelSummary(rows, total, trainable);
    }

    private static boolean isFrozen(Layer layer) {
        return layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop;
    }

    private static Layer innermost(Layer layer) {
        if (layer instanceof FrozenLayer frozen) {
            return frozen.getLayer();
        }
        if (layer instanceof FrozenLayerWithBackprop frozen) {
            return frozen.getUnderlying();
        }
        return layer;
    }

    /** Keras' name for a DL4J layer class. */
    static String typeName(Layer layer) {
        String simple = layer.getClass().getSimpleName();
        if (layer instanceof SubsamplingLayer pooling) {
            String kind = pooling.getPoolingType() == PoolingType.AVG ? "Average" : pooling.getPoolingType() == PoolingType.MAX ? "Max" : "";
            return kind + "Pooling" + (simple.startsWith("Subsampling1D") ? "1D" : "2D");
        }
        return switch (simple) {
            case "ConvolutionLayer" -> "Conv2D";
            case "Convolution1DLayer", "Convolution1D" -> "Conv1D";
            case "DenseLayer", "OutputLayer" -> "Dense";
            case "DropoutLayer" -> "Dropout";
            case "GlobalPoolingLayer" -> "GlobalPooling";
            case "BatchNormalization" -> "BatchNormalization";
            default -> simple;
        };
    }

    /** Keras-ordered shape with a leading None for the batch. */
    static String shape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return "(None, " + c.getHeight() + ", " + c.getWidth() + ", " + c.getChannels() + ")";
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat c) {
            return "(None, " + c.getFlattenedSize() + ")";
        }
        if (type instanceof InputType.InputTypeRecurrent r) {
            return "(None, " + (r.getTimeSeriesLength() > 0 ? r.getTimeSeriesLength() : "None") + ", " + r.getSize() + ")";
        }
        if (type instanceof InputType.InputTypeFeedForward f) {
            return "(None, " + f.getSize() + ")";
        }
        return type.toString();
    }

    /** The summary as text, laid out like Keras'. */
    public String toText() {
        int nameWidth = Math.max(28, layers.stream().mapToInt(r -> r.name().length() + r.type().length() + 3).max().orElse(0) + 2);
        int shapeWidth = Math.max(22, layers.stream().mapToInt(r -> r.outputShape().length()).max().orElse(0) + 2);
        StringBuilder s = new StringBuilder();
        String rule = "_".repeat(nameWidth + shapeWidth + 12);
        s.append(rule).append('\n');
        s.append(pad("Layer (type)", nameWidth)).append(pad("Output Shape", shapeWidth))
                .append(layers.stream().anyMatch(r -> !r.inputs().isEmpty()) ? pad("Param #", 12) + "Connected to\n" : "Param #\n");
        s.append("=".repeat(rule.length())).append('\n');
        boolean graph = layers.stream().anyMatch(r -> !r.inputs().isEmpty());
        for (Row row : layers) {
            s.append(pad(row.name() + " (" + row.type() + ")", nameWidth)).append(pad(row.outputShape(), shapeWidth));
            if (graph) {
                s.append(pad(String.format("%,d", row.params()), 12)).append(String.join(", ", row.inputs()));
            } else {
                s.append(String.format("%,d", row.params()));
            }
            s.append('\n');
        }
        s.append("=".repeat(rule.length())).append('\n');
        s.append(String.format("Total params: %,d%n", totalParams));
        s.append(String.format("Trainable params: %,d%n", trainableParams));
        s.append(String.format("Non-trainable params: %,d%n", nonTrainableParams()));
        s.append(rule).append('\n');
        return s.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
