package org.cnnworkbench.plugins.augmentations;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Inverts an image, {@code 255 − p} on 0–255 pixels, here {@code 1 − p}: what the course does to
 * photos of dark digits on white paper so that they look like MNIST's white digits on black.
 * Applies with {@code probability} (default 1.0: every image). Draws exactly one number from the
 * trial's Random per image.
 */
@Extension
public class Invert implements Augmentation {
    static final String PROBABILITY = "probability";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.number(PROBABILITY, 1.0, 0, 1, "chance that an image is inverted (1 = every image)"));

    @Override
    public String id() {
        return "invert";
    }

    @Override
    public String description() {
        return "Inverts training images (255 - p), e.g. dark-on-light photos to MNIST's light-on-dark";
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
                float[] data = image.data();
                int end = image.offset() + image.channels() * image.height() * image.width();
                for (int i = image.offset(); i < end; i++) {
                    data[i] = 1f - data[i];
                }
            }
        };
    }
}
