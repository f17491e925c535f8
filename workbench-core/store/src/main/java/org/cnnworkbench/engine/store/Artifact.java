package org.cnnworkbench.engine.store;

import java.util.Objects;

/**
 * A file a run produced, stored under the workbench home.
 *
 * @param kind         what it is: {@code model}, {@code checkpoint}, {@code log}, ...
 * @param relativePath path relative to the workbench home, with '/' separators and no {@code ..}
 * @param sizeBytes    file size
 * @param sha256       hex digest of the file
 */
public record Artifact(String kind, String relativePath, long sizeBytes, String sha256) {
    public Artifact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(relativePath, "relativePath");
        if (relativePath.startsWith("/") || relativePath.contains("..") || relativePath.contains("\\")) {
            throw new IllegalArgumentException("artifact path must be relative to the home without '..', found "
                    + relativePath);
        }
    }
}
