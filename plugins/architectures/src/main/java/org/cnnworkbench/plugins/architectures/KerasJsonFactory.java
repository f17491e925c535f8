package org.cnnworkbench.plugins.architectures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.pf4j.Extension;

/**
 * A network from a Keras {@code model.to_json()} file (Keras 2.x or tf.keras of TF 2.x), through
 * DL4J's Keras import, so users bring the architectures of their notebooks: a Sequential model
 * becomes a layer stack, a functional model ({@code keras.Model(inputs, outputs)}, with
 * {@code Add}, {@code Multiply}, {@code Concatenate}, {@code DepthwiseConv2D}, ...) a layer graph
 * (see {@link KerasGraph}). The file is vetted first by {@link KerasModelFile}: only the layers DL4J
 * imports; a {@code Lambda}, a custom class or a nested model is refused, naming the layer and its
 * class.
 *
 * <p>The imported layers keep Keras' hyperparameters and initialisers but train with the trial's
 * optimizer, seed and data type, in the engine's NCHW / NCW layout. The last layer must be a Dense
 * of {@code classCount()} softmax units (a Dense without activation, i.e. logits, gets softmax),
 * or of one sigmoid unit for two classes; it becomes the output layer with cross-entropy (binary
 * cross-entropy for the sigmoid unit). The model's input shape must be the dataset's. Keras'
 * {@code l2} factors are doubled for DL4J, whose L2 is defined on ½·Σw².
 *
 * <p>Without {@code weights} the network starts from the trial's seed with Keras' initialisers;
 * with {@code weights}, a Keras {@code .h5} of the same model ({@code model.save} or
 * {@code model.save_weights}), from its trained weights (see {@link KerasWeights}) — the course's
 * transfer learning, offline.
 */
@Extension
public class KerasJsonFactory extends ConfigurableExtension implements ArchitectureFactory {
    static final String PATH = "path";
    static final String WEIGHTS = "weights";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.requiredPath(PATH, "the Keras model.to_json() file of a Sequential or functional model (Keras 2.x or TF 2.x)"),
            ParamSpec.optionalPath(WEIGHTS, "a Keras .h5 of this model (model.save or model.save_weights) to start from its weights"));

    public KerasJsonFactory() {
        super("keras-json",
                "A Sequential or functional Keras model from its model.to_json() file, through DL4J's Keras import",
                PARAMETERS);
    }

    @Override
    public ModelConfiguration configuration(Params params, ArchitectureContext context) {
        Path path = params.getPath(PATH);
        KerasModelFile file = KerasModelFile.read(path);
        if (!file.functional()) {
            return ModelConfiguration.stack(build(params, context));
        }
        requireShape(file, path, context.inputShape());
        return ModelConfiguration.graph(KerasGraph.configuration(file, context));
    }

    @Override
    public Model createNetwork(Params params, ArchitectureContext context) {
        ModelConfiguration configuration = configuration(params, context);
        if (configuration instanceof ModelConfiguration.Stack) {
            return create(params, context);
        }
        ComputationGraph network = ((ModelConfiguration.Graph) configuration).newNetwork();
        if (params.has(WEIGHTS)) {
            Path path = params.getPath(PATH);
            KerasWeights.copy(KerasModelFile.read(path), path, params.getPath(WEIGHTS), network);
        }
        return network;
    }

    /** The layer stack of a Sequential model; a functional model is a graph ({@link #configuration}). */
    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        Path path = params.getPath(PATH);
        KerasModelFile file = KerasModelFile.read(path);
        if (file.functional()) {
            throw new PluginInputException("keras-json: " + path + " is a functional model, which builds a layer graph,"
                    + " not a stack; the engine builds it through configuration()");
        }
        requireShape(file, path, context.inputShape());
        List<Layer> layers = importedLayers(path);

        Layer last = layers.remove(layers.size() - 1);
        IActivation headActivation;
        DenseLayer dense;
        if (last instanceof ActivationLayer activation && !layers.isEmpty()
                && layers.get(layers.size() - 1) instanceof DenseLayer before
                && before.getActivationFn() instanceof ActivationIdentity) {
            // Dense(n) followed by Activation('softmax'): one output layer, as Keras computes it.
            layers.remove(layers.size() - 1);
            dense = before;
            headActivation = activation.getActivationFn();
        } else if (last instanceof DenseLayer lastDense) {
            dense = lastDense;
            headActivation = lastDense.getActivationFn();
        } else {
            throw new PluginInputException("keras-json: " + path + ": the last layer '" + last.getLayerName() + "' is a "
                    + last.getClass().getSimpleName() + "; end the model with Dense(classes, activation='softmax')"
                    + " (or Dense(1, activation='sigmoid') for two classes)");
        }

        NeuralNetConfiguration.ListBuilder list = context.configure().list();
        for (Layer layer : layers) {
            list.layer(forTrial(layer, file));
        }
        list.layer(head(path, dense, headActivation, context.classCount()));
        return list.setInputType(context.inputShape().toInputType()).build();
    }

    @Override
    public MultiLayerNetwork create(Params params, ArchitectureContext context) {
        MultiLayerNetwork network = ArchitectureFactory.super.create(params, context);
        if (params.has(WEIGHTS)) {
            Path path = params.getPath(PATH);
            KerasWeights.copy(KerasModelFile.read(path), path, params.getPath(WEIGHTS), network);
        }
        return network;
    }

    static void requireShape(KerasModelFile file, Path path, InputShape dataset) {
        InputShape declared = file.declaredShape();
        if (declared == null) {
            if (file.flatInputSize() != dataset.size()) {
                throw new PluginInputException("keras-json: " + path + " takes flat inputs of " + file.flatInputSize()
                        + " values, but the dataset gives " + dataset + " = " + dataset.size() + " values; make them agree");
            }
        } else if (!declared.equals(dataset)) {
            throw new PluginInputException("keras-json: " + path + " takes inputs of " + declared + " (Keras order: "
                    + (declared.kind() == InputShape.Kind.IMAGE ? "height x width x channels" : "steps x channels")
                    + "), but the dataset gives " + dataset + "; set the dataset's size and colour to the model's, or the"
                    + " model's input_shape to the dataset's");
        }
    }

    private static List<Layer> importedLayers(Path path) {
        MultiLayerConfiguration imported;
        try {
            imported = KerasModelImport.importKerasSequentialConfiguration(path.toString());
        } catch (IOException | InvalidKerasConfigurationException | UnsupportedKerasConfigurationException
                 | RuntimeException e) {
            throw new PluginInputException("keras-json: DL4J cannot import " + path + ": " + e.getMessage(), e);
        }
        List<Layer> layers = new ArrayList<>();
        imported.getConfs().forEach(conf -> layers.add(conf.getLayer()));
        return layers;
    }

    /**
     * An imported layer set up for the trial: the engine's layout (NCHW, NCW) in place of Keras'
     * channels-last, no optimizer of its own (the trial's applies), Keras' L2 factor for DL4J, and
     * Keras' dropout rates (which DL4J M2.1's import loses).
     */
    static Layer forTrial(Layer layer, KerasModelFile file) {
        if (layer instanceof DropoutLayer) {
            double rate = file.dropoutRates().getOrDefault(layer.getLayerName(), 0.0);
            // DL4J's dropout value is the share kept.
            layer.setIDropout(rate > 0 ? new Dropout(1 - rate) : null);
        } else {
            layer.setIDropout(null);
        }
        if (layer instanceof Convolution1DLayer conv1d) {
            conv1d.setRnnDataFormat(RNNFormat.NCW);
        } else if (layer instanceof ConvolutionLayer conv) {
            conv.setCnn2dDataFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof SubsamplingLayer pooling) {
            pooling.setCnn2dDataFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof BatchNormalization bn) {
            bn.setCnn2DFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof ZeroPaddingLayer padding) {
            padding.setDataFormat(CNN2DFormat.NCHW);
        } else if (layer instanceof GlobalPoolingLayer global) {
            global.setPoolingDimensions(null);
        }
        if (layer instanceof BaseLayer base) {
            base.setIUpdater(null);
            base.setBiasUpdater(null);
            base.setRegularization(kerasL2(base.getRegularization()));
        }
        return layer;
    }

    private static List<Regularization> kerasL2(List<Regularization> imported) {
        List<Regularization> result = new ArrayList<>();
        for (Regularization r : imported == null ? List.<Regularization>of() : imported) {
            result.add(r instanceof L2Regularization l2 ? new L2Regularization(2 * l2.getL2().valueAt(0, 0)) : r);
        }
        return result;
    }

    static OutputLayer head(Path path, DenseLayer dense, IActivation activation, int classes) {
        long units = dense.getNOut();
        boolean sigmoid = activation instanceof ActivationSigmoid;
        boolean softmax = activation instanceof ActivationSoftmax || activation instanceof ActivationIdentity;
        if (!sigmoid && !softmax) {
            throw new PluginInputException("keras-json: " + path + ": the last layer '" + dense.getLayerName() + "' has the"
                    + " activation " + activation + "; a classifier ends with softmax (or sigmoid for one unit)");
        }
        if (sigmoid ? !(units == 1 && classes == 2) : units != classes) {
            throw new PluginInputException("keras-json: " + path + ": the last layer '" + dense.getLayerName() + "' has "
                    + units + " " + (sigmoid ? "sigmoid" : "softmax") + " unit(s), but the dataset has " + classes
                    + " classes; give it " + classes + " softmax units" + (classes == 2 ? " or 1 sigmoid unit" : ""));
        }
        OutputLayer.Builder head = new OutputLayer.Builder(sigmoid ? LossFunction.XENT : LossFunction.MCXENT)
                .nIn(dense.getNIn())
                .nOut(units)
                .activation(sigmoid ? activation : new ActivationSoftmax())
                .weightInit(dense.getWeightInitFn())
                .hasBias(dense.hasBias())
                .name(dense.getLayerName());
        head.regularization(kerasL2(dense.getRegularization()));
        return head.build();
    }
}
