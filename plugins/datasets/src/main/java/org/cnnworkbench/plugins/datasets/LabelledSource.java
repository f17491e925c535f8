package org.cnnworkbench.plugins.datasets;

import org.cnnworkbench.api.DataSource;

/**
 * A {@link DataSource} whose labels are one array, {@code labels[i]} the class of sample {@code i}:
 * it answers {@link #size} and {@link #label}; a subclass reads the samples.
 */
abstract class LabelledSource implements DataSource {
    private final int[] labels;

    LabelledSource(int[] labels) {
        this.labels = labels;
    }

    @Override
    public final int size() {
        return labels.length;
    }

    @Override
    public final int label(int index) {
        return labels[index];
    }
}
