package org.cnnworkbench.engine.run;

import org.cnnworkbench.api.DataSource;
import org.cnnworkbench.api.DatasetSplits;

/**
 * A trial's data as batch streams: training, and validation and test, each {@code null} when the
 * dataset has no such split (or an empty one).
 */
record SplitStreams(BatchStream train, BatchStream validation, BatchStream test) {

    static SplitStreams of(DatasetSplits data, boolean binaryHead, int batchSize) {
        return new SplitStreams(stream(data, data.train(), binaryHead, batchSize),
                heldOut(data, data.validation(), binaryHead, batchSize), heldOut(data, data.test(), binaryHead, batchSize));
    }

    private static BatchStream heldOut(DatasetSplits data, DataSource split, boolean binaryHead, int batchSize) {
        return split == null || split.size() == 0 ? null : stream(data, split, binaryHead, batchSize);
    }

    private static BatchStream stream(DatasetSplits data, DataSource split, boolean binaryHead, int batchSize) {
        return new BatchStream(split, data.shape(), data.classCount(), binaryHead, batchSize);
    }

    static int size(BatchStream stream) {
        return stream == null ? 0 : stream.size();
    }
}
