package org.cnnworkbench.plugins.architectures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A Keras-functional-like graph for DL4J: image input in NCHW, layers and merges named as Keras
 * names them (an explicit name, as keras.applications gives, or {@code conv2d_3}-style when none),
 * Keras' padding words, batch normalisation with the given Keras epsilon and momentum, L1/L2 on the
 * kernels. Each method takes the name of the vertex it reads and returns the name of the one it
 * added, as {@code y = Layer(...)(x)} does in Keras.
 */
final class LayerGraph {
    /** The name of the graph's one input, as Keras names it. */
    static final String INPUT = "input_1";

    private final String architecture;
    private final ArchitectureContext context;
    private final ComputationGraphConfiguration.GraphBuilder graph;
    private final Map<String, Integer> namesUsed = new HashMap<>();
    private final WeightPenalty penalty;
    /** The vertex the next layer reads when a method is given {@link #input()}: the input, or its preprocessing. */
    private String input = INPUT;
    /** The layers and merges added so far, in Keras' order (the preprocessing's vertices not among them). */
    private final List<String> added = new ArrayList<>();
    /** Whether the layers added now are frozen, and the name of the last one to freeze (null: until told). */
    private boolean freezing;
    private String freezeLast;

    LayerGraph(String architecture, ArchitectureContext context, WeightPenalty penalty) {
        if (context.inputShape().kind() != InputShape.Kind.IMAGE) {
            throw new PluginInputException(architecture + " takes images (channels x height x width), but the dataset gives "
                    + "sequences of " + context.inputShape() + "; use an architecture for sequences (conv1d-telemetry)");
        }
        this.architecture = architecture;
        this.context = context;
        this.penalty = penalty;
        this.graph = context.configure().graphBuilder().addInputs(INPUT).setInputTypes(context.inputShape().toInputType());
    }

    /** The vertex a base starts from: {@link #INPUT}, or the output of {@link #preprocess}. */
    String input() {
        return input;
    }

    /**
     * Adds Keras' {@code preprocess_input} for the base's pretrained weights, on images scaled to
     * [0, 1] as the workbench's datasets give them: {@code caffe} (×255, RGB to BGR, minus
     * ImageNet's channel means 103.939, 116.779, 123.68), {@code tf} (to [-1, 1]) or {@code none}.
     * Built of parameter-free DL4J vertices, so the saved model carries it and predict applies it.
     */
    void preprocess(String mode) {
        switch (mode) {
            case "none" -> input = INPUT;
            case "tf" -> {
                vertex("preprocess_scale", new ScaleVertex(2.0), INPUT);
                vertex("preprocess_shift", new ShiftVertex(-1.0), "preprocess_scale");
                input = "preprocess_shift";
            }
            case "caffe" -> {
                String[] bgr = {"blue", "green", "red"};
                double[] means = {103.939, 116.779, 123.68};
                String[] outputs = new String[3];
                for (int out = 0; out < 3; out++) {
                    int rgbChannel = 2 - out;
                    String name = "preprocess_" + bgr[out];
                    vertex(name, new SubsetVertex(rgbChannel, rgbChannel), INPUT);
                    vertex(name + "_scale", new ScaleVertex(255.0), name);
                    vertex(name + "_shift", new ShiftVertex(-means[out]), name + "_scale");
                    outputs[out] = name + "_shift";
                }
                vertex("preprocess_bgr", new MergeVertex(), outputs);
                input = "preprocess_bgr";
            }
            default -> throw new IllegalArgumentException("unknown preprocessing " + mode);
        }
    }

    /**
     * Freezes the layers added from now on (DL4J {@link FrozenLayer}: weights kept, batch
     * normalisation in inference mode, as a Keras layer with {@code trainable = False}) until
     * {@link #stopFreezing()}, or through the layer named {@code last} when not null.
     */
    void startFreezing(String last) {
        freezing = true;
        freezeLast = last;
    }

    /** Whether the layers added now are frozen. */
    boolean freezing() {
        return freezing;
    }

    /** Adds the layers from now on trainable. */
    void stopFreezing() {
        freezing = false;
        freezeLast = null;
    }

    /** The layers and merges added so far, in order (the preprocessing's vertices not among them). */
    List<String> added() {
        return List.copyOf(added);
    }

    /** Keras' {@code Conv2D(filters, kernel, strides)}; {@code name} null for Keras' default name. */
    String conv(String from, String name, int filters, int kernel, int stride, boolean same, boolean bias, Activation activation) {
        ConvolutionLayer.Builder builder = new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(filters)
                .hasBias(bias).activation(activation).convolutionMode(mode(same)).dataFormat(CNN2DFormat.NCHW);
        return layer(from, named(name, "conv2d"), penalty.applyTo(builder).build());
    }

    /** Keras' {@code DepthwiseConv2D(kernel, strides, use_bias=False)}, depth multiplier 1. */
    String depthwise(String from, String name, int kernel, int stride, boolean same) {
        DepthwiseConvolution2D.Builder builder = new DepthwiseConvolution2D.Builder().kernelSize(kernel, kernel)
                .stride(stride, stride).depthMultiplier(1).hasBias(false).activation(Activation.IDENTITY)
                .convolutionMode(mode(same)).dataFormat(CNN2DFormat.NCHW);
        return layer(from, named(name, "depthwise_conv2d"), builder.build());
    }

    /** Keras' {@code BatchNormalization(epsilon, momentum)} over channels (or units). */
    String batchNorm(String from, String name, double epsilon, double momentum) {
        return layer(from, named(name, "batch_normalization"), new BatchNormalization.Builder().eps(epsilon).decay(momentum)
                .dataFormat(CNN2DFormat.NCHW).build());
    }

    /** Keras' {@code Activation(...)} / {@code ReLU(max_value=6)} as a layer of its own. */
    String activation(String from, String name, Activation activation) {
        return layer(from, named(name, "activation"), new ActivationLayer.Builder().activation(activation).build());
    }

    /** Keras' {@code ZeroPadding2D(((top, bottom), (left, right)))}. */
    String zeroPad(String from, String name, int top, int bottom, int left, int right) {
        return layer(from, named(name, "zero_padding2d"), new ZeroPaddingLayer.Builder(top, bottom, left, right)
                .dataFormat(CNN2DFormat.NCHW).build());
    }

    /** Keras' {@code MaxPooling2D} / {@code AveragePooling2D(size, strides)}. */
    String pool(String from, String name, org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType type, int size,
                int stride, boolean same) {
        SubsamplingLayer.Builder builder = new SubsamplingLayer.Builder(type, new int[] {size, size}, new int[] {stride, stride});
        builder.convolutionMode(mode(same));
        builder.dataFormat(CNN2DFormat.NCHW);
        String kerasName = type == SubsamplingLayer.PoolingType.MAX ? "max_pooling2d" : "average_pooling2d";
        return layer(from, named(name, kerasName), builder.build());
    }

    /** Keras' {@code GlobalAveragePooling2D} / {@code GlobalMaxPooling2D}. */
    String globalPool(String from, String name, PoolingType type) {
        String kerasName = type == PoolingType.MAX ? "global_max_pooling2d" : "global_average_pooling2d";
        return layer(from, named(name, kerasName), new GlobalPoolingLayer.Builder(type).build());
    }

    /** Keras' {@code Dense(units, activation)}; after a convolution it flattens first, as Keras' {@code Flatten}. */
    String dense(String from, String name, int units, Activation activation) {
        DenseLayer.Builder builder = new DenseLayer.Builder().nOut(units).activation(activation);
        return layer(from, named(name, "dense"), penalty.applyTo(builder).build());
    }

    /** Keras' {@code Dropout(rate)}, {@code rate} the share dropped; nothing when 0. */
    String dropout(String from, double rate) {
        return rate <= 0 ? from : layer(from, named(null, "dropout"), new DropoutLayer.Builder(1 - rate).build());
    }

    /** Keras' {@code Add()([a, b])}. */
    String add(String name, String a, String b) {
        String vertex = named(name, "add");
        vertex(vertex, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
        added(vertex);
        return vertex;
    }

    /** Ends the graph with {@code classCount()} softmax units (cross-entropy) named {@code name}. */
    ModelConfiguration softmaxOutput(String from, String name) {
        return output(from, name, context.classCount(), Activation.SOFTMAX, LossFunction.MCXENT);
    }

    /**
     * Ends the graph with Keras' binary head (one sigmoid unit, binary cross-entropy) when the
     * dataset has two classes, otherwise as {@link #softmaxOutput}.
     */
    ModelConfiguration binaryOrSoftmaxOutput(String from, String name) {
        return context.classCount() == 2
                ? output(from, name, 1, Activation.SIGMOID, LossFunction.XENT)
                : softmaxOutput(from, name);
    }

    private ModelConfiguration output(String from, String name, int units, Activation activation, LossFunction loss) {
        String out = named(name, "dense");
        OutputLayer.Builder head = new OutputLayer.Builder(loss).nOut(units).activation(activation);
        graph.addLayer(out, penalty.applyTo(head).build(), from);
        graph.setOutputs(out);
        try {
            return ModelConfiguration.graph(graph.build());
        } catch (IllegalStateException | IllegalArgumentException | org.deeplearning4j.exception.DL4JException e) {
            throw new PluginInputException(architecture + " cannot take the dataset's images of " + context.inputShape()
                    + " (height x width x channels): " + e.getMessage() + "; use larger images");
        }
    }

    private String layer(String from, String name, org.deeplearning4j.nn.conf.layers.Layer layer) {
        graph.addLayer(name, freezing ? new FrozenLayer(layer) : layer, from);
        added(name);
        return name;
    }

    /** Adds a vertex without weights, frozen as the layers around it (so that DL4J's backward pass skips the frozen part). */
    private void vertex(String name, org.deeplearning4j.nn.conf.graph.GraphVertex vertex, String... inputs) {
        graph.addVertex(name, freezing ? new FrozenVertex(vertex) : vertex, inputs);
    }

    private void added(String name) {
        added.add(name);
        if (freezing && name.equals(freezeLast)) {
            stopFreezing();
        }
    }

    private String named(String name, String kerasName) {
        if (name != null) {
            return name;
        }
        int used = namesUsed.merge(kerasName, 1, Integer::sum) - 1;
        return used == 0 ? kerasName : kerasName + "_" + used;
    }

    private static ConvolutionMode mode(boolean same) {
        return same ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }
}
