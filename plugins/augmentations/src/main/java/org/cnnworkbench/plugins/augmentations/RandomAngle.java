package org.cnnworkbench.plugins.augmentations;

import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;

/**
 * An augmentation that warps each image about its centre by one angle drawn uniformly from
 * {@code [-degrees, degrees]} (exactly one number from the trial's Random per image), resampled
 * bilinearly with {@code fill_mode} outside: {@link Rotation} and {@link Shear}, which differ only
 * in what the angle does.
 */
abstract class RandomAngle extends ConfigurableExtension implements Augmentation {
    static final String DEGREES = "degrees";

    /** @param degrees the declaration of {@code degrees}, the largest angle either way */
    RandomAngle(String id, String description, double defaultDegrees, double maxDegrees, String degrees) {
        super(id, description, Fill.after(ParamSpec.number(DEGREES, defaultDegrees, 0, maxDegrees, degrees)));
    }

    /** The warp of one image by {@code angle} degrees. */
    abstract AffineWarp warp(double angle);

    @Override
    public final ImageTransform create(Params params) {
        double degrees = params.getDouble(DEGREES);
        Fill fill = Fill.from(params);
        return (image, random) -> warp(Uniform.plusMinus(degrees, random)).apply(image, fill);
    }
}
