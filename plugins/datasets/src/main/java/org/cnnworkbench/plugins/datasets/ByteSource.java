package org.cnnworkbench.plugins.datasets;

import org.cnnworkbench.api.DataSource;

/**
 * Labelled samples held as unsigned bytes ({@link ByteSamples}), scaled to {@code [0, 1]} as they
 * are read. Immutable after construction, so safe to read from several threads.
 */
final class ByteSource implements DataSource {
    private final ByteSamples samples;
    private final int[] labels;

    /** {@code labels[i]} is the class of sample {@code i}; there is one label per sample. */
    ByteSource(ByteSamples samples, int[] labels) {
        if (labels.length != samples.count()) {
            throw new IllegalArgumentException(labels.length + " labels do not match " + samples.count() + " samples");
        }
        this.samples = samples;
        this.labels = labels;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public void read(int index, float[] destination, int offset) {
        samples.read(index, destination, offset);
    }
}
