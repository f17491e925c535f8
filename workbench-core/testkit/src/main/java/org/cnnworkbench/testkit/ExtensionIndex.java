package org.cnnworkbench.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/**
 * Finds the extensions of the module under test as PF4J finds them: through the
 * {@code META-INF/extensions.idx} that PF4J's annotation processor writes at compile time. An
 * extension missing its {@code @Extension} annotation is missing here too.
 */
public final class ExtensionIndex {
    private ExtensionIndex() {
    }

    /** Every extension of {@code type} on the test class path. */
    public static <T> List<T> extensionsOf(Class<T> type) {
        Path noPlugins;
        try {
            noPlugins = Files.createTempDirectory("no-plugins");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PluginManager manager = new DefaultPluginManager(noPlugins);
        manager.loadPlugins();
        manager.startPlugins();
        try {
            return manager.getExtensions(type);
        } finally {
            manager.stopPlugins();
            noPlugins.toFile().delete();
        }
    }
}
