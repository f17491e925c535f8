package org.cnnworkbench.plugins.augmentations;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Turns an image upside down (Keras' {@code vertical_flip=True}, or {@code RandomFlip("vertical")})
 * with a given probability: the rows of every channel are reversed, in place. Draws exactly one
 * number from the trial's Random per image. Parameter {@code probability} (default 0.5).
 */
@Extension
public class VerticalFlip implements Augmentation {
    static final String PROBABILITY = "probability";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.number(PROBABILITY, 0.5, 0, 1, "chance that an image is flipped"));

    @Override
    public String id() {
        return "vertical-flip";
    }

    @Override
    public String description() {
        return "Flips training images upside down with a given probability";
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

    /** Swaps row y with row height − 1 − y in each channel of {@code image}. */
    static void flip(Image image) {
        float[] data = image.data();
        int w = image.width();
        for (int c = 0; c < image.channels(); c++) {
            for (int top = 0, bottom = image.height() - 1; top < bottom; top++, bottom--) {
                int a = image.index(c, top, 0);
                int b = image.index(c, bottom, 0);
                for (int x = 0; x < w; x++) {
                    float swap = data[a + x];
                    data[a + x] = data[b + x];
                    data[b + x] = swap;
                }
            }
        }
    }
}
