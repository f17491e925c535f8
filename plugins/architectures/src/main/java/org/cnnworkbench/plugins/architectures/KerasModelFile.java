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
 * A Keras {@code model.to_json()} file as read before DL4J's import sees it: a Sequential model, or
 * a functional model ({@code "class_name": "Functional"} of TF 2.x, {@code "Model"} of Keras 2.x)
 * of images with one input and one output, of Keras 2.x or TF 2.x, whose every layer is of a class
 * on {@link #IMPORTABLE} (or, in a functional model, {@link #MERGES} and {@code DepthwiseConv2D}),
 * and the input shape it declares. Anything else — a {@code Lambda} (which carries pickled Python),
 * a custom or registered class, a nested model, a Keras 3 file — is refused with a
 * {@link PluginInputException} naming the layer and its class. The file is only parsed as JSON;
 * nothing in it is ever executed.
 */
record KerasModelFile(Path path, JsonNode layers, boolean channelsFirst, boolean functional) {

    /** Keras layer classes that DL4J imports into a sequential network this workbench trains. */
    static final Set<String> IMPORTABLE = Set.of(
            "InputLayer", "Dense", "Conv1D", "Conv2D",
            "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
            "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
            "Flatten", "Dropout", "BatchNormalization", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax",
            "ZeroPadding2D");

    /** Keras merge layers a functional model may use, as DL4J imports them (element-wise vertices, a channel merge). */
    static final Set<String> MERGES = Set.of("Add", "Multiply", "Concatenate");

    /** Further layer classes a functional model may use. */
    static final Set<String> GRAPH_ONLY = Set.of("DepthwiseConv2D");

    /** Layer classes whose configuration gives DL4J a channel count (what a DepthwiseConv2D's import needs before it). */
    private static final Set<String> SETS_CHANNELS = Set.of("Conv2D", "Dense", "DepthwiseConv2D");

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
        boolean functional = modelClass.equals("Functional") || modelClass.equals("Model");
        if (!modelClass.equals("Sequential") && !functional) {
            throw new PluginInputException("keras-json: " + path + " holds a " + modelClass + " model; keras-json takes"
                    + " Sequential models (keras.Sequential([...])) and functional models (keras.Model(inputs, outputs))");
        }
        JsonNode config = model.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new PluginInputException("keras-json: " + path + " has no layers (config.layers is empty or missing)");
        }
        if (functional) {
            requireOneInputAndOutput(path, config);
        }
        boolean channelsFirst = false;
        boolean sequence = false;
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            requireImportable(path, i, layer, functional);
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
        KerasModelFile file = new KerasModelFile(path, layers, channelsFirst, functional);
        if (functional) {
            file.requireGraphImportable();
        }
        return file;
    }

    private static void requireImportable(Path path, int index, JsonNode layer, boolean functional) {
        String className = layer.path("class_name").asText("");
        String name = layer.path("config").path("name").asText("#" + index);
        JsonNode registered = layer.path("registered_name");
        boolean custom = !registered.isMissingNode() && !registered.isNull() && !registered.asText().equals(className);
        boolean known = IMPORTABLE.contains(className)
                || (functional && (MERGES.contains(className) || GRAPH_ONLY.contains(className)));
        if (!known || custom) {
            boolean nested = className.equals("Functional") || className.equals("Model") || className.equals("Sequential");
            String why = className.equals("Lambda")
                    ? "a Lambda layer carries Python code, which is never run here"
                    : custom ? "it is a custom class (registered as " + registered.asText() + ")"
                    : nested ? "it is a model nested in the model; save the model with its layers at the top level"
                    : !functional && (MERGES.contains(className) || GRAPH_ONLY.contains(className))
                    ? "it needs a functional model (keras.Model(inputs, outputs)), not a Sequential one"
                    : "DL4J cannot import it into a network this workbench trains";
            throw new PluginInputException("keras-json: " + path + ": layer '" + name + "' is of class " + className
                    + " (layer " + index + "), which keras-json refuses: " + why + ". Rebuild the model from the layers"
                    + " keras-json takes: " + String.join(", ", importable(functional)));
        }
    }

    private static List<String> importable(boolean functional) {
        List<String> classes = new ArrayList<>(IMPORTABLE);
        if (functional) {
            classes.addAll(MERGES);
            classes.addAll(GRAPH_ONLY);
        }
        return classes.stream().sorted().toList();
    }

    private static void requireOneInputAndOutput(Path path, JsonNode config) {
        JsonNode inputs = config.path("input_layers");
        JsonNode outputs = config.path("output_layers");
        if (!inputs.isArray() || !outputs.isArray()) {
            throw new PluginInputException("keras-json: " + path + " is a functional model without input_layers and"
                    + " output_layers in its config; give the text written by model.to_json()");
        }
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new PluginInputException("keras-json: " + path + " has " + inputs.size() + " input(s) " + names(inputs)
                    + " and " + outputs.size() + " output(s) " + names(outputs) + "; keras-json takes a model of one image"
                    + " input and one classifier output");
        }
    }

    private static List<String> names(JsonNode endpoints) {
        List<String> names = new ArrayList<>();
        endpoints.forEach(e -> names.add(e.isArray() ? e.path(0).asText() : e.asText()));
        return names;
    }

    /**
     * The checks of a functional model beyond its layer classes: an image input, each layer called
     * once (a shared layer has several inbound nodes, which DL4J does not import), and a channel
     * count DL4J can find before each DepthwiseConv2D.
     */
    private void requireGraphImportable() {
        InputShape shape = declaredShape();
        if (shape == null || shape.kind() != InputShape.Kind.IMAGE) {
            throw new PluginInputException("keras-json: " + path + " is a functional model of " + (shape == null ? "flat"
                    : "sequence") + " inputs; keras-json takes functional models of images (height, width, channels),"
                    + " and Sequential models of any input");
        }
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode layer : layers) {
            byName.put(layer.path("config").path("name").asText(), layer);
        }
        for (JsonNode layer : layers) {
            String name = layer.path("config").path("name").asText();
            String className = layer.path("class_name").asText();
            if (layer.path("inbound_nodes").size() > 1) {
                throw new PluginInputException("keras-json: " + path + ": layer '" + name + "' (class " + className
                        + ") is called " + layer.path("inbound_nodes").size() + " times (a shared layer), which DL4J cannot"
                        + " import; give each call its own layer");
            }
            if (className.equals("Concatenate")) {
                int axis = layer.path("config").path("axis").asInt(-1);
                if (axis != -1 && axis != 3) {
                    throw new PluginInputException("keras-json: " + path + ": layer '" + name + "' (class Concatenate)"
                            + " joins along axis " + axis + "; keras-json imports concatenations along the channels"
                            + " (axis=-1) only");
                }
            }
            if (className.equals("DepthwiseConv2D")) {
                requireChannelsBefore(name, byName);
            }
        }
    }

    /**
     * DL4J's import of a DepthwiseConv2D finds its input channels by walking back along first
     * inputs to a Conv2D, Dense or DepthwiseConv2D; one that reaches the model's input first fails
     * there with an index error, so it is named here instead.
     */
    private void requireChannelsBefore(String depthwise, Map<String, JsonNode> byName) {
        String current = depthwise;
        for (int steps = 0; steps <= byName.size(); steps++) {
            JsonNode inbound = byName.get(current).path("inbound_nodes").path(0).path(0).path(0);
            String before = inbound.asText("");
            JsonNode previous = byName.get(before);
            if (previous == null || previous.path("class_name").asText().equals("InputLayer")) {
                throw new PluginInputException("keras-json: " + path + ": layer '" + depthwise + "' (class DepthwiseConv2D)"
                        + " reads the model's input without a Conv2D or Dense before it, so DL4J's import cannot tell its"
                        + " channels; put a Conv2D before it");
            }
            if (SETS_CHANNELS.contains(previous.path("class_name").asText())) {
                return;
            }
            current = before;
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
        JsonNode shape = inputLayer().path("config").path("batch_input_shape");
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
        return inputLayer().path("config").path("batch_input_shape").get(1).asInt();
    }

    /** The layer that declares the input: a functional model's InputLayer, a Sequential model's first layer. */
    private JsonNode inputLayer() {
        if (functional) {
            for (JsonNode layer : layers) {
                if (layer.path("class_name").asText().equals("InputLayer")) {
                    return layer;
                }
            }
        }
        return layers.get(0);
    }

    /** The Keras class of the layer named {@code name}, or "?" for none. */
    String classOf(String name) {
        for (JsonNode layer : layers) {
            if (layer.path("config").path("name").asText().equals(name)) {
                return layer.path("class_name").asText("?");
            }
        }
        return "?";
    }

    /** The names of the model's InputLayers (a functional model's weights file has an empty group for each). */
    Set<String> inputLayerNames() {
        Set<String> names = new java.util.HashSet<>();
        for (JsonNode layer : layers) {
            if (layer.path("class_name").asText().equals("InputLayer")) {
                names.add(layer.path("config").path("name").asText());
            }
        }
        return names;
    }
}
