package org.cnnworkbench.plugins.augmentations;

import org.cnnworkbench.api.Image;

/** Changes every value of an image, all channels, in place. */
final class Values {

    /** A function of one value on {@code [0, 1]}. */
    @FunctionalInterface
    interface FloatFunction {
        float apply(float value);
    }

    private Values() {
    }

    /** Replaces each value {@code p} of {@code image} by {@code function(p)}. */
    static void map(Image image, FloatFunction function) {
        float[] data = image.data();
        int end = image.offset() + image.channels() * image.height() * image.width();
        for (int i = image.offset(); i < end; i++) {
            data[i] = function.apply(data[i]);
        }
    }
}
