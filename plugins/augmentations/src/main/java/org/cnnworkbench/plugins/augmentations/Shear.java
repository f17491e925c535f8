package org.cnnworkbench.plugins.augmentations;

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
public class Shear extends RandomAngle {

    public Shear() {
        super("shear",
                "Shears training images by a random angle about their centre (Keras' shear_range, in degrees)",
                10.0, 80,
                "largest shear angle either way, in degrees (Keras' shear_range): uniform in [-degrees, degrees]");
    }

    @Override
    AffineWarp warp(double angle) {
        return AffineWarp.keras(0, 0, 0, angle, 1, 1);
    }
}
