package org.cnnworkbench.plugins.architectures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.config.KerasModelConfiguration;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trained weights from a Keras {@code .h5} — a {@code model.save()} file (weights under
 * {@code model_weights}) or a {@code model.save_weights()} file (weights at the root) — into a
 * network {@link KerasJsonFactory} built from the same model JSON. DL4J's import reads the file
 * into a reference network in Keras' channels-last layout; each parameter is then copied by layer
 * name into the engine's channels-first network. Kernels have the same layout in both; only the
 * first dense layer after a {@code Flatten} differs, its rows being in Keras' height-width-channel
 * order, so they are reordered to channel-height-width.
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
            int sourceIndex = source.getIndex();
            for (String key : layer.paramTable().keySet()) {
                INDArray value = source.getParam(key);
                if (value == null) {
                    throw new PluginInputException("keras-json: weights " + h5 + " have no " + key + " for layer '" + name + "'");
                }
                if ("W".equals(key)) {
                    value = channelsFirstRows(value, conf.getInputPreProcess(i),
                            reference.getLayerWiseConfigurations().getInputPreProcess(sourceIndex));
                }
                INDArray target = layer.getParam(key);
                if (!Arrays.equals(target.shape(), value.shape())) {
                    throw new PluginInputException("keras-json: weights " + h5 + " give layer '" + name + "' a " + key
                            + " of shape " + Arrays.toString(value.shape()) + " where the model has "
                            + Arrays.toString(target.shape()) + "; save the weights of this model");
                }
                target.assign(value.castTo(target.dataType()));
            }
        }
    }

    private static MultiLayerNetwork reference(KerasModelFile file, Path json, Path h5) {
        if (!Files.isRegularFile(h5)) {
            throw new PluginInputException("keras-json: weights file " + h5 + " does not exist; give the .h5 written by"
                    + " model.save() or model.save_weights(), or leave weights out");
        }
        try {
            boolean wholeModel;
            try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
                wholeModel = archive.getGroups().contains("model_weights");
                List<String> saved = wholeModel ? archive.getGroups("model_weights") : archive.getGroups();
                if (!new HashSet<>(saved).equals(new HashSet<>(file.layerNames()))) {
                    throw new PluginInputException("keras-json: weights " + h5 + " are of the layers " + saved + ", but "
                            + json + " has the layers " + file.layerNames() + "; give the .h5 saved from this model");
                }
            }
            try (KerasModelBuilder builder = new KerasModelBuilder(new KerasModelConfiguration())) {
                builder.modelJsonFilename(json.toString()).enforceTrainingConfig(false);
                if (wholeModel) {
                    builder.weightsHdf5Filename(h5.toString());
                } else {
                    builder.weightsHdf5FilenameNoRoot(h5.toString());
                }
                KerasSequentialModel model = builder.buildSequential();
                return model.getMultiLayerNetwork(true);
            }
        } catch (PluginInputException e) {
            throw e;
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new PluginInputException("keras-json: DL4J cannot read the weights " + h5 + " for " + json + ": "
                    + e.getMessage() + "; give the .h5 written by model.save() or model.save_weights() of this model", e);
        }
    }

    /** A dense kernel after Keras' Flatten, its rows reordered from height-width-channel to channel-height-width. */
    private static INDArray channelsFirstRows(INDArray kernel, InputPreProcessor ours, InputPreProcessor keras) {
        if (!(ours instanceof CnnToFeedForwardPreProcessor flatten)
                || !(keras instanceof CnnToFeedForwardPreProcessor kerasFlatten)
                || kerasFlatten.getFormat() != CNN2DFormat.NHWC) {
            return kernel;
        }
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
