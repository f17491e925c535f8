package org.cnnworkbench.example;

import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.pf4j.Extension;

/**
 * A tiny CNN: Conv(filters, 3x3, valid, relu) → MaxPool(2x2) → Dense(dense_units, relu) →
 * Dense(classes, softmax). On 16x16x1 images and 3 classes the defaults give 12,755 parameters.
 *
 * <p>What an {@link ArchitectureFactory} must do, as this one does it:
 * <ul>
 *   <li><b>Only describe the network.</b> The engine calls {@code create} once per trial on the
 *       trial's thread (and once for {@code workbench check}) with validated parameters; its
 *       default initialises a fresh network from {@link #build}, seeded by the trial, and the
 *       engine trains it. The factory keeps no state. (Override {@code create} only to start from
 *       existing weights, e.g. an earlier run's model from {@code context.savedModel(runId)}.)</li>
 *   <li><b>Start from {@link ArchitectureContext#configure()}</b>: it carries the optimizer,
 *       learning rate, seed, weight initialisation and data type of the experiment's
 *       {@code training:} section, which are the user's, not the architecture's.</li>
 *   <li><b>Take the shape from the context</b>: the input shape and class count come from the
 *       dataset; end with {@code classCount()} softmax units and call
 *       {@code setInputType(inputShape().toInputType())} so DL4J sizes every layer.</li>
 *   <li><b>Refuse what it cannot take</b> with {@link PluginInputException}, naming the shape
 *       found, what is needed and a fix: the user sees the message as it is (exit code 2, no
 *       stack trace) and no run is recorded.</li>
 * </ul>
 * Layers are named as Keras names them, so the model summary reads like a Keras one.
 */
@Extension
public class TinyCnnFactory implements ArchitectureFactory {
    static final String FILTERS = "filters";
    static final String DENSE_UNITS = "dense_units";

    private static final int KERNEL = 3;
    private static final int POOL = 2;
    /** A valid 3x3 convolution takes 2 pixels off each side's length; the 2x2 pooling needs 2 left. */
    static final int SMALLEST_SIDE = KERNEL - 1 + POOL;

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer(FILTERS, 8, 1, 512, "filters of the 3x3 convolution"),
            ParamSpec.integer(DENSE_UNITS, 32, 1, 8192, "units of the dense layer before the softmax"));

    @Override
    public String id() {
        return "example-tiny-cnn";
    }

    @Override
    public String description() {
        return "Tiny CNN: one 3x3 convolution, 2x2 max pooling, one dense layer, softmax";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        InputShape shape = context.inputShape();
        requireFits(shape);
        return context.configure().list()
                .layer(new ConvolutionLayer.Builder(KERNEL, KERNEL)
                        .nOut(params.getInt(FILTERS))
                        .activation(Activation.RELU)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .name("conv2d")
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(POOL, POOL)
                        .stride(POOL, POOL)
                        .name("max_pooling2d")
                        .build())
                .layer(new DenseLayer.Builder()
                        .nOut(params.getInt(DENSE_UNITS))
                        .activation(Activation.RELU)
                        .name("dense")
                        .build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(context.classCount())
                        .activation(Activation.SOFTMAX)
                        .name("dense_1")
                        .build())
                .setInputType(shape.toInputType())
                .build();
    }

    /** Checks the input before DL4J sees it, so the user gets a message about their data, not DL4J's internals. */
    private void requireFits(InputShape shape) {
        if (shape.kind() != InputShape.Kind.IMAGE) {
            throw new PluginInputException(id() + " takes images (channels x height x width), but the dataset gives"
                    + " sequences of " + shape + "; choose an architecture for sequences");
        }
        if (shape.height() < SMALLEST_SIDE || shape.width() < SMALLEST_SIDE) {
            throw new PluginInputException(id() + " takes images of at least " + SMALLEST_SIDE + "x" + SMALLEST_SIDE
                    + " pixels (a 3x3 convolution, then 2x2 pooling), but the dataset gives " + shape
                    + " (height x width x channels); use larger images");
        }
    }
}
