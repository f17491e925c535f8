package org.cnnworkbench.api;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link DatasetProvider} gives the engine: the sample shape, the class names (index =
 * label), and the three splits. {@code validation} and {@code test} may be {@code null} when the
 * data has none; the engine then skips that evaluation and says so.
 *
 * @param digest a short fingerprint of the data (e.g. a SHA-256 of the files read), recorded as
 *               the run's dataset provenance
 */
public record DatasetSplits(InputShape shape, List<String> classNames, DataSource train,
                            DataSource validation, DataSource test, String digest) {

    public DatasetSplits {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(train, "train");
        classNames = List.copyOf(classNames);
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("a classification dataset needs at least 2 classes, found "
                    + classNames.size());
        }
        digest = digest == null ? "" : digest;
    }

    public int classCount() {
        return classNames.size();
    }
}
