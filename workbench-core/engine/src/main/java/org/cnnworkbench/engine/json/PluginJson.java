package org.cnnworkbench.engine.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.engine.plugin.ExtensionKind;
import org.cnnworkbench.engine.plugin.Loaded;
import org.cnnworkbench.engine.plugin.PluginCatalog;
import org.cnnworkbench.engine.spec.TrainingSettings;

/** The loaded extensions as one JSON document, for {@code plugins --json} and the web API's plugins page. */
public final class PluginJson {
    private PluginJson() {
    }

    /** Every extension by kind with its plugin, version and declared parameters; the training settings; load problems. */
    public static Map<String, Object> of(PluginCatalog catalog) {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Map<String, Object>> extensions = new ArrayList<>();
        for (ExtensionKind kind : ExtensionKind.all()) {
            for (Loaded<? extends Configurable> loaded : catalog.all(kind.type())) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("kind", kind.label());
                e.put("id", loaded.id());
                e.put("description", loaded.extension().description());
                e.put("plugin", loaded.plugin().id());
                e.put("version", loaded.plugin().version());
                e.put("built_in", loaded.plugin().builtIn());
                e.put("path", loaded.plugin().path());
                e.put("parameters", loaded.extension().parameters().stream().map(PluginJson::param).toList());
                extensions.add(e);
            }
        }
        doc.put("extensions", extensions);
        doc.put("training_settings", TrainingSettings.DECLARED.stream().map(PluginJson::param).toList());
        doc.put("problems", catalog.problems());
        return doc;
    }

    /** A declared parameter: name, type, default, required, range, allowed values, description. */
    public static Map<String, Object> param(ParamSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type().label());
        m.put("default", p.defaultValue());
        m.put("required", p.required());
        m.put("min", p.min());
        m.put("max", p.max());
        m.put("allowed", p.allowed());
        m.put("range", p.rangeText());
        m.put("description", p.description());
        return m;
    }
}
