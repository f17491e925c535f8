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
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A Keras-like sequential stack for DL4J: layers in NCHW, named as Keras names them
 * ({@code conv2d}, {@code conv2d_1}, ...), with Keras' padding words, Keras' dropout rate (the
 * share dropped) and a softmax head. It follows how each layer shrinks the image, so that an
 * input too small for the stack is refused with the smallest size it takes, before DL4J sees it.
 * One stack builds one configuration.
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

    private final String architecture;
    private final List<Layer> layers = new ArrayList<>();
    private final List<IntUnaryOperator> sideChanges = new ArrayList<>();
    private final Map<String, Integer> namesUsed = new HashMap<>();

    /** @param architecture the architecture's id, for messages */
    LayerStack(String architecture) {
        this.architecture = architecture;
    }

    /** The DL4J activation of a Keras activation name ({@code relu}, {@code tanh}, ...). */
    static Activation activation(String kerasName) {
        return Activation.valueOf(kerasName.toUpperCase(Locale.ROOT));
    }

    /** A 2-D convolution with stride 1. */
    LayerStack conv(int filters, int kernel, Activation activation, Padding padding) {
        layers.add(new ConvolutionLayer.Builder(kernel, kernel)
                .nOut(filters)
                .activation(activation)
                .convolutionMode(padding == Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                .dataFormat(CNN2DFormat.NCHW)
                .name(nextName("conv2d"))
                .build());
        sideChanges.add(padding == Padding.SAME ? side -> side : side -> side - kernel + 1);
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

    /** Keras' {@code Dropout(rate)}, {@code rate} being the share dropped; nothing when 0. */
    LayerStack dropout(double rate) {
        if (rate > 0) {
            // DL4J's dropout value is the share kept.
            layers.add(new DropoutLayer.Builder(1 - rate).name(nextName("dropout")).build());
        }
        return this;
    }

    /** A fully connected layer; the first after convolutions flattens their output. */
    LayerStack dense(int units, Activation activation) {
        layers.add(new DenseLayer.Builder().nOut(units).activation(activation).name(nextName("dense")).build());
        return this;
    }

    /**
     * Ends the stack with {@code classCount()} softmax units (cross-entropy), on the trial's
     * global settings and input type.
     *
     * @throws PluginInputException if the input is not an image or is too small for the stack
     */
    MultiLayerConfiguration softmaxOutput(ArchitectureContext context) {
        requireFits(context.inputShape());
        NeuralNetConfiguration.ListBuilder list = context.configure().list();
        layers.forEach(list::layer);
        list.layer(new OutputLayer.Builder(LossFunction.MCXENT)
                .nOut(context.classCount())
                .activation(Activation.SOFTMAX)
                .name(nextName("dense"))
                .build());
        return list.setInputType(context.inputShape().toInputType()).build();
    }

    private LayerStack pool(PoolingType type, String kerasName, int size, int stride) {
        SubsamplingLayer.Builder builder = new SubsamplingLayer.Builder(type, new int[] {size, size},
                new int[] {stride, stride});
        builder.convolutionMode(ConvolutionMode.Truncate);
        builder.dataFormat(CNN2DFormat.NCHW);
        builder.name(nextName(kerasName));
        layers.add(builder.build());
        sideChanges.add(side -> side < size ? 0 : (side - size) / stride + 1);
        return this;
    }

    private String nextName(String kerasName) {
        int used = namesUsed.merge(kerasName, 1, Integer::sum) - 1;
        return used == 0 ? kerasName : kerasName + "_" + used;
    }

    private void requireFits(InputShape shape) {
        if (shape.kind() != InputShape.Kind.IMAGE) {
            throw new PluginInputException(architecture + " takes images (channels x height x width), but the dataset"
                    + " gives sequences of " + shape + "; choose an architecture for sequences");
        }
        if (!fits(shape.height()) || !fits(shape.width())) {
            int smallest = smallestSide();
            throw new PluginInputException(architecture + " takes images of at least " + smallest + "x" + smallest
                    + " pixels with these parameters, but the dataset gives " + shape
                    + "; use larger images or another architecture");
        }
    }

    /** Whether an image side of {@code side} pixels keeps at least one pixel through every layer. */
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
        throw new IllegalStateException(architecture + " takes no image up to " + LARGEST_SIDE + " pixels a side");
    }
}
