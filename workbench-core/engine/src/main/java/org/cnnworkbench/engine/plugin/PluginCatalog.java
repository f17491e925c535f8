package org.cnnworkbench.engine.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
    /** The plugin API version that {@code Plugin-Requires} ranges are checked against. */
    public static final String API_VERSION = "0.1.0";

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
            for (ExtensionKind kind : ExtensionKind.all()) {
                List<? extends Configurable> extensions;
                try {
                    extensions = manager.getExtensions(kind.type(), wrapper.getPluginId());
                } catch (RuntimeException | LinkageError e) {
                    problems.add("plugin '" + wrapper.getPluginId() + "' (" + wrapper.getPluginPath() + "): its "
                            + kind.label() + " extensions could not be created: " + e);
                    continue;
                }
                for (Configurable extension : extensions) {
                    add(kind, extension, info);
                }
            }
        }
        byType.values().forEach(list -> list.sort(Comparator.comparing(l -> l.id())));
    }

    private void add(ExtensionKind kind, Configurable extension, PluginInfo info) {
        String id;
        try {
            id = extension.id();
            extension.parameters();
        } catch (RuntimeException | LinkageError e) {
            problems.add("plugin '" + info.id() + "': extension " + extension.getClass().getName()
                    + " failed to describe itself: " + e);
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
        Set<Path> loaded = manager.getPlugins().stream().map(w -> w.getPluginPath().toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        for (PluginWrapper wrapper : manager.getPlugins()) {
            if (wrapper.getPluginState() != PluginState.STARTED) {
                problems.add("plugin '" + wrapper.getPluginId() + "' (" + wrapper.getPluginPath() + ") is "
                        + wrapper.getPluginState().toString().toLowerCase()
                        + (wrapper.getFailedException() != null ? ": " + wrapper.getFailedException().getMessage() : "")
                        + ".");
            }
        }
        for (Path root : roots) {
            try (Stream<Path> files = Files.list(root)) {
                files.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".zip"))
                        .map(p -> p.toAbsolutePath().normalize())
                        .filter(p -> !loaded.contains(p) && !loaded.contains(unzippedFolder(p)))
                        .forEach(p -> problems.add(p + " could not be loaded as a plugin (missing or invalid "
                                + "Plugin-Id/Plugin-Version in its manifest, or not a valid jar)."));
            } catch (IOException e) {
                problems.add("cannot list plugin folder " + root + ": " + e.getMessage());
            }
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
