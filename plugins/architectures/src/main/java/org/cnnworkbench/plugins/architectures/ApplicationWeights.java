package org.cnnworkbench.plugins.architectures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The weights of a {@code keras.applications} base saved by Keras in HDF5 — the published
 * {@code weights: imagenet} files, a {@code model.save_weights()} file, or a {@code model.save()}
 * file (weights under {@code model_weights}) — copied into the built graph by layer name.
 *
 * <p>Each weighted layer of the base must be in the file with the shapes Keras gives it; a layer
 * of the graph that the file lacks keeps its fresh weights only when it is not a base layer (the
 * head of {@code include_top: false}). Keras' channels-last tensors become DL4J's channels-first:
 * a convolution kernel {@code [h, w, in, out]} becomes {@code [out, in, h, w]}; a depthwise kernel
 * {@code [h, w, in, 1]} is DL4J's layout already; a dense kernel after Keras' {@code Flatten} has
 * its rows reordered from height-width-channel to channel-height-width; batch normalisation's
 * gamma, beta, moving mean and moving variance go to DL4J's gamma, beta, mean and var.
 */
final class ApplicationWeights {

    private ApplicationWeights() {
    }

    /**
     * Copies the weights of {@code h5} into {@code network}.
     *
     * @param base the names of the base's layers, which the file must hold
     * @return the number of layers copied
     * @throws PluginInputException naming the file and the layer when the file cannot be read or does not fit
     */
    static int copy(Path h5, ComputationGraph network, Set<String> base, String architecture) {
        if (!Files.isRegularFile(h5)) {
            throw new PluginInputException(architecture + ": weights file " + h5 + " does not exist; give a .h5 saved by Keras"
                    + " (model.save() or model.save_weights()) of " + architecture + ", imagenet, or none");
        }
        int copied = 0;
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            String[] root = archive.getGroups().contains("model_weights") ? new String[] {"model_weights"} : new String[0];
            Set<String> saved = Set.copyOf(archive.getGroups(root));
            for (Map.Entry<String, GraphVertex> entry : network.getConfiguration().getVertices().entrySet()) {
                String name = entry.getKey();
                if (!(entry.getValue() instanceof LayerVertex vertex)) {
                    continue;
                }
                Layer layer = network.getLayer(name);
                if (layer.numParams() == 0) {
                    continue;
                }
                if (!saved.contains(name)) {
                    if (base.contains(name)) {
                        throw new PluginInputException(architecture + ": weights " + h5 + " have no layer '" + name
                                + "' of the base; give a .h5 of keras.applications' " + architecture + " (its layers are named as"
                                + " Keras names them)");
                    }
                    continue;
                }
                Map<String, INDArray> tensors = tensors(archive, path(root, name));
                boolean afterFlatten = vertex.getPreProcessor() instanceof CnnToFeedForwardPreProcessor;
                copyLayer(h5, architecture, name, layer, tensors,
                        afterFlatten ? (CnnToFeedForwardPreProcessor) vertex.getPreProcessor() : null);
                copied++;
            }
        } catch (PluginInputException e) {
            throw e;
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new PluginInputException(architecture + ": cannot read the weights " + h5 + ": " + e.getMessage()
                    + "; give a .h5 saved by Keras (model.save() or model.save_weights())", e);
        }
        return copied;
    }

    private static void copyLayer(Path h5, String architecture, String name, Layer layer, Map<String, INDArray> tensors,
                                  CnnToFeedForwardPreProcessor flatten) {
        for (String key : layer.paramTable().keySet()) {
            INDArray value = switch (key) {
                case "W" -> kernel(tensors, flatten);
                case "b" -> tensors.get("bias");
                case "gamma" -> tensors.get("gamma");
                case "beta" -> tensors.get("beta");
                case "mean" -> tensors.get("moving_mean");
                case "var" -> tensors.get("moving_variance");
                // DL4J keeps log10 of the standard deviation: variance = (10^log10stdev)^2.
                case "log10stdev" -> tensors.get("moving_variance") == null ? null
                        : Transforms.log(tensors.get("moving_variance"), 10, true).muli(0.5);
                default -> null;
            };
            if (value == null) {
                throw new PluginInputException(architecture + ": weights " + h5 + " have no " + key + " for layer '" + name
                        + "' (it holds " + tensors.keySet() + ")");
            }
            INDArray target = layer.getParam(key);
            boolean fits = value.rank() == target.rank() && value.rank() > 2
                    ? Arrays.equals(value.shape(), target.shape()) : target.length() == value.length();
            if (!fits) {
                throw new PluginInputException(architecture + ": weights " + h5 + " give layer '" + name + "' a " + key + " of shape "
                        + Arrays.toString(value.shape()) + " where the model has " + Arrays.toString(target.shape())
                        + "; give a .h5 of the same architecture, input channels and classes");
            }
            target.assign(value.reshape(target.shape()).castTo(target.dataType()));
        }
    }

    /** The layer's kernel in DL4J's layout. */
    private static INDArray kernel(Map<String, INDArray> tensors, CnnToFeedForwardPreProcessor flatten) {
        INDArray depthwise = tensors.get("depthwise_kernel");
        if (depthwise != null) {
            return depthwise;
        }
        INDArray kernel = tensors.get("kernel");
        if (kernel == null) {
            return null;
        }
        if (kernel.rank() == 4) {
            return kernel.permute(3, 2, 0, 1).dup('c');
        }
        if (kernel.rank() == 2 && flatten != null) {
            long height = flatten.getInputHeight();
            long width = flatten.getInputWidth();
            long channels = flatten.getNumChannels();
            long units = kernel.size(1);
            if (height * width * channels == kernel.size(0)) {
                return kernel.reshape('c', height, width, channels, units).permute(2, 0, 1, 3).dup('c')
                        .reshape('c', channels * height * width, units);
            }
        }
        return kernel;
    }

    /**
     * The layer's tensors by Keras' weight name ({@code kernel}, {@code bias}, {@code gamma}, ...),
     * from TF 2.x files ({@code layer/layer/kernel:0}) and Keras 2.0 ones ({@code layer/layer_W_1:0}).
     */
    private static Map<String, INDArray> tensors(Hdf5Archive archive, String[] group) throws Exception {
        Map<String, INDArray> found = new HashMap<>();
        collect(archive, group, found, 0);
        return found;
    }

    private static void collect(Hdf5Archive archive, String[] group, Map<String, INDArray> found, int depth) throws Exception {
        for (String dataset : archive.getDataSets(group)) {
            String key = kerasKey(dataset);
            if (key != null) {
                found.put(key, archive.readDataSet(dataset, group));
            }
        }
        if (depth < 3) {
            for (String child : archive.getGroups(group)) {
                collect(archive, path(group, child), found, depth + 1);
            }
        }
    }

    private static String kerasKey(String dataset) {
        String name = dataset.replaceFirst(":\\d+$", "");
        for (String key : List.of("depthwise_kernel", "moving_mean", "moving_variance", "kernel", "bias", "gamma", "beta")) {
            if (name.equals(key) || name.endsWith("/" + key)) {
                return key;
            }
        }
        if (name.matches(".*_W(_\\d+)?$")) {
            return "kernel";
        }
        if (name.matches(".*_b(_\\d+)?$")) {
            return "bias";
        }
        if (name.matches(".*_running_mean(_\\d+)?$")) {
            return "moving_mean";
        }
        if (name.matches(".*_running_std(_\\d+)?$")) {
            return "moving_variance";
        }
        if (name.matches(".*_gamma(_\\d+)?$")) {
            return "gamma";
        }
        if (name.matches(".*_beta(_\\d+)?$")) {
            return "beta";
        }
        return null;
    }

    private static String[] path(String[] parent, String child) {
        List<String> all = new ArrayList<>(List.of(parent));
        all.add(child);
        return all.toArray(String[]::new);
    }
}
