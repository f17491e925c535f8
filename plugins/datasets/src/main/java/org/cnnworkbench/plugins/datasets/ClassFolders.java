package org.cnnworkbench.plugins.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cnnworkbench.api.PluginInputException;

/**
 * One image folder as a classification set: its class sub-folders (sorted by name, which gives
 * the class order) and, for each, its image files (PNG, JPEG, BMP, GIF by extension, also in
 * nested folders, sorted by their path). Hidden files and folders (".name") and macOS's
 * {@code __MACOSX} folders are ignored; symbolic links are followed.
 *
 * @param param the parameter that named the folder, for messages
 * @param files the image files of each class, in class order
 */
record ClassFolders(String param, Path root, List<String> classes, List<List<Path>> files) {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    static final String KINDS = "PNG, JPEG, BMP or GIF";

    ClassFolders {
        classes = List.copyOf(classes);
        files = files.stream().map(List::copyOf).toList();
    }

    /**
     * Lists {@code root}'s class folders and images, keeping the first {@code limitPerClass}
     * images of each (all when 0).
     *
     * @throws PluginInputException if {@code root} is not a folder, has no class sub-folders, or a
     *                              class folder has no images
     */
    static ClassFolders scan(String param, Path root, int limitPerClass) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new PluginInputException(param + ": " + root + " is a file, not a folder; give the folder that holds"
                    + " one sub-folder of images per class (e.g. cat/, dog/)");
        }
        List<String> classes = new ArrayList<>();
        int loose = 0;
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.sorted().toList()) {
                if (ignored(child)) {
                    continue;
                }
                if (Files.isDirectory(child)) {
                    classes.add(child.getFileName().toString());
                } else if (isImage(child)) {
                    loose++;
                }
            }
        }
        classes.sort(null);
        if (classes.isEmpty()) {
            throw new PluginInputException(param + ": " + root + (loose > 0
                    ? " has " + Counts.of(loose, "image", "images") + " but no class sub-folders; put each class's images"
                    + " in a sub-folder named for the class (e.g. " + root.resolve("cat") + ", " + root.resolve("dog") + ")"
                    : " has no class sub-folders and no images; give the folder that holds one sub-folder of images per"
                    + " class (e.g. cat/, dog/)"));
        }
        List<List<Path>> files = new ArrayList<>();
        for (String name : classes) {
            files.add(images(param, root.resolve(name), limitPerClass));
        }
        return new ClassFolders(param, root, classes, files);
    }

    /** The number of image files in all class folders. */
    int fileCount() {
        return files.stream().mapToInt(List::size).sum();
    }

    /**
     * Checks that {@code other} (a validation or test folder) has exactly this folder's classes.
     *
     * @throws PluginInputException listing the classes only one of them has
     */
    void requireSameClasses(ClassFolders other) {
        if (classes.equals(other.classes)) {
            return;
        }
        Set<String> missing = new TreeSet<>(classes);
        missing.removeAll(other.classes);
        Set<String> extra = new TreeSet<>(other.classes);
        extra.removeAll(classes);
        List<String> differences = new ArrayList<>();
        if (!missing.isEmpty()) {
            differences.add("missing in " + other.param + ": " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            differences.add("not in " + param + ": " + String.join(", ", extra));
        }
        throw new PluginInputException(other.param + ": the class folders of " + other.root + " differ from those of "
                + param + " (" + root + "): " + String.join("; ", differences) + ". Every folder needs the same class"
                + " sub-folders, so that labels mean the same classes");
    }

    private static List<Path> images(String param, Path classDir, int limit) throws IOException {
        List<Path> images = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classDir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (hiddenBelow(classDir, file)) {
                    continue;
                }
                if (isImage(file)) {
                    images.add(file);
                } else {
                    others.add(classDir.relativize(file).toString());
                }
            }
        } catch (UncheckedIOException e) {
            throw new PluginInputException(param + ": cannot list " + classDir + ": " + e.getCause().getMessage(), e);
        }
        if (images.isEmpty()) {
            throw new PluginInputException(param + ": class folder " + classDir + " has no " + KINDS + " images"
                    + (others.isEmpty() ? "" : " (it has " + Counts.of(others.size(), "other file", "other files")
                    + ", e.g. " + others.get(0) + ")") + "; add images to it or remove it");
        }
        return limit > 0 && images.size() > limit ? images.subList(0, limit) : images;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean ignored(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") || name.equals("__MACOSX");
    }

    /** Whether {@code file} or a folder between {@code top} and it is hidden. */
    private static boolean hiddenBelow(Path top, Path file) {
        for (Path part : top.relativize(file)) {
            if (ignored(part)) {
                return true;
            }
        }
        return false;
    }
}
