package org.cnnworkbench.api;

/**
 * One split of a dataset (train, validation or test) as random access to labelled samples.
 * The engine does the batching, shuffling, augmentation and prefetching; a source only gives one
 * sample at a time, so it may decode lazily and keep compact (e.g. 8-bit) copies.
 *
 * <p>Called from the engine's data thread, possibly concurrently for different indices: an
 * implementation must be safe to read from several threads and must not change after creation.
 */
public interface DataSource {

    /** Number of samples. */
    int size();

    /** The class index of sample {@code index}, in {@code [0, classes)}. */
    int label(int index);

    /**
     * Writes sample {@code index} into {@code destination} from {@code offset}, in the order of
     * {@link InputShape} (channels, then rows, then columns), scaled to {@code [0, 1]} unless the
     * provider documents otherwise.
     */
    void read(int index, float[] destination, int offset);

    /** The samples at {@code indices} of this source, as a source (no copy of the data). */
    default DataSource subset(int[] indices) {
        int[] kept = indices.clone();
        DataSource parent = this;
        return new DataSource() {
            @Override
            public int size() {
                return kept.length;
            }

            @Override
            public int label(int index) {
                return parent.label(kept[index]);
            }

            @Override
            public void read(int index, float[] destination, int offset) {
                parent.read(kept[index], destination, offset);
            }
        };
    }
}
