package org.cnnworkbench.plugins.augmentations;

import org.cnnworkbench.api.Image;
import org.pf4j.Extension;

/**
 * Mirrors an image left to right (Keras' {@code horizontal_flip=True}, or
 * {@code RandomFlip("horizontal")}) with a given probability: every row of every channel is
 * reversed, in place. Draws exactly one number from the trial's Random per image.
 */
@Extension
public class HorizontalFlip extends Flip {
    public HorizontalFlip() {
        super("horizontal-flip",
                "Mirrors training images left to right with a given probability");
    }

    /** Reverses each row of each channel of {@code image}. */
    @Override
    void flip(Image image) {
        float[] data = image.data();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < image.height(); y++) {
                int left = image.index(c, y, 0);
                int right = image.index(c, y, image.width() - 1);
                while (left < right) {
                    float swap = data[left];
                    data[left++] = data[right];
                    data[right--] = swap;
                }
            }
        }
    }
}
