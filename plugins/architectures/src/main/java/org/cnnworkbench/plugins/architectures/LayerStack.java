package org.cnnworkbench.plugins.architectures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A Keras-like sequential stack for DL4J: layers in NCHW (images) or NCW (sequences), named as
 * Keras names them ({@code conv2d}, {@code conv2d_1}, ...), with Keras' padding words, Keras'
 * dropout rate (the share dropped), Keras' batch-normalisation defaults, Keras' L1/L2 factors on
 * the kernels, and a softmax or sigmoid head. The first dense layer after convolutions flattens
 * their output (DL4J inserts the pre-processor from the input type), as Keras' {@code Flatten}.
 *
 * <p>It follows how each layer shrinks the image or sequence, so that an input too small for the
 * stack is refused with the smallest size it takes, before DL4J sees it. A stack takes images
 * unless a 1-D layer was added, then sequences; one stack builds one configuration.
 */
final class LayerStack {

    /** Keras' {@code padding} of a convolution. */
    enum Padding {
        /** Output as large as the input (zero padding). */
        SAME,
        /** No padding: the output shrinks by kernel − 1. */
        VALID
    }

    /** The largest side length tried when looking for the smallest input a stack takes. */
    private static final int LARGEST_SIDE = 1 << 16;

    /** Keras' BatchNormalization defaults (DL4J's own are 0.9 and 1e-5). */
    private static final double KERAS_BN_MOMENTUM = 0.99;
    private static final double KERAS_BN_EPSILON = 1e-3;

    private final String architecture;
    private final Activation activation;
    private final List<Layer> layers = new ArrayList<>();
    private final List<IntUnaryOperator> sideChanges = new ArrayList<>();
    private final Map<String, Integer> namesUsed = new HashMap<>();
    private WeightPenalty penalty = WeightPenalty.NONE;
    private InputShape.Kind takes = InputShape.Kind.IMAGE;
    private boolean spatial = true;

    /**
     * @param architecture the architecture's id, for messages
     * @param activation   the activation of every convolution and hidden dense layer (not of the head)
     */
    LayerStack(String architecture, Activation activation) {
        this.architecture = architecture;
        this.activation = activation;
    }

    /** The Keras activation names the architectures offer as their {@code activation} parameter. */
    static final List<String> ACTIVATIONS = List.of("relu", "tanh", "sigmoid", "elu");

    /** The DL4J activation of a Keras activation name ({@code relu}, {@code tanh}, ...). */
    static Activation activation(String kerasName) {
        return Activation.valueOf(kerasName.toUpperCase(Locale.ROOT));
    }

    /** L1/L2 on the kernels of every convolution and dense layer added after this call, and of the head. */
    LayerStack penalise(WeightPenalty penalty) {
        this.penalty = penalty;
        return this;
    }

    /** A 2-D convolution with stride 1. */
    LayerStack conv(int filters, int kernel, Padding padding) {
        ConvolutionLayer.Builder builder = new ConvolutionLayer.Builder(kernel, kernel)
                .nOut(filters)
                .activation(activation)
                .convolutionMode(mode(padding))
                .dataFormat(CNN2DFormat.NCHW)
                .name(nextName("conv2d"));
        add(penalty.applyTo(builder).build(), padding == Padding.SAME ? side -> side : side -> side - kernel + 1);
        return this;
    }

    /** Keras' {@code Conv1D(filters, kernel)} with stride 1; makes this a stack for sequences. */
    LayerStack conv1d(int filters, int kernel, Padding padding) {
        takeSequences();
        Convolution1DLayer.Builder builder = new Convolution1DLayer.Builder()
                .kernelSize(kernel)
                .stride(1)
                .rnnDataFormat(RNNFormat.NCW)
                .nOut(filters)
                .activation(activation)
                .convolutionMode(mode(padding))
                .name(nextName("conv1d"));
        add(penalty.applyTo(builder).build(), padding == Padding.SAME ? side -> side : side -> side - kernel + 1);
        return this;
    }

    /** Keras' {@code MaxPooling2D(size)}: stride = size, valid padding. */
    LayerStack maxPool(int size) {
        return pool(PoolingType.MAX, "max_pooling2d", size, size);
    }

    /** Keras' {@code AveragePooling2D(size, strides)} with valid padding. */
    LayerStack avgPool(int size, int stride) {
        return pool(PoolingType.AVG, "average_pooling2d", size, stride);
    }

    /** Keras' {@code MaxPooling1D(size)}: stride = size, valid padding; makes this a stack for sequences. */
    LayerStack maxPool1d(int size) {
        takeSequences();
        Subsampling1DLayer.Builder builder = new Subsampling1DLayer.Builder(PoolingType.MAX, size, size);
        builder.convolutionMode(ConvolutionMode.Truncate);
        builder.name(nextName("max_pooling1d"));
        add(builder.build(), shrinkByPooling(size, size));
        return this;
    }

    /** Keras' {@code GlobalMaxPooling1D} / {@code GlobalMaxPooling2D}: one value per channel. */
    LayerStack globalMaxPool() {
        String kerasName = takes == InputShape.Kind.SEQUENCE ? "global_max_pooling1d" : "global_max_pooling2d";
        layers.add(new GlobalPoolingLayer.Builder(org.deeplearning4j.nn.conf.layers.PoolingType.MAX).name(nextName(kerasName)).build());
        spatial = false;
        return this;
    }

    /**
     * Keras' {@code BatchNormalization()} with its defaults (momentum 0.99, epsilon 1e-3): over
     * channels after convolutions (or on the input), over units after a dense layer. Keras counts
     * 4 parameters per channel, 2 of them (the moving mean and variance) non-trainable; so does DL4J.
     */
    LayerStack batchNorm() {
        BatchNormalization.Builder builder = new BatchNormalization.Builder()
                .decay(KERAS_BN_MOMENTUM)
                .eps(KERAS_BN_EPSILON)
                .dataFormat(CNN2DFormat.NCHW);
        layers.add(builder.name(nextName("batch_normalization")).build());
        return this;
    }

    /** Keras' {@code Dropout(rate)}, {@code rate} being the share dropped; nothing when 0. */
    LayerStack dropout(double rate) {
        if (rate > 0) {
            // DL4J's dropout value is the share kept.
            layers.add(new DropoutLayer.Builder(1 - rate).name(nextName("dropout")).build());
        }
        return this;
    }

    /** A fully connected layer; the first after convolutions flattens their output. */
    LayerStack dense(int units) {
        DenseLayer.Builder builder = new DenseLayer.Builder().nOut(units).activation(activation).name(nextName("dense"));
        layers.add(penalty.applyTo(builder).build());
        spatial = false;
        return this;
    }

    /**
     * Ends the stack with {@code classCount()} softmax units (cross-entropy), on the trial's
     * global settings and input type.
     *
     * @throws PluginInputException if the input is not of the stack's kind or too small for it
     */
    MultiLayerConfiguration softmaxOutput(ArchitectureContext context) {
        return finish(context, context.classCount(), Activation.SOFTMAX, LossFunction.MCXENT);
    }

    /**
     * Ends the stack with Keras' binary head, one sigmoid unit with binary cross-entropy, when the
     * dataset has two classes (labels are then one 0/1 column); with more classes, with
     * {@code classCount()} softmax units as {@link #softmaxOutput}.
     */
    MultiLayerConfiguration binaryOrSoftmaxOutput(ArchitectureContext context) {
        return context.classCount() == 2
                ? finish(context, 1, Activation.SIGMOID, LossFunction.XENT)
                : softmaxOutput(context);
    }

    private MultiLayerConfiguration finish(ArchitectureContext context, int units, Activation activation,
                                           LossFunction loss) {
        requireFits(context.inputShape());
        NeuralNetConfiguration.ListBuilder list = context.configure().list();
        layers.forEach(list::layer);
        OutputLayer.Builder head = new OutputLayer.Builder(loss).nOut(units).activation(activation).name(nextName("dense"));
        list.layer(penalty.applyTo(head).build());
        return list.setInputType(context.inputShape().toInputType()).build();
    }

    private LayerStack pool(PoolingType type, String kerasName, int size, int stride) {
        SubsamplingLayer.Builder builder = new SubsamplingLayer.Builder(type, new int[] {size, size},
                new int[] {stride, stride});
        builder.convolutionMode(ConvolutionMode.Truncate);
        builder.dataFormat(CNN2DFormat.NCHW);
        builder.name(nextName(kerasName));
        add(builder.build(), shrinkByPooling(size, stride));
        return this;
    }

    private static IntUnaryOperator shrinkByPooling(int size, int stride) {
        return side -> side < size ? 0 : (side - size) / stride + 1;
    }

    private static ConvolutionMode mode(Padding padding) {
        return padding == Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }

    private void add(Layer layer, IntUnaryOperator sideChange) {
        if (!spatial) {
            throw new IllegalStateException(architecture + ": a convolution or pooling after a dense or global pooling layer");
        }
        layers.add(layer);
        sideChanges.add(sideChange);
    }

    private void takeSequences() {
        if (takes == InputShape.Kind.IMAGE && !sideChanges.isEmpty()) {
            throw new IllegalStateException(architecture + ": 1-D layers after 2-D ones");
        }
        takes = InputShape.Kind.SEQUENCE;
    }

    private String nextName(String kerasName) {
        int used = namesUsed.merge(kerasName, 1, Integer::sum) - 1;
        return used == 0 ? kerasName : kerasName + "_" + used;
    }

    private void requireFits(InputShape shape) {
        if (shape.kind() != takes) {
            throw new PluginInputException(takes == InputShape.Kind.IMAGE
                    ? architecture + " takes images (channels x height x width), but the dataset gives sequences of "
                            + shape + "; choose an architecture for sequences (conv1d-telemetry)"
                    : architecture + " takes sequences (length x channels), but the dataset gives images of " + shape
                            + "; use the csv dataset or an architecture for images");
        }
        if (takes == InputShape.Kind.SEQUENCE) {
            if (!fits(shape.width())) {
                throw new PluginInputException(architecture + " takes sequences of at least " + smallestSide()
                        + " steps with these parameters, but the dataset gives " + shape
                        + " (length x channels); use longer sequences (more feature columns, or a window) or another architecture");
            }
        } else if (!fits(shape.height()) || !fits(shape.width())) {
            int smallest = smallestSide();
            throw new PluginInputException(architecture + " takes images of at least " + smallest + "x" + smallest
                    + " pixels with these parameters, but the dataset gives " + shape
                    + "; use larger images or another architecture");
        }
    }

    /** Whether a side (or sequence length) of {@code side} keeps at least one step through every layer. */
    private boolean fits(int side) {
        int remaining = side;
        for (IntUnaryOperator change : sideChanges) {
            remaining = change.applyAsInt(remaining);
            if (remaining < 1) {
                return false;
            }
        }
        return true;
    }

    private int smallestSide() {
        for (int side = 1; side <= LARGEST_SIDE; side++) {
            if (fits(side)) {
                return side;
            }
        }
        throw new IllegalStateException(architecture + " takes no input up to " + LARGEST_SIDE + " a side");
    }
}
