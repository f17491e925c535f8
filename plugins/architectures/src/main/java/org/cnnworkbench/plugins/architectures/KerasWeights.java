package org.cnnworkbench.plugins.architectures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.config.KerasModelConfiguration;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trained weights from a Keras {@code .h5} — a {@code model.save()} file (weights under
 * {@code model_weights}) or a {@code model.save_weights()} file (weights at the root) — into a
 * network {@link KerasJsonFactory} built from the same model JSON (a layer stack of a Sequential
 * model, a graph of a functional one). DL4J's import reads the file into a reference network in
 * Keras' channels-last layout; each parameter is then copied by layer name into the engine's
 * channels-first network. Kernels have the same layout in both; only the first dense layer after a
 * {@code Flatten} differs, its rows being in Keras' height-width-channel order, so they are
 * reordered to channel-height-width.
 */
final class KerasWeights {

    private KerasWeights() {
    }

    /**
     * Copies the weights of {@code h5} into {@code network}.
     *
     * @throws PluginInputException if the file cannot be read or does not fit the model
     */
    static void copy(KerasModelFile file, Path json, Path h5, MultiLayerNetwork network) {
        MultiLayerNetwork reference = reference(file, json, h5);
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer layer = network.getLayer(i);
            if (layer.numParams() == 0) {
                continue;
            }
            String name = conf.getConf(i).getLayer().getLayerName();
            Layer source = reference.getLayer(name);
            for (String key : layer.paramTable().keySet()) {
                INDArray value = source.getParam(key);
                if (value == null) {
                    throw new PluginInputException("keras-json: weights " + h5 + " have no " + key + " for layer '" + name + "'");
                }
                if ("W".equals(key)) {
                    value = kerasFlattened(file, value, conf.getInputPreProcess(i));
                }
                assign(h5, name, key, value, layer.getParam(key));
            }
        }
    }

    /**
     * Copies the weights of {@code h5} into {@code network}, the graph of a functional model.
     *
     * @throws PluginInputException if the file cannot be read or does not fit the model
     */
    static void copy(KerasModelFile file, Path json, Path h5, ComputationGraph network) {
        ComputationGraph reference = referenceGraph(file, json, h5);
        ComputationGraphConfiguration conf = network.getConfiguration();
        for (Layer layer : network.getLayers()) {
            if (layer.numParams() == 0) {
                continue;
            }
            String name = layer.conf().getLayer().getLayerName();
            Layer source = reference.getLayer(name);
            if (source == null) {
                throw new PluginInputException("keras-json: weights " + h5 + " have no layer '" + name + "'");
            }
            for (String key : layer.paramTable().keySet()) {
                INDArray value = source.getParam(key);
                if (value == null) {
                    throw new PluginInputException("keras-json: weights " + h5 + " have no " + key + " for layer '" + name + "'");
                }
                if ("W".equals(key)) {
                    value = kerasFlattened(file, value, preProcessor(conf, name));
                }
                assign(h5, name, key, value, layer.getParam(key));
            }
        }
    }

    private static InputPreProcessor preProcessor(ComputationGraphConfiguration conf, String name) {
        return conf.getVertices().get(name) instanceof LayerVertex vertex ? vertex.getPreProcessor() : null;
    }

    private static void assign(Path h5, String name, String key, INDArray value, INDArray target) {
        if (!Arrays.equals(target.shape(), value.shape())) {
            throw new PluginInputException("keras-json: weights " + h5 + " give layer '" + name + "' a " + key
                    + " of shape " + Arrays.toString(value.shape()) + " where the model has "
                    + Arrays.toString(target.shape()) + "; save the weights of this model");
        }
        target.assign(value.castTo(target.dataType()));
    }

    private static ComputationGraph referenceGraph(KerasModelFile file, Path json, Path h5) {
        try (KerasModelBuilder builder = modelBuilder(file, json, h5)) {
            KerasModel model = builder.buildModel();
            return model.getComputationGraph(true);
        } catch (PluginInputException e) {
            throw e;
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new PluginInputException("keras-json: DL4J cannot read the weights " + h5 + " for " + json + ": "
                    + e.getMessage() + "; give the .h5 written by model.save() or model.save_weights() of this model", e);
        }
    }

    private static MultiLayerNetwork reference(KerasModelFile file, Path json, Path h5) {
        try (KerasModelBuilder builder = modelBuilder(file, json, h5)) {
            KerasSequentialModel model = builder.buildSequential();
            return model.getMultiLayerNetwork(true);
        } catch (PluginInputException e) {
            throw e;
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new PluginInputException("keras-json: DL4J cannot read the weights " + h5 + " for " + json + ": "
                    + e.getMessage() + "; give the .h5 written by model.save() or model.save_weights() of this model", e);
        }
    }

    /** A Keras import builder of {@code json} with the weights of {@code h5}, once the file's layers are checked to be the model's. */
    private static KerasModelBuilder modelBuilder(KerasModelFile file, Path json, Path h5) throws IOException {
        if (!Files.isRegularFile(h5)) {
            throw new PluginInputException("keras-json: weights file " + h5 + " does not exist; give the .h5 written by"
                    + " model.save() or model.save_weights(), or leave weights out");
        }
        boolean wholeModel;
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            wholeModel = archive.getGroups().contains("model_weights");
            List<String> saved = new ArrayList<>(wholeModel ? archive.getGroups("model_weights") : archive.getGroups());
            // A functional model's file has an (empty) group for its InputLayer too.
            saved.removeAll(file.inputLayerNames());
            if (!new HashSet<>(saved).equals(new HashSet<>(file.layerNames()))) {
                throw new PluginInputException("keras-json: weights " + h5 + " are of the layers " + saved + ", but "
                        + json + " has the layers " + file.layerNames() + "; give the .h5 saved from this model");
            }
        } catch (PluginInputException e) {
            throw e;
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new PluginInputException("keras-json: DL4J cannot read the weights " + h5 + " for " + json + ": "
                    + e.getMessage() + "; give the .h5 written by model.save() or model.save_weights() of this model", e);
        }
        KerasModelBuilder builder = new KerasModelBuilder(new KerasModelConfiguration());
        builder.modelJsonFilename(json.toString()).enforceTrainingConfig(false);
        if (wholeModel) {
            builder.weightsHdf5Filename(h5.toString());
        } else {
            builder.weightsHdf5FilenameNoRoot(h5.toString());
        }
        return builder;
    }

    /**
     * A dense kernel as our network reads it: where ours flattens channel-height-width right before
     * the layer, the Keras model had a Flatten somewhere before it (perhaps with a Dropout between;
     * a Keras Dense reads flat inputs only), in height-width-channel order unless it is
     * channels-first, so the rows are reordered.
     */
    private static INDArray kerasFlattened(KerasModelFile file, INDArray kernel, InputPreProcessor ours) {
        if (ours instanceof CnnToFeedForwardPreProcessor flatten && flatten.getFormat() == CNN2DFormat.NCHW
                && !file.channelsFirst()) {
            return channelsFirstRows(kernel, flatten);
        }
        return kernel;
    }

    /** {@code kernel}'s rows, in the height-width-channel order of Keras' Flatten, in {@code flatten}'s channel-height-width order. */
    private static INDArray channelsFirstRows(INDArray kernel, CnnToFeedForwardPreProcessor flatten) {
        long height = flatten.getInputHeight();
        long width = flatten.getInputWidth();
        long channels = flatten.getNumChannels();
        long units = kernel.size(1);
        return kernel.reshape('c', height, width, channels, units)
                .permute(2, 0, 1, 3)
                .dup('c')
                .reshape('c', channels * height * width, units);
    }
}
