package org.cnnworkbench.engine.run;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A few test images with the model's prediction, for the run page's grid: the first misclassified
 * ones (up to {@value #WRONG}) and then correct ones up to {@value #TOTAL}, each as a small PNG data
 * URL. Only image inputs (N×C×H×W with 1 or 3 channels) are kept.
 */
final class TestSamples {
    static final int TOTAL = 48;
    static final int WRONG = 32;

    private final List<String> classNames;
    private final List<Map<String, Object>> wrong = new ArrayList<>();
    private final List<Map<String, Object>> right = new ArrayList<>();

    TestSamples(List<String> classNames) {
        this.classNames = classNames;
    }

    /** Whether more samples are wanted (so the scorer can skip the work once both kinds are full). */
    boolean wantsMore() {
        return wrong.size() < WRONG || right.size() < TOTAL;
    }

    void offer(INDArray features, int index, int actual, int predicted, double probability) {
        boolean isWrong = actual != predicted;
        if (isWrong ? wrong.size() >= WRONG : right.size() >= TOTAL) {
            return;
        }
        if (features.rank() != 4 || (features.size(1) != 1 && features.size(1) != 3)) {
            return;
        }
        INDArray image = features.slice(index);
        int c = (int) image.size(0);
        int h = (int) image.size(1);
        int w = (int) image.size(2);
        float[] v = image.dup().data().asFloat();
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("image", png(v, c, h, w));
        sample.put("actual", name(actual));
        sample.put("predicted", name(predicted));
        sample.put("probability", probability);
        (isWrong ? wrong : right).add(sample);
    }

    /** Misclassified first, then correct, at most {@value #TOTAL}. */
    List<Map<String, Object>> samples() {
        List<Map<String, Object>> out = new ArrayList<>(wrong);
        for (Map<String, Object> s : right) {
            if (out.size() >= TOTAL) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    private String name(int index) {
        return index >= 0 && index < classNames.size() ? classNames.get(index) : Integer.toString(index);
    }

    /** The image as a PNG data URL; values outside [0, 1] (standardised inputs) are stretched to fit. */
    static String png(float[] v, int channels, int height, int width) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        boolean stretch = min < 0 || max > 1;
        float span = max - min > 0 ? max - min : 1;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r = level(v[i], stretch, min, span);
                int g = channels == 3 ? level(v[plane + i], stretch, min, span) : r;
                int b = channels == 3 ? level(v[2 * plane + i], stretch, min, span) : r;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static int level(float x, boolean stretch, float min, float span) {
        float unit = stretch ? (x - min) / span : x;
        return Math.max(0, Math.min(255, Math.round(unit * 255)));
    }
}
