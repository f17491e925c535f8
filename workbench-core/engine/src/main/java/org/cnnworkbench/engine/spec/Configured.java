package org.cnnworkbench.engine.spec;

import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.engine.plugin.PluginInfo;

/** An extension chosen by an experiment file, with its validated parameters and origin. */
public record Configured<T extends Configurable>(T extension, Params params, PluginInfo plugin) {
    public String id() {
        return extension.id();
    }
}
