package org.cnnworkbench.plugins.datasets;

/**
 * Labelled samples held as unsigned bytes ({@link ByteSamples}), scaled to {@code [0, 1]} as they
 * are read. Immutable after construction, so safe to read from several threads.
 */
final class ByteSource extends LabelledSource {
    private final ByteSamples samples;

    /** {@code labels[i]} is the class of sample {@code i}; there is one label per sample. */
    ByteSource(ByteSamples samples, int[] labels) {
        super(labels);
        if (labels.length != samples.count()) {
            throw new IllegalArgumentException(labels.length + " labels do not match " + samples.count() + " samples");
        }
        this.samples = samples;
    }

    @Override
    public void read(int index, float[] destination, int offset) {
        samples.read(index, destination, offset);
    }
}
