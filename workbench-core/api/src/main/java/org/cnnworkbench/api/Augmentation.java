package org.cnnworkbench.api;

import org.pf4j.ExtensionPoint;

/**
 * A training-time image augmentation (flip, rotation, contrast, ...). The engine calls
 * {@link #create} once per trial with validated parameters, then applies the returned transform
 * to each training image on its data thread, in the order the file lists augmentations. It never
 * applies augmentations to validation, test or prediction data. Example:
 * <pre>{@code
 * public ImageTransform create(Params p) {
 *     double probability = p.getDouble("probability");
 *     return (image, random) -> { if (random.nextDouble() < probability) { ... } };
 * }
 * }</pre>
 */
public interface Augmentation extends ExtensionPoint, Configurable {

    /** The transform for one trial. */
    ImageTransform create(Params params);
}
