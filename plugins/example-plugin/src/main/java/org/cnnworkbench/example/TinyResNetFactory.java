package org.cnnworkbench.example;

import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.pf4j.Extension;

/**
 * A tiny residual network, the graph counterpart of {@link TinyCnnFactory}: Conv(filters, 3x3,
 * same, relu), then one residual block — Conv 3x3 (relu) → Conv 3x3, added to the block's input
 * (Keras' {@code Add()([x, y])}) → ReLU — then global average pooling and Dense(classes, softmax).
 * On 16x16x1 images and 3 classes the defaults give 1,275 parameters.
 *
 * <p>What a graph architecture does beyond a stack (plugin API 0.2.0):
 * <ul>
 *   <li><b>Override {@link #configuration}</b>, not {@code build}, and return
 *       {@link ModelConfiguration#graph} of a {@code context.configure().graphBuilder()}: the same
 *       trial settings as a stack's {@code configure().list()}.</li>
 *   <li><b>One input, one output.</b> Name the input ({@code addInputs}), give its type
 *       ({@code setInputTypes(inputShape().toInputType())}, so DL4J sizes every layer), and end in
 *       one output layer of {@code classCount()} softmax units ({@code setOutputs}).</li>
 *   <li><b>Each layer names what it reads</b>, as {@code y = Layer(...)(x)} does in Keras: a merge
 *       such as {@link ElementWiseVertex} reads two or more. The shapes it adds must agree, which
 *       {@code same} padding keeps here.</li>
 * </ul>
 * The engine trains, checkpoints, resumes, summarises and predicts with a graph as with a stack.
 */
@Extension
public class TinyResNetFactory implements ArchitectureFactory {
    static final String FILTERS = "filters";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer(FILTERS, 8, 1, 512, "filters of each 3x3 convolution"));

    @Override
    public String id() {
        return "example-tiny-resnet";
    }

    @Override
    public String description() {
        return "Tiny residual network: a 3x3 convolution, one residual block (two convolutions and an Add),"
                + " global average pooling, softmax";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public ModelConfiguration configuration(Params params, ArchitectureContext context) {
        InputShape shape = context.inputShape();
        if (shape.kind() != InputShape.Kind.IMAGE) {
            throw new PluginInputException(id() + " takes images (channels x height x width), but the dataset gives"
                    + " sequences of " + shape + "; choose an architecture for sequences");
        }
        int filters = params.getInt(FILTERS);
        ComputationGraphConfiguration.GraphBuilder graph = context.configure().graphBuilder()
                .addInputs("input_1")
                .setInputTypes(shape.toInputType())
                .addLayer("conv2d", conv(filters, Activation.RELU), "input_1")
                // The residual block: two convolutions beside the shortcut, then their sum.
                .addLayer("conv2d_1", conv(filters, Activation.RELU), "conv2d")
                .addLayer("conv2d_2", conv(filters, Activation.IDENTITY), "conv2d_1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv2d", "conv2d_2")
                .addLayer("activation", new ActivationLayer.Builder().activation(Activation.RELU).build(), "add")
                .addLayer("global_average_pooling2d", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "activation")
                .addLayer("dense", new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(context.classCount())
                        .activation(Activation.SOFTMAX)
                        .build(), "global_average_pooling2d")
                .setOutputs("dense");
        return ModelConfiguration.graph(graph.build());
    }

    private static ConvolutionLayer conv(int filters, Activation activation) {
        return new ConvolutionLayer.Builder(3, 3)
                .nOut(filters)
                .activation(activation)
                .convolutionMode(ConvolutionMode.Same)
                .build();
    }
}
