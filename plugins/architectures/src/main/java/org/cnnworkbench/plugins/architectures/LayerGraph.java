package org.cnnworkbench.plugins.architectures;

import java.util.HashMap;
import java.util.Map;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
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
        graph.addVertex(vertex, new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
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
        graph.addLayer(name, layer, from);
        return name;
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
