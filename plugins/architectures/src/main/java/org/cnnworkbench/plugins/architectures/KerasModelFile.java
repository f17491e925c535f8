package org.cnnworkbench.plugins.architectures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * A Keras {@code model.to_json()} file as read before DL4J's import sees it: a Sequential model of
 * Keras 2.x or TF 2.x whose every layer is of a class on {@link #IMPORTABLE}, and the input shape
 * it declares. Anything else — a {@code Lambda} (which carries pickled Python), a custom or
 * registered class, a nested model, a functional model, a Keras 3 file — is refused with a
 * {@link PluginInputException} naming the layer and its class. The file is only parsed as JSON;
 * nothing in it is ever executed.
 */
record KerasModelFile(Path path, JsonNode layers, boolean channelsFirst) {

    /** Keras layer classes that DL4J imports into a sequential network this workbench trains. */
    static final Set<String> IMPORTABLE = Set.of(
            "InputLayer", "Dense", "Conv1D", "Conv2D",
            "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
            "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
            "Flatten", "Dropout", "BatchNormalization", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax",
            "ZeroPadding2D");

    /**
     * Reads and vets {@code path}.
     *
     * @throws PluginInputException if the file is missing, not JSON, not a Sequential Keras 2 model,
     *                              or has a layer DL4J cannot import
     */
    static KerasModelFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new PluginInputException("keras-json: model file " + path + " does not exist; give the path of the file"
                    + " written by model.to_json() in the notebook");
        }
        JsonNode model;
        try {
            model = new ObjectMapper().readTree(Files.readString(path));
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new PluginInputException("keras-json: " + path + " is not JSON (" + line + e.getOriginalMessage()
                    + "); give the text written by model.to_json()", e);
        } catch (IOException e) {
            throw new PluginInputException("keras-json: cannot read " + path + ": " + e.getMessage(), e);
        }
        if (model == null || !model.isObject() || !model.has("class_name")) {
            throw new PluginInputException("keras-json: " + path + " is not a Keras model (no class_name at the top);"
                    + " give the text written by model.to_json()");
        }
        String version = model.path("keras_version").asText("");
        if (version.startsWith("3")) {
            throw new PluginInputException("keras-json: " + path + " was written by Keras " + version + ", whose format DL4J"
                    + " cannot import; write it with Keras 2.x or tf.keras of TF 2.x (up to 2.15), or tf_keras");
        }
        String modelClass = model.path("class_name").asText();
        if (!modelClass.equals("Sequential")) {
            throw new PluginInputException("keras-json: " + path + " holds a " + modelClass + " model; keras-json takes"
                    + " Sequential models (keras.Sequential([...]))");
        }
        JsonNode config = model.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new PluginInputException("keras-json: " + path + " has no layers (config.layers is empty or missing)");
        }
        boolean channelsFirst = false;
        boolean sequence = false;
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            requireImportable(path, i, layer);
            String className = layer.path("class_name").asText();
            channelsFirst |= "channels_first".equals(layer.path("config").path("data_format").asText());
            sequence |= className.endsWith("1D") && !className.startsWith("Global");
            if (className.equals("Flatten") && sequence) {
                // DL4J would apply the next Dense to every step instead of to the flattened sequence.
                throw new PluginInputException("keras-json: " + path + ": layer '" + layer.path("config").path("name").asText()
                        + "' flattens a sequence (class Flatten after 1-D layers), which keras-json cannot import;"
                        + " use GlobalMaxPooling1D or GlobalAveragePooling1D there, as the telemetry model does");
            }
            if (className.startsWith("Global") || className.equals("Flatten")) {
                sequence = false;
            }
        }
        return new KerasModelFile(path, layers, channelsFirst);
    }

    private static void requireImportable(Path path, int index, JsonNode layer) {
        String className = layer.path("class_name").asText("");
        String name = layer.path("config").path("name").asText("#" + index);
        JsonNode registered = layer.path("registered_name");
        boolean custom = !registered.isMissingNode() && !registered.isNull() && !registered.asText().equals(className);
        if (!IMPORTABLE.contains(className) || custom) {
            String why = className.equals("Lambda")
                    ? "a Lambda layer carries Python code, which is never run here"
                    : custom ? "it is a custom class (registered as " + registered.asText() + ")"
                    : "DL4J cannot import it into a sequential network";
            throw new PluginInputException("keras-json: " + path + ": layer '" + name + "' is of class " + className
                    + " (layer " + index + "), which keras-json refuses: " + why + ". Rebuild the model from the layers"
                    + " keras-json takes: " + String.join(", ", IMPORTABLE.stream().sorted().toList()));
        }
    }

    /**
     * The shape of one sample as the model declares it ({@code batch_input_shape} of its first
     * layer or its InputLayer), in the engine's terms; for a flat input {@code (None, n)}, null
     * (any image or sequence of n values fits).
     *
     * @throws PluginInputException if the model declares no input shape or an unusable one
     */
    InputShape declaredShape() {
        JsonNode shape = layers.get(0).path("config").path("batch_input_shape");
        if (!shape.isArray() || shape.size() < 2) {
            throw new PluginInputException("keras-json: " + path + " declares no input shape (batch_input_shape of its first"
                    + " layer); build the model with input_shape=... or an Input layer before calling to_json()");
        }
        List<Integer> dims = new ArrayList<>();
        for (int i = 1; i < shape.size(); i++) {
            if (!shape.get(i).canConvertToInt() || shape.get(i).asInt() < 1) {
                throw new PluginInputException("keras-json: " + path + " declares the input shape " + shape
                        + " with an open or bad size; give every dimension a size");
            }
            dims.add(shape.get(i).asInt());
        }
        return switch (dims.size()) {
            case 1 -> null;
            case 2 -> InputShape.sequence(dims.get(1), dims.get(0));
            case 3 -> channelsFirst
                    ? InputShape.image(dims.get(0), dims.get(1), dims.get(2))
                    : InputShape.image(dims.get(2), dims.get(0), dims.get(1));
            default -> throw new PluginInputException("keras-json: " + path + " declares the input shape " + shape
                    + "; keras-json takes images (height, width, channels) and sequences (steps, channels)");
        };
    }

    /**
     * The {@code rate} of each {@code Dropout} layer by layer name: DL4J 1.0.0-M2.1's import reads
     * none (its dropout layers keep every unit), so the workbench sets them from the file.
     */
    Map<String, Double> dropoutRates() {
        Map<String, Double> rates = new HashMap<>();
        for (JsonNode layer : layers) {
            if (layer.path("class_name").asText().equals("Dropout")) {
                rates.put(layer.path("config").path("name").asText(), layer.path("config").path("rate").asDouble(0));
            }
        }
        return rates;
    }

    /** The names of the model's layers, InputLayer aside, in order: the groups of its Keras weights file. */
    List<String> layerNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode layer : layers) {
            if (!layer.path("class_name").asText().equals("InputLayer")) {
                names.add(layer.path("config").path("name").asText());
            }
        }
        return names;
    }

    /** The number of values of a flat input {@code (None, n)}. */
    int flatInputSize() {
        return layers.get(0).path("config").path("batch_input_shape").get(1).asInt();
    }
}
