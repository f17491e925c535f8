package org.cnnworkbench.app.cli.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The plugin project template packed into the application under {@value #ROOT}: the example
 * plugin's sources and tests ({@code src/}, copied from {@code plugins/example-plugin/src} by the
 * app module's build, so there is one copy of the example code) and the files around them
 * ({@code project/}: the pom, README, Maven config and .gitignore, with {@code {{placeholders}}}).
 */
public final class PluginTemplate {
    static final String ROOT = "plugin-template";
    /** The example plugin's package, renamed in a generated project. */
    static final String EXAMPLE_PACKAGE = "org.cnnworkbench.example";
    /** The prefix of the example plugin's extension ids, renamed in a generated project. */
    static final String EXAMPLE_ID_PREFIX = "example-";

    /** Project files: path in a generated project → template under {@code plugin-template/project/}. */
    static final Map<String, String> PROJECT_FILES = Map.of(
            "pom.xml", "pom.xml.template",
            "README.md", "README.md.template",
            ".mvn/maven.config", "maven.config.template",
            ".gitignore", "gitignore.template");

    private PluginTemplate() {
    }

    /** The example plugin's files: path under {@code src/} (e.g. {@code main/java/org/...}) → text. */
    static SortedMap<String, String> sources() {
        Path location = codeLocation();
        try {
            if (Files.isDirectory(location)) {
                return readTree(location.resolve(ROOT).resolve("src"));
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return readTree(jar.getPath(ROOT, "src"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plugin template from " + location, e);
        }
    }

    /** The text of project file template {@code name} (a value of {@link #PROJECT_FILES}). */
    static String projectFile(String name) {
        String resource = "/" + ROOT + "/project/" + name;
        try (InputStream in = PluginTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the application lacks its resource " + resource + "; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static SortedMap<String, String> readTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the application lacks the example plugin's sources under " + root
                    + "; rebuild it (the app module's build copies them from plugins/example-plugin/src)");
        }
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("the example plugin's sources under " + root + " are empty; rebuild the application");
        }
        return files;
    }

    /** The application's jar, or its classes folder when run from a build. */
    private static Path codeLocation() {
        try {
            return Path.of(PluginTemplate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the application's classes", e);
        }
    }
}
