package org.cnnworkbench.api;

import java.util.Random;

/**
 * One configured augmentation, applied to one training image at a time. Called by the engine's
 * data thread; it must take all randomness from {@code random} (seeded per trial, so runs
 * repeat) and keep no other mutable state.
 */
@FunctionalInterface
public interface ImageTransform {

    /** Transforms {@code image} in place. */
    void apply(Image image, Random random);
}
