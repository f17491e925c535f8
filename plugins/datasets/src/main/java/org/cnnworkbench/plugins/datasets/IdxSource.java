package org.cnnworkbench.plugins.datasets;

import org.cnnworkbench.api.DataSource;

/**
 * Grayscale samples held as unsigned bytes, one label byte each, scaled to {@code [0, 1]} as they
 * are read. Immutable after construction, so safe to read from several threads.
 */
final class IdxSource implements DataSource {
    private final byte[] pixels;
    private final byte[] labels;
    private final int sampleSize;

    /** {@code pixels} holds {@code labels.length} samples of {@code sampleSize} bytes, in order. */
    IdxSource(byte[] pixels, byte[] labels, int sampleSize) {
        if ((long) labels.length * sampleSize != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels do not match " + pixels.length
                    + " pixels of " + sampleSize + " per sample");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.sampleSize = sampleSize;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return Byte.toUnsignedInt(labels[index]);
    }

    @Override
    public void read(int index, float[] destination, int offset) {
        int start = index * sampleSize;
        for (int i = 0; i < sampleSize; i++) {
            destination[offset + i] = Byte.toUnsignedInt(pixels[start + i]) / 255f;
        }
    }
}
