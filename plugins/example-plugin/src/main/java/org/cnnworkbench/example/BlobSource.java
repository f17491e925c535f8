package org.cnnworkbench.example;

import java.util.SplittableRandom;
import org.cnnworkbench.api.DataSource;

/**
 * One split of {@link BlobsDataset}: {@code perClass} images of each class, labels cycling
 * {@code 0, 1, ..., classes - 1, 0, 1, ...}. Image {@code i} is drawn when it is read, from a
 * random generator seeded by (trial seed, split, {@code i}) alone, so reading it twice, in any
 * order or from several threads at once gives the same pixels; the source holds no pixels and
 * never changes.
 */
final class BlobSource implements DataSource {
    /** Names the drawing below in the dataset's digest; change it when the images change. */
    static final String GENERATOR = "gaussian-blobs-v1";

    /** Distance of the blob centres from the image centre, as a share of the image's sides. */
    private static final double RADIUS = 0.3;
    /** The blob's standard deviation, as a share of the shorter side. */
    private static final double SPREAD = 0.15;
    /** How far a blob strays from its class's position (standard deviation, share of the side). */
    private static final double JITTER = 0.04;

    private final int width;
    private final int height;
    private final int classes;
    private final double noise;
    private final int size;
    private final long seed;
    private final int split;

    BlobSource(int width, int height, int classes, double noise, int perClass, long seed, int split) {
        this.width = width;
        this.height = height;
        this.classes = classes;
        this.noise = noise;
        this.size = Math.multiplyExact(perClass, classes);
        this.seed = seed;
        this.split = split;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int label(int index) {
        return index % classes;
    }

    /** Writes image {@code index}, values in [0, 1], row after row (one channel). */
    @Override
    public void read(int index, float[] destination, int offset) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("image " + index + " of a split of " + size);
        }
        SplittableRandom random = new SplittableRandom(sampleSeed(index));
        double angle = 2 * Math.PI * label(index) / classes;
        double centreX = width / 2.0 + RADIUS * width * Math.sin(angle) + JITTER * width * random.nextGaussian();
        double centreY = height / 2.0 - RADIUS * height * Math.cos(angle) + JITTER * height * random.nextGaussian();
        double spread = SPREAD * Math.min(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dx = x + 0.5 - centreX;
                double dy = y + 0.5 - centreY;
                double value = Math.exp(-(dx * dx + dy * dy) / (2 * spread * spread)) + noise * random.nextGaussian();
                destination[offset + y * width + x] = (float) Math.min(1, Math.max(0, value));
            }
        }
    }

    /** A seed of its own for each (trial seed, split, image); SplittableRandom scrambles it further. */
    private long sampleSeed(int index) {
        return seed * 0x9E3779B97F4A7C15L + split * 0xBF58476D1CE4E5B9L + index;
    }
}
