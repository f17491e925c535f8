package org.cnnworkbench.plugins.augmentations;

import java.util.Random;
import org.cnnworkbench.api.Image;
import org.cnnworkbench.api.ImageTransform;

/** Small images for tests: hand-made grids and seeded random ones. */
final class Images {
    private Images() {
    }

    /** A one-channel image of the given rows (all of one width), at offset 0. */
    static Image rows(float[]... rows) {
        int w = rows[0].length;
        float[] data = new float[rows.length * w];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, data, r * w, w);
        }
        return new Image(data, 0, 1, rows.length, w);
    }

    /** Values uniform in [0, 1) from {@code seed}, starting at offset 1 of an array with a guard value of -1 on each side. */
    static Image random(long seed, int channels, int height, int width) {
        Random random = new Random(seed);
        float[] data = new float[channels * height * width + 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        data[0] = -1;
        data[data.length - 1] = -1;
        return new Image(data, 1, channels, height, width);
    }

    /** A copy backed by its own array, at the same offset. */
    static Image copy(Image image) {
        return new Image(image.data().clone(), image.offset(), image.channels(), image.height(), image.width());
    }

    /** The image's values, without what lies around them in the array. */
    static float[] values(Image image) {
        float[] values = new float[image.channels() * image.height() * image.width()];
        System.arraycopy(image.data(), image.offset(), values, 0, values.length);
        return values;
    }

    /** Row {@code r} of channel {@code c}. */
    static float[] row(Image image, int c, int r) {
        float[] row = new float[image.width()];
        for (int x = 0; x < row.length; x++) {
            row[x] = image.get(c, r, x);
        }
        return row;
    }

    /** How many doubles {@code transform} takes from its Random for one 3-channel 4 × 4 image (at most 9). */
    static int draws(ImageTransform transform) {
        Random used = new Random(3);
        transform.apply(random(1, 3, 4, 4), used);
        long next = used.nextLong();
        for (int n = 0; n < 10; n++) {
            Random probe = new Random(3);
            for (int i = 0; i < n; i++) {
                probe.nextDouble();
            }
            if (probe.nextLong() == next) {
                return n;
            }
        }
        throw new AssertionError("the transform took more than 9 numbers from its Random, or not as doubles");
    }
}
