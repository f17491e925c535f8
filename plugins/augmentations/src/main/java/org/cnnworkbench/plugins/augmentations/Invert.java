package org.cnnworkbench.plugins.augmentations;

import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Inverts an image, {@code 255 − p} on 0–255 pixels, here {@code 1 − p}: what the course does to
 * photos of dark digits on white paper so that they look like MNIST's white digits on black.
 * Applies with {@code probability} (default 1.0: every image). Draws exactly one number from the
 * trial's Random per image.
 */
@Extension
public class Invert extends ConfigurableExtension implements Augmentation {
    public Invert() {
        super("invert",
                "Inverts training images (255 - p), e.g. dark-on-light photos to MNIST's light-on-dark",
                Chance.parameters(1.0, "inverted (1 = every image)"));
    }

    @Override
    public ImageTransform create(Params params) {
        return Chance.of(params, image -> Values.map(image, value -> 1f - value));
    }
}
