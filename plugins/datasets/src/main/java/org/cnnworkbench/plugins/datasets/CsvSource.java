package org.cnnworkbench.plugins.datasets;

import org.cnnworkbench.api.InputShape;

/**
 * The samples of a CSV table for Conv1D. Without a window, each row is one sample: its feature
 * columns as a sequence of that length with 1 channel ({@code InputShape.sequence(1, features)}).
 * With a window of N rows, sample k is rows {@code k·stride} to {@code k·stride + N − 1}, the
 * features as channels and the rows as steps ({@code sequence(features, N)}), labelled with the
 * class of its last row. Values are given as they are in the array (normalised before the source
 * is handed out; not scaled to [0, 1]). Immutable once handed out; safe to read from several threads.
 */
final class CsvSource extends LabelledSource {
    private final float[] values;
    private final int features;
    private final int window;
    private final int stride;

    /**
     * @param values     rows × features, row by row
     * @param window     rows per sample, 0 for one sample per row
     * @param rowClasses the class of each row
     */
    CsvSource(float[] values, int features, int window, int stride, int[] rowClasses) {
        super(sampleClasses(rowClasses, window, window == 0 ? 1 : stride));
        this.values = values;
        this.features = features;
        this.window = window;
        this.stride = window == 0 ? 1 : stride;
    }

    /** The class of each sample: that of its last row. */
    private static int[] sampleClasses(int[] rowClasses, int window, int stride) {
        int rows = rowClasses.length;
        int count = window == 0 ? rows : (rows - window) / stride + 1;
        int[] labels = new int[count];
        for (int k = 0; k < count; k++) {
            labels[k] = rowClasses[k * stride + Math.max(window, 1) - 1];
        }
        return labels;
    }

    /** The number of samples {@code rows} rows give with this window and stride (0 if too few). */
    static int sampleCount(int rows, int window, int stride) {
        return window == 0 ? rows : rows < window ? 0 : (rows - window) / stride + 1;
    }

    InputShape shape() {
        return window == 0 ? InputShape.sequence(1, features) : InputShape.sequence(features, window);
    }

    /** The first row of sample {@code index}. */
    int firstRow(int index) {
        return index * stride;
    }

    /** Rows per sample. */
    int rowsPerSample() {
        return Math.max(window, 1);
    }

    @Override
    public void read(int index, float[] destination, int offset) {
        int first = firstRow(index);
        if (window == 0) {
            System.arraycopy(values, first * features, destination, offset, features);
            return;
        }
        for (int t = 0; t < window; t++) {
            int row = (first + t) * features;
            for (int f = 0; f < features; f++) {
                destination[offset + f * window + t] = values[row + f];
            }
        }
    }
}
