package org.cnnworkbench.engine.plugin;

import org.cnnworkbench.api.Configurable;

/** A loaded extension with the plugin it came from. */
public record Loaded<T extends Configurable>(T extension, PluginInfo plugin) {
    public String id() {
        return extension.id();
    }
}
