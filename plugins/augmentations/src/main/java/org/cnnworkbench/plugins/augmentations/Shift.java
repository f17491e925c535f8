package org.cnnworkbench.plugins.augmentations;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Moves each image by a random offset (Keras' {@code width_shift_range} and
 * {@code height_shift_range} given as fractions): vertically by a uniform amount in
 * {@code [-height_fraction, height_fraction] × height} pixels and horizontally by one in
 * {@code [-width_fraction, width_fraction] × width}, not rounded to whole pixels (as Keras does
 * for fractions; the result is resampled bilinearly). Pixels moved in from outside follow
 * {@code fill_mode}. Draws exactly two numbers from the trial's Random per image: the vertical
 * shift, then the horizontal one.
 * Several geometric augmentations in a list resample once each; {@link Affine} ({@code affine}) does
 * rotation, shift, shear and zoom in one resampling, as Keras does. Parameters:
 * <ul>
 *   <li>{@code width_fraction}, {@code height_fraction} (default 0.1, 0–1): the largest shift
 *       either way, as a fraction of the width or height</li>
 *   <li>{@code fill_mode}, {@code fill_value}: see {@link Fill}</li>
 * </ul>
 */
@Extension
public class Shift extends ConfigurableExtension implements Augmentation {
    static final String WIDTH_FRACTION = "width_fraction";
    static final String HEIGHT_FRACTION = "height_fraction";

    private static final List<ParamSpec> PARAMETERS = Fill.after(
            ParamSpec.number(WIDTH_FRACTION, 0.1, 0, 1,
                    "largest horizontal shift either way, as a fraction of the width (Keras' width_shift_range)"),
            ParamSpec.number(HEIGHT_FRACTION, 0.1, 0, 1,
                    "largest vertical shift either way, as a fraction of the height (Keras' height_shift_range)"));

    public Shift() {
        super("shift",
                "Shifts training images by a random fraction of their width and height (Keras' width/height_shift_range)",
                PARAMETERS);
    }

    @Override
    public ImageTransform create(Params params) {
        double widthFraction = params.getDouble(WIDTH_FRACTION);
        double heightFraction = params.getDouble(HEIGHT_FRACTION);
        Fill fill = Fill.from(params);
        return (image, random) -> {
            double rows = Uniform.plusMinus(heightFraction, random) * image.height();
            double cols = Uniform.plusMinus(widthFraction, random) * image.width();
            AffineWarp.keras(0, rows, cols, 0, 1, 1).apply(image, fill);
        };
    }
}
