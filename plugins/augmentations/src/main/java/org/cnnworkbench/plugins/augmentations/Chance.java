package org.cnnworkbench.plugins.augmentations;

import java.util.List;
import java.util.function.Consumer;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;

/**
 * The {@code probability} parameter of the augmentations that either change an image or leave it
 * (flips, inversion; contrast declares it too), and the transform for those that change it in one
 * fixed way: it draws exactly one number from the trial's Random per image and changes the image
 * when that number is below the probability.
 */
final class Chance {
    static final String PROBABILITY = "probability";

    private Chance() {
    }

    /** The one parameter, {@code probability} (0–1): "chance that an image is " + {@code what}. */
    static List<ParamSpec> parameters(double defaultValue, String what) {
        return List.of(parameter(defaultValue, what));
    }

    /** {@code probability} (0–1) for an augmentation that declares other parameters as well. */
    static ParamSpec parameter(double defaultValue, String what) {
        return ParamSpec.number(PROBABILITY, defaultValue, 0, 1, "chance that an image is " + what);
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
