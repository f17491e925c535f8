package org.cnnworkbench.app.cli.plugins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.Versions;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.plugin.PluginCatalog;

/**
 * A plugin project to generate from {@link PluginTemplate}: the example plugin's sources and tests
 * with their package renamed to {@code packageName} and their ids' {@code example-} prefix to
 * {@code name-}, and a standalone pom whose versions are this workbench's ({@link Versions}), so
 * they never drift from what the plugin will run in.
 *
 * @param name        the plugin id and Maven artifactId, kebab-case
 * @param packageName the Java package of the sources, also the Maven groupId and the plugin's
 *                    provider in its manifest
 */
public record PluginProject(String name, String packageName) {
    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** {@code example-} starting an id: not preceded by a letter, digit, dot, underscore or hyphen. */
    private static final Pattern EXAMPLE_ID = Pattern.compile(
            "(?<![A-Za-z0-9_.-])" + Pattern.quote(PluginTemplate.EXAMPLE_ID_PREFIX) + "(?=[a-z0-9])");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z0-9_]+)}}");

    public PluginProject {
        if (name == null || !KEBAB_CASE.matcher(name).matches()) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "plugin name '" + name + "' is not kebab-case:"
                    + " use lower-case letters, digits and single hyphens, starting with a letter (e.g. my-plugin)."
                    + " It becomes the plugin id, the Maven artifactId and the prefix of the extension ids.");
        }
        if (packageName == null || !SourceVersion.isName(packageName) || !packageName.equals(packageName.strip())) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--package '" + packageName + "' is not a valid"
                    + " Java package name: use dot-separated identifiers that are not Java keywords (e.g. com.example."
                    + defaultPackageSegment(name) + ").");
        }
        if (packageName.equals("java") || packageName.startsWith("java.")) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--package '" + packageName + "' is under java.,"
                    + " which only the JDK may use; choose your own (e.g. com.example." + defaultPackageSegment(name) + ").");
        }
    }

    /** The package used when none is given: {@code com.example.} and the name without hyphens. */
    static String defaultPackage(String name) {
        return "com.example." + defaultPackageSegment(name);
    }

    private static String defaultPackageSegment(String name) {
        String segment = name == null ? "" : name.replaceAll("[^a-z0-9]", "");
        return SourceVersion.isIdentifier(segment) && !SourceVersion.isKeyword(segment) ? segment : "myplugin";
    }

    /** The jar {@code mvn package} builds, relative to the project folder. */
    String jarPath() {
        return "target/" + name + "-0.1.0.jar";
    }

    /** Every file of the project: path relative to the project folder → text. */
    SortedMap<String, String> files() {
        SortedMap<String, String> files = new TreeMap<>();
        PluginTemplate.PROJECT_FILES.forEach((path, template) -> files.put(path, fill(template)));
        PluginTemplate.sources().forEach((path, text) -> files.put("src/" + renamePath(path), renameInSource(text)));
        return files;
    }

    /**
     * Writes the project into {@code dir} (which must not exist yet) and returns the files
     * written, relative to it.
     */
    List<String> writeTo(Path dir) {
        SortedMap<String, String> files = files();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.UNAVAILABLE, "cannot write the plugin project into " + dir + ": "
                    + e.getMessage() + ". Check that the folder is writable, or choose another with --dir.", e);
        }
        return List.copyOf(files.keySet());
    }

    private String renamePath(String path) {
        String examplePath = PluginTemplate.EXAMPLE_PACKAGE.replace('.', '/') + "/";
        return path.replace(examplePath, packageName.replace('.', '/') + "/");
    }

    /** Renames the package (declarations, imports, Javadoc links) and the ids' prefix. */
    private String renameInSource(String text) {
        String renamed = text.replace(PluginTemplate.EXAMPLE_PACKAGE, packageName);
        return EXAMPLE_ID.matcher(renamed).replaceAll(Matcher.quoteReplacement(name + "-"));
    }

    /** The project file template {@code templateName} with its placeholders filled in. */
    private String fill(String templateName) {
        String template = PluginTemplate.projectFile(templateName);
        Map<String, String> values = versions();
        values.putAll(Map.of(
                "name", name,
                "package", packageName,
                "group_id", packageName,
                "api_version", PluginCatalog.API_VERSION));
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholders.find()) {
            String value = values.get(placeholders.group(1));
            if (value == null) {
                throw new IllegalStateException("plugin template " + templateName + " uses an unknown placeholder "
                        + placeholders.group());
            }
            placeholders.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        placeholders.appendTail(filled);
        if (filled.indexOf("{{") >= 0) {
            throw new IllegalStateException("plugin template " + templateName + " has a malformed placeholder near '"
                    + filled.substring(filled.indexOf("{{"), Math.min(filled.length(), filled.indexOf("{{") + 40)) + "'");
        }
        return filled.toString();
    }

    /** The versions a generated pom depends on: this workbench's own, as its build recorded them. */
    private static Map<String, String> versions() {
        Map<String, String> versions = new HashMap<>(Map.of(
                "workbench_version", Versions.workbench(),
                "dl4j_version", Versions.dl4j(),
                "pf4j_version", Versions.pf4j()));
        versions.forEach((key, version) -> {
            if (version.equals("unknown") || version.contains("${")) {
                throw new IllegalStateException("the application does not know its " + key.replace('_', ' ')
                        + " (found '" + version + "'); rebuild it with Maven");
            }
        });
        return versions;
    }
}
