package org.cnnworkbench.engine.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.network.Network;

/**
 * Saving a trained model: DL4J's ModelSerializer zip (configuration, weights, updater state),
 * with one more entry, {@value #METADATA_ENTRY}, holding what prediction needs to reproduce the
 * run's preprocessing — class names, input shape, the dataset's settings.
 */
public final class ModelFiles {
    /** The zip entry with the class names, input shape and dataset settings. */
    public static final String METADATA_ENTRY = "workbench-model.json";

    private ModelFiles() {
    }

    static void save(Network net, Path file, Map<String, Object> metadata) throws IOException {
        Files.createDirectories(file.getParent());
        // A partial file of this writer's own: two processes that both hold (or held) a trial, e.g. a worker
        // whose lease was lost and the trial's new owner, never write into one file; each installs a whole one.
        Path partial = file.resolveSibling(file.getFileName() + "." + java.util.UUID.randomUUID() + ".partial");
        try {
            net.save(partial.toFile());
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + partial.toUri()), Map.of())) {
                Files.writeString(zip.getPath(METADATA_ENTRY), Json.pretty(metadata));
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
