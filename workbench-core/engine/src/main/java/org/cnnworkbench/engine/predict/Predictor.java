package org.cnnworkbench.engine.predict;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.cnnworkbench.api.data.Pixels;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.network.Network;
import org.cnnworkbench.engine.run.ModelFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run's saved model ready to predict: it reads the class names and input shape stored with the
 * model, prepares each image as training images were (resize, grayscale or RGB, [0, 1]), and
 * optionally applies the seeds' "real photo to MNIST" adjustments: contrast {@code 128 + f·(p − 128)}
 * and inversion {@code 255 − p}.
 */
public final class Predictor {
    /** Largest image accepted, in pixels, so that a decompression bomb cannot exhaust memory. */
    static final long MAX_PIXELS = 64L * 1024 * 1024;

    private final Network network;
    private final List<String> classNames;
    private final int channels;
    private final int height;
    private final int width;

    private Predictor(Network network, List<String> classNames, int channels, int height, int width) {
        this.network = network;
        this.classNames = classNames;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Loads the model saved at {@code modelFile} by a run; messages name the file by its path. */
    public static Predictor load(Path modelFile) {
        return load(modelFile, modelFile.toString());
    }

    /**
     * Loads the model saved at {@code modelFile} by a run; its messages call it {@code shownAs} (e.g. "the model
     * of r12") and never show its path, for callers (the dashboard) whose users must not see the server's files.
     */
    public static Predictor load(Path modelFile, String shownAs) {
        Backend.load();
        JsonNode metadata;
        try (ZipFile zip = new ZipFile(modelFile.toFile())) {
            var entry = zip.getEntry(ModelFiles.METADATA_ENTRY);
            if (entry == null) {
                throw new WorkbenchException(ErrorCode.INVALID_DATA, shownAs + " has no " + ModelFiles.METADATA_ENTRY
                        + ": it was not saved by a workbench run, so its class names and input shape are unknown.");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                metadata = Json.MAPPER.readTree(in);
            }
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.INVALID_DATA, "cannot read " + model(shownAs) + ": "
                    + hide(e.getMessage(), modelFile, shownAs), e);
        }
        JsonNode shape = metadata.path("input_shape");
        if (!"image".equals(shape.path("kind").asText())) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "this model was trained on " + shape.path("kind").asText()
                    + " data; predict takes images (PNG, JPEG, BMP, GIF).");
        }
        List<String> names = new ArrayList<>();
        metadata.path("class_names").forEach(n -> names.add(n.asText()));
        Network network;
        try {
            network = Network.restore(modelFile, false);
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.INVALID_DATA, "cannot read " + model(shownAs) + ": "
                    + hide(e.getMessage(), modelFile, shownAs), e);
        }
        return new Predictor(network, names, shape.path("channels").asInt(), shape.path("height").asInt(), shape.path("width").asInt());
    }

    /** The input size images are resized to, as height x width x channels. */
    public String inputShape() {
        return height + "x" + width + "x" + channels;
    }

    /**
     * Predicts the class of the image in {@code file}.
     *
     * @param contrast a contrast factor f for {@code 128 + f·(p − 128)}, or {@code null} for none
     * @param invert   whether to invert ({@code 255 − p}) after contrast
     * @param top      how many classes to return
     */
    public Prediction predict(Path file, Double contrast, boolean invert, int top) {
        return predict(file, file.toString(), contrast, invert, top);
    }

    /**
     * As {@link #predict(Path, Double, boolean, int)}, with messages and the prediction naming the image
     * {@code shownAs} (e.g. the name it was uploaded under), never its path.
     */
    public Prediction predict(Path file, String shownAs, Double contrast, boolean invert, int top) {
        BufferedImage image = read(file, shownAs);
        float[] input = new float[channels * height * width];
        Pixels.toChw(image, channels, height, width, input, 0);
        for (int i = 0; i < input.length; i++) {
            float p = input[i];
            if (contrast != null) {
                p = (float) Math.min(1, Math.max(0, 0.5 + contrast * (p - 0.5)));
            }
            input[i] = invert ? 1 - p : p;
        }
        INDArray output = network.output(Nd4j.create(input, new long[] {1, channels, height, width}, 'c'));
        float[] values = output.toFloatVector();
        List<Prediction.ClassProbability> ranked = new ArrayList<>();
        if (values.length == 1) {
            ranked.add(new Prediction.ClassProbability(name(1), 1, values[0]));
            ranked.add(new Prediction.ClassProbability(name(0), 0, 1 - values[0]));
        } else {
            for (int c = 0; c < values.length; c++) {
                ranked.add(new Prediction.ClassProbability(name(c), c, values[c]));
            }
        }
        ranked.sort(Comparator.comparingDouble(Prediction.ClassProbability::probability).reversed());
        return new Prediction(shownAs, ranked.subList(0, Math.min(Math.max(1, top), ranked.size())));
    }

    private String name(int index) {
        return index < classNames.size() ? classNames.get(index) : String.valueOf(index);
    }

    private static BufferedImage read(Path file, String shownAs) {
        if (!Files.isRegularFile(file)) {
            throw new WorkbenchException(ErrorCode.MISSING_FILE, "image " + shownAs + " does not exist.");
        }
        try (var in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw notAnImage(shownAs, "not a PNG, JPEG, BMP or GIF file");
            }
            var reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw notAnImage(shownAs, reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels is larger than the "
                            + MAX_PIXELS / (1024 * 1024) + " megapixels allowed");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof WorkbenchException w) {
                throw w;
            }
            throw notAnImage(shownAs, "it could not be decoded (" + hide(e.getMessage(), file, shownAs) + ")");
        }
    }

    private static WorkbenchException notAnImage(String shownAs, String why) {
        return new WorkbenchException(ErrorCode.INVALID_DATA, "cannot use " + shownAs + " as an image: " + why + ".");
    }

    /** "the model X" for a path, the caller's own words ("the model of r12") otherwise. */
    private static String model(String shownAs) {
        return shownAs.startsWith("the model") ? shownAs : "the model " + shownAs;
    }

    /** A library's message with {@code file}'s path (as given, absolute, and real) replaced by {@code shownAs}. */
    private static String hide(String message, Path file, String shownAs) {
        if (message == null) {
            return "no reason given";
        }
        String out = message.replace(file.toAbsolutePath().toString(), shownAs).replace(file.toString(), shownAs);
        try {
            out = out.replace(file.toRealPath().toString(), shownAs);
        } catch (IOException | RuntimeException e) {
            // gone, or not reachable: its other forms were replaced
        }
        return out;
    }
}
