package org.cnnworkbench.plugins.architectures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cnnworkbench.api.ArchitectureContext;
import org.cnnworkbench.api.ArchitectureFactory;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.ModelConfiguration;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.pf4j.Extension;

/**
 * Transfer learning from an earlier run of this workbench, as the course does with VGG16's
 * convolutional base: the run's saved model (a layer stack, or a layer graph: see
 * {@link FromRunGraph}), its layers up to {@code freeze_until} frozen (their
 * weights stay as trained), and — with {@code replace_head} — its output layer replaced by a new
 * head for this dataset's classes, optionally after a new relu layer of {@code head: {units: N}} (the
 * flat alias {@code head_units}). The layers
 * that train use the trial's optimizer and seed; the new layers start from the trial's weight
 * initialisation.
 *
 * <p>{@code freeze_until} is a layer name as in the run's model summary ({@code conv2d_2}) or a
 * 0-based index; by default, the convolutional base: every layer before the first dense layer that
 * follows the last convolution or pooling (for a model without convolutions: every layer before the
 * output layer); {@code none} freezes nothing (fine-tuning of the whole network). The new head is
 * one sigmoid unit with binary cross-entropy when the dataset has two classes and the run's head
 * was such a unit too; otherwise {@code classCount()} softmax units with cross-entropy.
 *
 * <p>The run's input shape (recorded beside its model) must be the dataset's; the model is read
 * without its optimizer state, which the new trial does not use.
 */
@Extension
public class FromRunFactory extends ConfigurableExtension implements ArchitectureFactory {
    static final String RUN = "run";
    static final String FREEZE_UNTIL = "freeze_until";
    static final String REPLACE_HEAD = "replace_head";
    static final String HEAD_UNITS = "head_units";

    /** {@code freeze_until} value that freezes no layer. */
    static final String NONE = "none";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.requiredString(RUN,
                    "the earlier run whose saved model to start from, e.g. r3 (see ./workbench runs)"),
            ParamSpec.string(FREEZE_UNTIL, null,
                    "last frozen layer, by name (conv2d_2) or 0-based index; default: the convolutional base; none = train all"),
            ParamSpec.bool(REPLACE_HEAD, true, "replace the output layer by a new one for this dataset's classes"),
            ParamSpec.integer(HEAD_UNITS, 0, 0, 65536, "units of a new relu dense layer before the new output layer, written head: {units: N}; 0 = none"));

    public FromRunFactory() {
        super("from-run",
                "Transfer learning: an earlier run's model with frozen layers and a new head for this dataset",
                PARAMETERS);
    }

    /** The configuration of the network {@link #create} returns (it reads the run's model). */
    @Override
    public MultiLayerConfiguration build(Params params, ArchitectureContext context) {
        return create(params, context).getLayerWiseConfigurations();
    }

    /** The configuration of the network {@link #createNetwork} returns: a stack, or a graph for a run that saved one. */
    @Override
    public ModelConfiguration configuration(Params params, ArchitectureContext context) {
        Model network = createNetwork(params, context);
        return network instanceof ComputationGraph graph
                ? ModelConfiguration.graph(graph.getConfiguration())
                : ModelConfiguration.stack(((MultiLayerNetwork) network).getLayerWiseConfigurations());
    }

    /** The run's model, a layer stack ({@link #create}) or a layer graph (see {@link FromRunGraph}), prepared for this trial. */
    @Override
    public Model createNetwork(Params params, ArchitectureContext context) {
        String run = params.getString(RUN);
        Path file = context.savedModel(run);
        if (isGraph(file)) {
            TrialSettings trial = TrialSettings.of(context);
            return FromRunGraph.create(params, context, run, file, trial.fineTune(), trial.cacheMode());
        }
        return create(params, context);
    }

    @Override
    public MultiLayerNetwork create(Params params, ArchitectureContext context) {
        String run = params.getString(RUN);
        Path file = context.savedModel(run);
        MultiLayerNetwork saved = withoutFrozenLayers(restore(run, file));
        new SavedInput(run, file).requireTakes(saved, context.inputShape());
        MultiLayerConfiguration conf = saved.getLayerWiseConfigurations();
        int layerCount = conf.getConfs().size();
        boolean replaceHead = params.getBoolean(REPLACE_HEAD);
        Layer savedHead = conf.getConf(layerCount - 1).getLayer();
        if (!(savedHead instanceof BaseOutputLayer head)) {
            throw new PluginInputException("run " + run + "'s model does not end in an output layer (its last layer is a "
                    + savedHead.getClass().getSimpleName() + "); from-run takes models trained by this workbench");
        }
        int frozenUntil = frozenUntil(params, conf, run);
        int lastKept = replaceHead ? layerCount - 2 : layerCount - 1;
        if (frozenUntil > lastKept) {
            throw new PluginInputException("freeze_until " + params.getString(FREEZE_UNTIL) + " is run " + run
                    + "'s output layer, which " + (replaceHead ? "replace_head removes" : "would leave nothing to train")
                    + "; choose a layer before it: " + layerNames(conf, lastKept));
        }
        if (!replaceHead) {
            requireHeadFits(head, context.classCount(), run);
        }

        TrialSettings trial = TrialSettings.of(context);
        TransferLearning.Builder builder = new TransferLearning.Builder(saved).fineTuneConfiguration(trial.fineTune());
        if (frozenUntil >= 0) {
            builder.setFeatureExtractor(frozenUntil);
        }
        if (replaceHead) {
            Set<String> names = new HashSet<>(layerNames(conf, layerCount - 1));
            long nIn = head.getNIn();
            builder.removeOutputLayer();
            int headUnits = params.getInt(HEAD_UNITS);
            if (headUnits > 0) {
                builder.addLayer(new DenseLayer.Builder().nIn(nIn).nOut(headUnits).activation(Activation.RELU)
                        .name(freeName("dense", names)).build());
                nIn = headUnits;
            }
            builder.addLayer(newHead(head, context.classCount(), nIn, freeName("dense", names)));
        }
        MultiLayerNetwork network = builder.build();
        network.setCacheMode(trial.cacheMode());
        return network;
    }

    private static MultiLayerNetwork restore(String run, Path file) {
        if (isGraph(file)) {
            throw new PluginInputException("run " + run + " saved a graph model (e.g. resnet, vgg16, mobilenet-v2), which"
                    + " from-run builds through createNetwork, not as a layer stack");
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new PluginInputException("cannot read the saved model of run " + run + " (" + file + "): " + e.getMessage()
                    + "; the file is damaged or not a DL4J model, train the run again", e);
        }
    }

    /** Whether the saved model zip holds a DL4J graph (its configuration has vertices); false when unreadable. */
    private static boolean isGraph(Path file) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            java.util.zip.ZipEntry conf = zip.getEntry("configuration.json");
            if (conf == null) {
                return false;
            }
            try (java.io.InputStream in = zip.getInputStream(conf)) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("\"vertices\"");
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The network with the layers an earlier transfer froze unwrapped (same weights), since DL4J's
     * transfer learning would wrap them twice; {@code freeze_until} decides anew what stays frozen.
     */
    private static MultiLayerNetwork withoutFrozenLayers(MultiLayerNetwork saved) {
        MultiLayerConfiguration conf = saved.getLayerWiseConfigurations().clone();
        boolean frozen = false;
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            if (layerConf.getLayer() instanceof FrozenLayer frozenLayer) {
                layerConf.setLayer(frozenLayer.getLayer());
                frozen = true;
            }
        }
        if (!frozen) {
            return saved;
        }
        MultiLayerNetwork unwrapped = new MultiLayerNetwork(conf);
        unwrapped.init(saved.params().dup(), false);
        return unwrapped;
    }

    /** The index of the last layer to freeze, -1 for none. */
    private static int frozenUntil(Params params, MultiLayerConfiguration conf, String run) {
        int count = conf.getConfs().size();
        if (!params.has(FREEZE_UNTIL)) {
            return convolutionalBaseEnd(conf);
        }
        String value = params.getString(FREEZE_UNTIL).trim();
        if (value.equalsIgnoreCase(NONE)) {
            return -1;
        }
        if (value.matches("\\d+")) {
            int index = Integer.parseInt(value);
            if (index >= count) {
                throw new PluginInputException("freeze_until " + value + " is past run " + run + "'s last layer (index "
                        + (count - 1) + "); its layers are " + layerNames(conf, count - 1));
            }
            return index;
        }
        for (int i = 0; i < count; i++) {
            if (value.equals(conf.getConf(i).getLayer().getLayerName())) {
                return i;
            }
        }
        throw new PluginInputException("freeze_until '" + value + "' names no layer of run " + run + "'s model; its layers are "
                + layerNames(conf, count - 1) + " (or give a 0-based index, or none)");
    }

    /** The last layer before the first dense layer after the last convolution or pooling. */
    private static int convolutionalBaseEnd(MultiLayerConfiguration conf) {
        int count = conf.getConfs().size();
        int lastSpatial = -1;
        for (int i = 0; i < count; i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (layer instanceof ConvolutionLayer || layer instanceof SubsamplingLayer || layer instanceof GlobalPoolingLayer) {
                lastSpatial = i;
            }
        }
        for (int i = lastSpatial + 1; i < count; i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
                return i - 1;
            }
        }
        return count - 2;
    }

    static void requireHeadFits(BaseOutputLayer head, int classes, String run) {
        long units = head.getNOut();
        boolean fits = units == classes || (units == 1 && classes == 2);
        if (!fits) {
            throw new PluginInputException("run " + run + "'s output layer has " + units + " unit(s), but the dataset has "
                    + classes + " classes; set replace_head: true to give it a new head");
        }
    }

    static Layer newHead(BaseOutputLayer savedHead, int classes, long nIn, String name) {
        boolean binary = classes == 2 && savedHead.getNOut() == 1;
        return new OutputLayer.Builder(binary ? LossFunction.XENT : LossFunction.MCXENT)
                .nIn(nIn)
                .nOut(binary ? 1 : classes)
                .activation(binary ? Activation.SIGMOID : Activation.SOFTMAX)
                .name(name)
                .build();
    }

    /** The Keras-style name {@code base}, {@code base_1}, ... not used yet; remembers it as used. */
    static String freeName(String base, Set<String> used) {
        String name = base;
        for (int i = 1; used.contains(name); i++) {
            name = base + "_" + i;
        }
        used.add(name);
        return name;
    }

    private static List<String> layerNames(MultiLayerConfiguration conf, int upTo) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= upTo; i++) {
            names.add(conf.getConf(i).getLayer().getLayerName());
        }
        return names;
    }

    /** What the new trial sets on the layers that train, read from the context's builder. */
    private record TrialSettings(MultiLayerConfiguration probe) {

        static TrialSettings of(ArchitectureContext context) {
            return new TrialSettings(context.configure().list()
                    .layer(new DenseLayer.Builder().nIn(1).nOut(1).build())
                    .build());
        }

        private BaseLayer layer() {
            return (BaseLayer) probe.getConf(0).getLayer();
        }

        FineTuneConfiguration fineTune() {
            BaseLayer layer = layer();
            FineTuneConfiguration.Builder fineTune = new FineTuneConfiguration.Builder()
                    .seed(probe.getConf(0).getSeed())
                    .updater(layer.getIUpdater())
                    .weightInit(layer.getWeightInitFn())
                    .trainingWorkspaceMode(probe.getTrainingWorkspaceMode())
                    .inferenceWorkspaceMode(probe.getInferenceWorkspaceMode());
            if (layer.getBiasUpdater() != null) {
                fineTune.biasUpdater(layer.getBiasUpdater());
            }
            for (Regularization regularization : layer.getRegularization()) {
                if (regularization instanceof L2Regularization l2) {
                    fineTune.l2(l2.getL2().valueAt(0, 0));
                } else if (regularization instanceof L1Regularization l1) {
                    fineTune.l1(l1.getL1().valueAt(0, 0));
                }
            }
            return fineTune.build();
        }

        CacheMode cacheMode() {
            return probe.getCacheMode();
        }
    }
}
