package org.cnnworkbench.app.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.cnnworkbench.engine.plugin.PluginFiles;

/** The plugin files of a home's plugins folder, found by the plugin id in their descriptors. */
public final class InstalledPlugins {
    private InstalledPlugins() {
    }

    /** The jars and zips in {@code folder} whose descriptor names plugin {@code id}. */
    public static List<Path> filesOf(Path folder, String id) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(PluginFiles::isArchive).filter(f -> idOf(f).equals(id)).sorted().toList();
        }
    }

    private static String idOf(Path file) {
        try {
            return PluginFiles.descriptor(file).getPluginId();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** PF4J unpacks a zip plugin into a folder of the same name; that folder goes with it. */
    public static void deleteUnpacked(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.toLowerCase().endsWith(".zip")) {
            return;
        }
        Path folder = file.resolveSibling(name.substring(0, name.length() - 4));
        if (Files.isDirectory(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
