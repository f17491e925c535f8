package org.cnnworkbench.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars in a test: compiles Java sources with the JDK's compiler against the
 * test class path (so PF4J's annotation processor writes the extension index, as in a real
 * build) and packs them with a PF4J manifest. Classes can be left out of the jar to make a
 * broken plugin.
 */
final class PluginJars {
    private final String id;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private String version = "1.0.0";
    private String requires = ">=0.1.0";
    private boolean manifest = true;
    private final List<String> omitted = new ArrayList<>();
    private final Map<String, String> compiledAgainst = new LinkedHashMap<>();

    private PluginJars(String id) {
        this.id = id;
    }

    static PluginJars plugin(String id) {
        return new PluginJars(id);
    }

    /** Adds a source file; {@code className} is fully qualified. */
    PluginJars source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    PluginJars requires(String range) {
        this.requires = range;
        return this;
    }

    PluginJars version(String version) {
        this.version = version;
        return this;
    }

    /** Builds the jar without PF4J's manifest entries. */
    PluginJars withoutDescriptor() {
        this.manifest = false;
        return this;
    }

    /** Leaves a compiled class out of the jar (a class the plugin needs goes missing). */
    PluginJars omit(String className) {
        omitted.add(className);
        return this;
    }

    /**
     * Compiles the plugin against {@code className} as {@code code} (e.g. an extension point as an
     * older plugin API declared it) instead of the class path's; that class is not packed.
     */
    PluginJars compiledAgainst(String className, String code) {
        compiledAgainst.put(className, code);
        return this;
    }

    /** Compiles and writes {@code folder/<id>.jar}. */
    Path buildInto(Path folder) throws IOException {
        Path work = Files.createTempDirectory(folder, id + "-build");
        Path src = work.resolve("src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            files.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("java.class.path");
        if (!compiledAgainst.isEmpty()) {
            Path apiSrc = work.resolve("api-src");
            Path apiClasses = Files.createDirectories(work.resolve("api-classes"));
            List<String> apiArgs = new ArrayList<>(List.of("-d", apiClasses.toString(), "-classpath", classPath,
                    "-proc:none", "--release", "17"));
            for (Map.Entry<String, String> s : compiledAgainst.entrySet()) {
                Path file = apiSrc.resolve(s.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, s.getValue());
                apiArgs.add(file.toString());
            }
            if (javac.run(null, null, null, apiArgs.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the API classes for test plugin " + id + " did not compile");
            }
            classPath = apiClasses + java.io.File.pathSeparator + classPath;
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                classPath, "--release", "17"));
        args.addAll(files);
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("test plugin " + id + " did not compile");
        }
        Set<String> skip = Set.copyOf(omitted.stream().map(c -> c.replace('.', '/') + ".class").toList());
        Path jar = folder.resolve(id + ".jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifest) {
            mf.getMainAttributes().putValue("Plugin-Id", id);
            mf.getMainAttributes().putValue("Plugin-Version", version);
            mf.getMainAttributes().putValue("Plugin-Requires", requires);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, mf);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (skip.contains(name)) {
                    continue;
                }
                zip.putNextEntry(new JarEntry(name));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** Source of an augmentation extension whose description is {@code description} (a Java expression). */
    static String augmentation(String pkg, String className, String id, String description, String constructorBody,
                               String applyBody) {
        return """
                package %s;

                import java.util.List;
                import org.cnnworkbench.api.*;
                import org.pf4j.Extension;

                @Extension
                public class %s implements Augmentation {
                    public %s() { %s }
                    public String id() { return "%s"; }
                    public String description() { return %s; }
                    public List<ParamSpec> parameters() { return List.of(); }
                    public ImageTransform create(Params params) { return (image, random) -> { %s }; }
                }
                """.formatted(pkg, className, className, constructorBody, id, description, applyBody);
    }
}
