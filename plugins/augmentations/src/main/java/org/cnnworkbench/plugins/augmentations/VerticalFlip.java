package org.cnnworkbench.plugins.augmentations;

import org.cnnworkbench.api.Image;
import org.pf4j.Extension;

/**
 * Turns an image upside down (Keras' {@code vertical_flip=True}, or {@code RandomFlip("vertical")})
 * with a given probability: the rows of every channel are reversed, in place. Draws exactly one
 * number from the trial's Random per image. Parameter {@code probability} (default 0.5).
 */
@Extension
public class VerticalFlip extends Flip {
    public VerticalFlip() {
        super("vertical-flip",
                "Flips training images upside down with a given probability");
    }

    /** Swaps row y with row height − 1 − y in each channel of {@code image}. */
    @Override
    void flip(Image image) {
        float[] data = image.data();
        int w = image.width();
        for (int c = 0; c < image.channels(); c++) {
            for (int top = 0, bottom = image.height() - 1; top < bottom; top++, bottom--) {
                int a = image.index(c, top, 0);
                int b = image.index(c, bottom, 0);
                for (int x = 0; x < w; x++) {
                    float swap = data[a + x];
                    data[a + x] = data[b + x];
                    data[b + x] = swap;
                }
            }
        }
    }
}
