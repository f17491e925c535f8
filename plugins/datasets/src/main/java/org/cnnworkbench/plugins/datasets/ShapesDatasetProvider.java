package org.cnnworkbench.plugins.datasets;

import java.security.MessageDigest;
import java.util.List;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.DatasetProvider;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.data.Shapes;
import org.pf4j.Extension;

/**
 * A generated set of coloured circles, squares and triangles ({@link Shapes}), drawn in memory
 * from the trial's seed, so demos and tests need no files: the same seed gives the same images and
 * the same split. They are the images {@code workbench datasets make-shapes} writes for that seed,
 * size and noise. Kept as 8-bit RGB or grayscale samples; test and validation parts are held out
 * by class share, seeded. The digest is the SHA-256 of the generated pixels.
 */
@Extension
public class ShapesDatasetProvider extends ConfigurableExtension implements DatasetProvider {
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String SAMPLES_PER_CLASS = "samples_per_class";
    static final String COLOR = "color";
    static final String NOISE = "noise";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer(WIDTH, 64, Shapes.MIN_SIZE, 1024, "image width in pixels"),
            ParamSpec.integer(HEIGHT, 64, Shapes.MIN_SIZE, 1024, "image height in pixels"),
            ParamSpec.integer(SAMPLES_PER_CLASS, 300, 2, 1_000_000, "images drawn of each class (circle, square, triangle)"),
            ParamSpec.choice(COLOR, "rgb", List.of("rgb", "grayscale"),
                    "rgb (3 channels) or grayscale (1 channel: luminance 0.299 R + 0.587 G + 0.114 B)"),
            ParamSpec.number(NOISE, 0.1, 0, 1, "standard deviation of the Gaussian noise on every pixel, as a share of"
                    + " full scale; 0 = clean images"),
            ParamSpec.number(HoldOut.VALIDATION_SPLIT, 0.2, 0, 0.9,
                    "share of the images held out for validation, per class (seeded); 0 = none"),
            ParamSpec.number(HoldOut.TEST_SPLIT, 0.1, 0, 0.9,
                    "share of the images held out for testing, per class (seeded); 0 = none"));

    public ShapesDatasetProvider() {
        super("shapes",
                "generated images of coloured circles, squares and triangles on a noisy background (no files needed)",
                PARAMETERS);
    }

    @Override
    public DatasetSplits load(Params params, long seed) {
        int width = params.getInt(WIDTH);
        int height = params.getInt(HEIGHT);
        int perClass = params.getInt(SAMPLES_PER_CLASS);
        boolean grayscale = params.getString(COLOR).equals("grayscale");
        int channels = ImageBytes.channels(grayscale);
        int count = Math.multiplyExact(perClass, Shapes.CLASS_NAMES.size());
        ByteSamples samples = ByteSamples.allocate(count, channels * width * height,
                SAMPLES_PER_CLASS + ": " + Counts.of(count) + " images of " + width + "x" + height + "x" + channels,
                "lower samples_per_class, width or height, or give the JVM more memory (-Xmx)");
        int[] labels = new int[count];
        int[] next = {0};
        Shapes.generate(seed, perClass, width, height, params.getDouble(NOISE), (classIndex, number, image) -> {
            int i = next[0]++;
            ImageBytes.write(image, grayscale, samples.chunk(i), samples.offset(i));
            labels[i] = classIndex;
        });
        MessageDigest digest = Sha256.create();
        for (int i = 0; i < count; i++) {
            digest.update(samples.chunk(i), samples.offset(i), samples.sampleSize());
        }
        ByteSource all = new ByteSource(samples, labels);
        HoldOut.Indices parts = HoldOut.split(all, params.getDouble(HoldOut.VALIDATION_SPLIT),
                params.getDouble(HoldOut.TEST_SPLIT), seed, "images");
        return new DatasetSplits(InputShape.image(channels, height, width), Shapes.CLASS_NAMES, parts.train(all),
                parts.validation(all), parts.test(all), Sha256.hex(digest));
    }
}
