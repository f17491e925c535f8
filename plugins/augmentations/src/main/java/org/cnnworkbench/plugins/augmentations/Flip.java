package org.cnnworkbench.plugins.augmentations;

import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.Params;

/**
 * A flip applied with {@code probability} (default 0.5) through {@link Chance}:
 * {@link HorizontalFlip} and {@link VerticalFlip}, which differ only in the axis.
 */
abstract class Flip extends ConfigurableExtension implements Augmentation {

    Flip(String id, String description) {
        super(id, description, Chance.parameters(0.5, "flipped"));
    }

    /** Flips {@code image} in place. */
    abstract void flip(Image image);

    @Override
    public final ImageTransform create(Params params) {
        return Chance.of(params, this::flip);
    }
}
