package org.cnnworkbench.engine.plugin;

import java.util.List;
import java.util.Optional;
import org.cnnworkbench.api.Configurable;

/** Finds loaded extensions by kind and id; implemented by {@link PluginCatalog}. */
public interface ExtensionLookup {

    /** Every loaded extension of a kind, sorted by id. */
    <T extends Configurable> List<Loaded<T>> all(Class<T> type);

    /** The extension of that kind with that id, if loaded. */
    default <T extends Configurable> Optional<Loaded<T>> find(Class<T> type, String id) {
        return all(type).stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
