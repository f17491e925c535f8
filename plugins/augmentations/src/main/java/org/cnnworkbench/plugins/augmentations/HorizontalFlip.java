package org.cnnworkbench.plugins.augmentations;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Mirrors an image left to right (Keras' {@code horizontal_flip=True}, or
 * {@code RandomFlip("horizontal")}) with a given probability: every row of every channel is
 * reversed, in place. Draws exactly one number from the trial's Random per image.
 */
@Extension
public class HorizontalFlip implements Augmentation {
    static final String PROBABILITY = "probability";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.number(PROBABILITY, 0.5, 0, 1, "chance that an image is flipped"));

    @Override
    public String id() {
        return "horizontal-flip";
    }

    @Override
    public String description() {
        return "Mirrors training images left to right with a given probability";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public ImageTransform create(Params params) {
        double probability = params.getDouble(PROBABILITY);
        return (image, random) -> {
            if (random.nextDouble() < probability) {
                flip(image);
            }
        };
    }

    /** Reverses each row of each channel of {@code image}. */
    static void flip(Image image) {
        float[] data = image.data();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < image.height(); y++) {
                int left = image.index(c, y, 0);
                int right = image.index(c, y, image.width() - 1);
                while (left < right) {
                    float swap = data[left];
                    data[left++] = data[right];
                    data[right--] = swap;
                }
            }
        }
    }
}
