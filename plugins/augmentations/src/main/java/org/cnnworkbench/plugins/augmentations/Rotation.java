package org.cnnworkbench.plugins.augmentations;

import org.pf4j.Extension;


/**
 * Turns each image about its centre by an angle drawn uniformly from {@code [-degrees, degrees]}
 * (Keras' {@code rotation_range=degrees}; Keras' {@code RandomRotation(f)} turns by up to
 * {@code 360·f} degrees), resampling bilinearly and filling the corners by {@code fill_mode}.
 * Draws exactly one number from the trial's Random per image.
 * Several geometric augmentations in a list resample once each; {@link Affine} ({@code affine}) does
 * rotation, shift, shear and zoom in one resampling, as Keras does. Parameters:
 * <ul>
 *   <li>{@code degrees} (default 20, 0–180): the largest rotation either way</li>
 *   <li>{@code fill_mode} (nearest | constant | reflect | wrap, default nearest), {@code fill_value}
 *       (default 0.0): see {@link Fill}</li>
 * </ul>
 */
@Extension
public class Rotation extends RandomAngle {

    public Rotation() {
        super("rotation",
                "Rotates training images by a random angle about their centre (Keras' rotation_range)",
                20.0, 180,
                "largest rotation either way, in degrees: each image turns by a uniform angle in [-degrees, degrees]");
    }

    @Override
    AffineWarp warp(double angle) {
        return AffineWarp.keras(angle, 0, 0, 0, 1, 1);
    }
}
