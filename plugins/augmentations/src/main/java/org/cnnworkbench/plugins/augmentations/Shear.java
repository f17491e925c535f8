package org.cnnworkbench.plugins.augmentations;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Shears each image about its centre by an angle drawn uniformly from {@code [-degrees, degrees]}
 * (Keras' {@code shear_range}, in degrees as in current Keras: a notebook's {@code shear_range=0.2}
 * is a shear of 0.2°). The warp is Keras' {@code [[1, -sin s], [0, cos s]]} on (row, column)
 * coordinates, resampled bilinearly, with {@code fill_mode} outside. Draws exactly one number from
 * the trial's Random per image.
 * Several geometric augmentations in a list resample once each; {@link Affine} ({@code affine}) does
 * rotation, shift, shear and zoom in one resampling, as Keras does. Parameters:
 * <ul>
 *   <li>{@code degrees} (default 10, 0–80): the largest shear angle either way</li>
 *   <li>{@code fill_mode}, {@code fill_value}: see {@link Fill}</li>
 * </ul>
 */
@Extension
public class Shear implements Augmentation {
    static final String DEGREES = "degrees";

    private static final List<ParamSpec> PARAMETERS = Fill.after(
            ParamSpec.number(DEGREES, 10.0, 0, 80,
                    "largest shear angle either way, in degrees (Keras' shear_range): uniform in [-degrees, degrees]"));

    @Override
    public String id() {
        return "shear";
    }

    @Override
    public String description() {
        return "Shears training images by a random angle about their centre (Keras' shear_range, in degrees)";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public ImageTransform create(Params params) {
        double degrees = params.getDouble(DEGREES);
        Fill fill = Fill.from(params);
        return (image, random) -> {
            double angle = Uniform.plusMinus(degrees, random);
            AffineWarp.keras(0, 0, 0, angle, 1, 1).apply(image, fill);
        };
    }
}
