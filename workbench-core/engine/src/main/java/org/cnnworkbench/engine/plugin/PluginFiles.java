package org.cnnworkbench.engine.plugin;

import java.nio.file.Path;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * Reading a plugin file's descriptor (the jar manifest's {@code Plugin-Id}, {@code Plugin-Version},
 * {@code Plugin-Requires}, or a {@code plugin.properties}) without loading it, so that a file can be
 * checked before it is installed, and so that a file PF4J refused can be explained.
 */
public final class PluginFiles {
    private PluginFiles() {
    }

    /** Whether {@code file} looks like a plugin archive by its name. */
    public static boolean isArchive(Path file) {
        String name = file.getFileName().toString().toLowerCase();
        return name.endsWith(".jar") || name.endsWith(".zip");
    }

    /**
     * The descriptor of {@code file}.
     *
     * @throws IllegalArgumentException with a message users can act on, when it has none or it is unreadable
     */
    public static PluginDescriptor descriptor(Path file) {
        CompoundPluginDescriptorFinder finder = new CompoundPluginDescriptorFinder()
                .add(new PropertiesPluginDescriptorFinder())
                .add(new ManifestPluginDescriptorFinder());
        try {
            PluginDescriptor descriptor = finder.find(file);
            if (descriptor.getPluginId() == null || descriptor.getPluginId().isBlank()) {
                throw new IllegalArgumentException("its manifest has no Plugin-Id");
            }
            if (descriptor.getVersion() == null || descriptor.getVersion().isBlank()) {
                throw new IllegalArgumentException("its manifest has no Plugin-Version");
            }
            return descriptor;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalArgumentException(file + " is not a valid plugin: " + reason
                    + " (a plugin jar's manifest needs Plugin-Id, Plugin-Version and Plugin-Requires)", e);
        }
    }
}
