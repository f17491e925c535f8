package org.cnnworkbench.example;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Turns a training image into its negative ({@code 1 - p} for every value, i.e. {@code 255 - p}
 * in 8-bit terms) with a given probability: a network trained with it cannot rely on whether
 * objects are lighter or darker than their background.
 *
 * <p>What an {@link Augmentation} must do, as this one does it:
 * <ul>
 *   <li><b>Read parameters once.</b> The engine calls {@link #create} once per trial with
 *       validated parameters; the returned {@link ImageTransform} is the trial's.</li>
 *   <li><b>Change the image in place.</b> The engine applies the transform to each training image
 *       (never to validation, test or prediction data) on its data thread, in the order the file
 *       lists augmentations. Values are in {@code [0, 1]}, channels x height x width; the engine
 *       owns and reuses the array, so a transform keeps no reference to it.</li>
 *   <li><b>Take all chance from the {@code Random} passed.</b> It is seeded per trial, so a run
 *       repeats. Drawing the same count of numbers per image, whether it acts or not, keeps the
 *       draws of later augmentations independent of this one's outcome.</li>
 *   <li><b>Keep no mutable state</b> in the transform: the lambda below captures only the
 *       probability.</li>
 * </ul>
 */
@Extension
public class InvertAugmentation implements Augmentation {
    static final String PROBABILITY = "probability";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.number(PROBABILITY, 0.5, 0, 1, "chance that an image is inverted"));

    @Override
    public String id() {
        return "example-invert";
    }

    @Override
    public String description() {
        return "Inverts training images (1 - value) with a given probability";
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
                invert(image);
            }
        };
    }

    /** Replaces every value {@code p} of {@code image} by {@code 1 - p}. */
    static void invert(Image image) {
        float[] data = image.data();
        int end = image.offset() + image.channels() * image.height() * image.width();
        for (int i = image.offset(); i < end; i++) {
            data[i] = 1f - data[i];
        }
    }
}
