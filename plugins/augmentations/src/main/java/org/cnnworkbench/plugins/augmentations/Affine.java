package org.cnnworkbench.plugins.augmentations;

import java.util.List;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.pf4j.Extension;

/**
 * Rotation, shift, shear and zoom in one warp, exactly as Keras' ImageDataGenerator applies its
 * {@code rotation_range}, {@code width_shift_range}, {@code height_shift_range},
 * {@code shear_range} and {@code zoom_range} together: one matrix (rotation · shift · shear · zoom)
 * and one bilinear resampling. Listing {@code rotation}, {@code shift} and {@code zoom} separately
 * resamples three times, which blurs more and costs three times as much. Each setting means what it
 * means in the single augmentation of that name; a setting of 0 leaves that part out. Draws exactly
 * six numbers from the trial's Random per image: angle, vertical shift, horizontal shift, shear,
 * row zoom, column zoom. Parameters {@code rotation_degrees}, {@code width_fraction},
 * {@code height_fraction}, {@code shear_degrees}, {@code zoom_range} (all default 0) and
 * {@code fill_mode}, {@code fill_value} (see {@link Fill}).
 */
@Extension
public class Affine extends ConfigurableExtension implements Augmentation {
    static final String ROTATION_DEGREES = "rotation_degrees";
    static final String WIDTH_FRACTION = "width_fraction";
    static final String HEIGHT_FRACTION = "height_fraction";
    static final String SHEAR_DEGREES = "shear_degrees";
    static final String ZOOM_RANGE = "zoom_range";

    private static final List<ParamSpec> PARAMETERS = Fill.after(
            ParamSpec.number(ROTATION_DEGREES, 0.0, 0, 180, "largest rotation either way, in degrees (Keras' rotation_range)"),
            ParamSpec.number(WIDTH_FRACTION, 0.0, 0, 1, "largest horizontal shift either way, as a fraction of the width"),
            ParamSpec.number(HEIGHT_FRACTION, 0.0, 0, 1, "largest vertical shift either way, as a fraction of the height"),
            ParamSpec.number(SHEAR_DEGREES, 0.0, 0, 80, "largest shear angle either way, in degrees (Keras' shear_range)"),
            ParamSpec.number(ZOOM_RANGE, 0.0, 0, 0.95, "zoom factors uniform in [1 - zoom_range, 1 + zoom_range], rows and columns apart"));

    public Affine() {
        super("affine",
                "Rotation, shift, shear and zoom in one resampling, as Keras' ImageDataGenerator applies them",
                PARAMETERS);
    }

    @Override
    public ImageTransform create(Params params) {
        double rotation = params.getDouble(ROTATION_DEGREES);
        double widthFraction = params.getDouble(WIDTH_FRACTION);
        double heightFraction = params.getDouble(HEIGHT_FRACTION);
        double shear = params.getDouble(SHEAR_DEGREES);
        double zoom = params.getDouble(ZOOM_RANGE);
        Uniform zoomFactors = new Uniform(1 - zoom, 1 + zoom);
        Fill fill = Fill.from(params);
        return (image, random) -> {
            double angle = Uniform.plusMinus(rotation, random);
            double rows = Uniform.plusMinus(heightFraction, random) * image.height();
            double cols = Uniform.plusMinus(widthFraction, random) * image.width();
            double shearAngle = Uniform.plusMinus(shear, random);
            double zoomRows = zoomFactors.draw(random);
            double zoomCols = zoomFactors.draw(random);
            AffineWarp.keras(angle, rows, cols, shearAngle, zoomRows, zoomCols).apply(image, fill);
        };
    }
}
