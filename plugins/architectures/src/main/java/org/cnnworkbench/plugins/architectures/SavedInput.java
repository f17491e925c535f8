package org.cnnworkbench.plugins.architectures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.PluginInputException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The input shape of a run's saved model, as the engine records it in the model zip (entry
 * {@value #METADATA_ENTRY}: {@code input_shape} with kind, channels, height and width), and the
 * check that a new dataset's samples have it. For a model zip without that entry (saved outside
 * the workbench), one sample of the new shape is passed through the model instead.
 */
final class SavedInput {
    /** The engine's metadata entry in a run's model zip (ModelFiles.METADATA_ENTRY). */
    static final String METADATA_ENTRY = "workbench-model.json";

    private final String run;
    private final Path file;

    SavedInput(String run, Path file) {
        this.run = run;
        this.file = file;
    }

    /**
     * @param model a saved {@link MultiLayerNetwork} or {@link ComputationGraph}
     * @throws PluginInputException naming both shapes when the model does not take {@code shape}
     */
    void requireTakes(Model model, InputShape shape) {
        Optional<InputShape> recorded = recordedShape();
        if (recorded.isPresent()) {
            if (!recorded.get().equals(shape)) {
                throw mismatch(recorded.get().toString() + " (" + kind(recorded.get()) + ")", shape, "");
            }
            return;
        }
        try {
            if (model instanceof ComputationGraph graph) {
                graph.outputSingle(false, sample(shape));
            } else {
                ((MultiLayerNetwork) model).output(sample(shape), false);
            }
        } catch (RuntimeException e) {
            throw mismatch("another shape (" + file.getFileName() + " records none)", shape, ": " + e.getMessage());
        }
    }

    private PluginInputException mismatch(String saved, InputShape shape, String detail) {
        return new PluginInputException("run " + run + "'s model takes inputs of " + saved + ", but the dataset gives "
                + shape + " (" + kind(shape) + ")" + detail + "; give the dataset the run's size and colour"
                + " (image-folder width/height/color) or choose another run");
    }

    private static String kind(InputShape shape) {
        return shape.kind() == InputShape.Kind.IMAGE ? "height x width x channels" : "length x channels";
    }

    private static INDArray sample(InputShape shape) {
        return shape.kind() == InputShape.Kind.IMAGE
                ? Nd4j.zeros(DataType.FLOAT, 1, shape.channels(), shape.height(), shape.width())
                : Nd4j.zeros(DataType.FLOAT, 1, shape.channels(), shape.width());
    }

    private Optional<InputShape> recordedShape() {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(METADATA_ENTRY);
            if (entry == null) {
                return Optional.empty();
            }
            JsonNode shape;
            try (InputStream in = zip.getInputStream(entry)) {
                shape = new ObjectMapper().readTree(in).path("input_shape");
            }
            if (!shape.isObject()) {
                return Optional.empty();
            }
            InputShape.Kind kind = "sequence".equalsIgnoreCase(shape.path("kind").asText())
                    ? InputShape.Kind.SEQUENCE : InputShape.Kind.IMAGE;
            return Optional.of(new InputShape(kind, shape.path("channels").asInt(), shape.path("height").asInt(),
                    shape.path("width").asInt()));
        } catch (IOException | IllegalArgumentException e) {
            throw new PluginInputException("cannot read " + METADATA_ENTRY + " in the saved model of run " + run + " (" + file
                    + "): " + e.getMessage(), e);
        }
    }
}
