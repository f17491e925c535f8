package org.cnnworkbench.engine.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.engine.Digests;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The loaded plugins: built-in jars (shipped with the distribution) and users' jars, all loaded
 * by the same PF4J plugin manager, each in its own class loader. Extensions are looked up by kind
 * and id; a plugin that fails to load, or an extension whose id is already taken, is recorded as
 * a problem and left out while everything else keeps working.
 */
public final class PluginCatalog implements ExtensionLookup, AutoCloseable {
    /**
     * The plugin API version that {@code Plugin-Requires} ranges are checked against. 0.2.0 added
     * graph architectures ({@code ArchitectureFactory.configuration}/{@code createNetwork}) as
     * default methods only, so jars built against 0.1.0 (requiring {@code >=0.1.0}) load and work
     * unchanged.
     */
    public static final String API_VERSION = "0.2.0";

    private final PluginManager manager;
    private final Map<Class<?>, List<Loaded<?>>> byType = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private PluginCatalog(PluginManager manager) {
        this.manager = manager;
    }

    /**
     * Loads every plugin jar, zip or folder in {@code builtInDir} and {@code userDirs} (missing
     * folders are skipped) and starts them.
     */
    public static PluginCatalog load(Path builtInDir, List<Path> userDirs) {
        List<Path> roots = new ArrayList<>();
        roots.add(builtInDir.toAbsolutePath().normalize());
        userDirs.stream().map(p -> p.toAbsolutePath().normalize()).filter(Files::isDirectory)
                .filter(p -> !roots.contains(p)).forEach(roots::add);
        DefaultPluginManager manager = new DefaultPluginManager(roots);
        manager.setSystemVersion(API_VERSION);
        manager.loadPlugins();
        manager.startPlugins();
        PluginCatalog catalog = new PluginCatalog(manager);
        catalog.index(roots.get(0));
        catalog.reportUnloaded(roots);
        return catalog;
    }

    private void index(Path builtInDir) {
        List<PluginWrapper> plugins = new ArrayList<>(manager.getStartedPlugins());
        // Built-ins first, so that a user's plugin cannot take over a built-in id.
        plugins.sort(Comparator.comparing((PluginWrapper w) -> !w.getPluginPath().startsWith(builtInDir))
                .thenComparing(PluginWrapper::getPluginId));
        for (PluginWrapper wrapper : plugins) {
            PluginInfo info = describe(wrapper, builtInDir);
            for (String className : new TreeSet<>(manager.getExtensionClassNames(wrapper.getPluginId()))) {
                indexExtension(wrapper, info, className);
            }
        }
        byType.values().forEach(list -> list.sort(Comparator.comparing(l -> l.id())));
    }

    /** Loads and creates one extension class listed in a plugin's index, reporting why when it cannot. */
    private void indexExtension(PluginWrapper wrapper, PluginInfo info, String className) {
        String where = "plugin '" + info.id() + "' (" + info.path() + "): extension " + className;
        Class<?> type;
        try {
            type = wrapper.getPluginClassLoader().loadClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(where + " cannot be loaded: " + rootCause(e) + ". Is a class it needs missing from the jar?");
            return;
        }
        List<ExtensionKind> kinds = ExtensionKind.all().stream().filter(k -> k.type().isAssignableFrom(type)).toList();
        if (kinds.isEmpty()) {
            return; // an extension of another application's extension point; not ours to list
        }
        Object extension;
        try {
            extension = manager.getExtensionFactory().create(type);
        } catch (RuntimeException | LinkageError e) {
            String cause = rootCause(e);
            boolean missing = cause.startsWith("ClassNotFoundException") || cause.startsWith("NoClassDefFoundError");
            problems.add(where + " could not be created: " + cause
                    + (missing ? ". A class it needs is missing: bundle the plugin's own libraries in its jar (shade) or zip (lib/)" : ""));
            return;
        }
        for (ExtensionKind kind : kinds) {
            add(kind, (Configurable) extension, info);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private void add(ExtensionKind kind, Configurable extension, PluginInfo info) {
        String id;
        try {
            id = extension.id();
            extension.parameters();
        } catch (RuntimeException | LinkageError e) {
            problems.add("plugin '" + info.id() + "': extension " + extension.getClass().getName()
                    + " failed to describe itself: " + rootCause(e));
            return;
        }
        List<Loaded<?>> list = byType.computeIfAbsent(kind.type(), k -> new ArrayList<>());
        for (Loaded<?> existing : list) {
            if (existing.id().equals(id)) {
                problems.add("plugin '" + info.id() + "' (" + info.path() + ") declares " + kind.label() + " id '" + id
                        + "', already taken by plugin '" + existing.plugin().id() + "'; the later one is ignored.");
                return;
            }
        }
        list.add(new Loaded<>(extension, info));
    }

    private void reportUnloaded(List<Path> roots) {
        Map<Path, PluginWrapper> loaded = new LinkedHashMap<>();
        manager.getPlugins().forEach(w -> loaded.put(w.getPluginPath().toAbsolutePath().normalize(), w));
        for (PluginWrapper wrapper : manager.getPlugins()) {
            if (wrapper.getPluginState() != PluginState.STARTED) {
                problems.add(notStarted(wrapper));
            }
        }
        for (Path root : roots) {
            try (Stream<Path> files = Files.list(root)) {
                files.filter(PluginFiles::isArchive)
                        .map(p -> p.toAbsolutePath().normalize())
                        .filter(p -> !loaded.containsKey(p) && !loaded.containsKey(unzippedFolder(p)))
                        .sorted()
                        .forEach(p -> problems.add(unloadedFile(p, loaded)));
            } catch (IOException e) {
                problems.add("cannot list plugin folder " + root + ": " + e.getMessage());
            }
        }
    }

    private String notStarted(PluginWrapper wrapper) {
        String requires = wrapper.getDescriptor().getRequires();
        String what = "plugin '" + wrapper.getPluginId() + "' " + wrapper.getDescriptor().getVersion() + " (" + wrapper.getPluginPath() + ")";
        if (requires != null && !requires.isBlank() && !"*".equals(requires.trim())
                && !manager.getVersionManager().checkVersionConstraint(API_VERSION, requires.trim())) {
            return what + " needs plugin API " + requires.trim() + ", but this workbench provides " + API_VERSION
                    + "; it is not loaded. Rebuild it against workbench-api " + API_VERSION + " (Plugin-Requires in its manifest).";
        }
        return what + " is " + wrapper.getPluginState().toString().toLowerCase()
                + (wrapper.getFailedException() != null ? ": " + rootCause(wrapper.getFailedException()) : "") + ".";
    }

    private static String unloadedFile(Path file, Map<Path, PluginWrapper> loaded) {
        try {
            var descriptor = PluginFiles.descriptor(file);
            for (PluginWrapper other : loaded.values()) {
                if (other.getPluginId().equals(descriptor.getPluginId())) {
                    return file + " is not loaded: its plugin id '" + descriptor.getPluginId() + "' is already loaded from "
                            + other.getPluginPath() + ". Remove one of the two.";
                }
            }
            return file + " could not be loaded as a plugin (plugin '" + descriptor.getPluginId() + "').";
        } catch (IllegalArgumentException e) {
            return e.getMessage() + ".";
        }
    }

    private static Path unzippedFolder(Path zip) {
        String name = zip.getFileName().toString();
        return zip.resolveSibling(name.substring(0, name.length() - 4));
    }

    private static PluginInfo describe(PluginWrapper wrapper, Path builtInDir) {
        Path path = wrapper.getPluginPath();
        return new PluginInfo(wrapper.getPluginId(), wrapper.getDescriptor().getVersion(), path.toString(),
                Files.isRegularFile(path) ? Digests.sha256(path) : "", path.toAbsolutePath().startsWith(builtInDir));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Configurable> List<Loaded<T>> all(Class<T> type) {
        return (List<Loaded<T>>) (List<?>) List.copyOf(byType.getOrDefault(type, List.of()));
    }

    /** The loaded plugins, built-ins first. */
    public List<PluginInfo> plugins() {
        return byType.values().stream().flatMap(List::stream).map(Loaded::plugin).distinct().toList();
    }

    /** What could not be loaded, one message each (which jar, what is wrong). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
