package org.cnnworkbench.plugins.augmentations;

import java.util.List;
import java.util.function.Consumer;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;

/**
 * The {@code probability} parameter of the augmentations that either change an image in one fixed
 * way or leave it (flips, inversion), and the transform that does so: it draws exactly one number
 * from the trial's Random per image and changes the image when that number is below the
 * probability.
 */
final class Chance {
    static final String PROBABILITY = "probability";

    private Chance() {
    }

    /** The one parameter, {@code probability} (0–1): "chance that an image is " + {@code what}. */
    static List<ParamSpec> parameters(double defaultValue, String what) {
        return List.of(ParamSpec.number(PROBABILITY, defaultValue, 0, 1, "chance that an image is " + what));
    }

    /** A transform that applies {@code change} to an image with the validated {@code probability}. */
    static ImageTransform of(Params params, Consumer<Image> change) {
        double probability = params.getDouble(PROBABILITY);
        return (image, random) -> {
            if (random.nextDouble() < probability) {
                change.accept(image);
            }
        };
    }
}
