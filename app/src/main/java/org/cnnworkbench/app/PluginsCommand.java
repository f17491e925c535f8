package org.cnnworkbench.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.plugin.ExtensionKind;
import org.cnnworkbench.engine.plugin.Loaded;
import org.cnnworkbench.engine.plugin.PluginCatalog;
import org.cnnworkbench.engine.spec.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code workbench plugins}: every loaded extension with its declared parameters. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        subcommands = {PluginInstallCommand.class, PluginRemoveCommand.class},
        header = "List loaded extensions by kind, with their declared parameters.")
final class PluginsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON document (for scripts)")
    boolean json;

    @Mixin
    HomeOptions homeOptions;

    @Override
    public Integer call() {
        try (Workbench workbench = new Workbench(homeOptions)) {
            PluginCatalog catalog = workbench.plugins();
            if (json) {
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
                        e.put("parameters", loaded.extension().parameters().stream().map(PluginsCommand::param).toList());
                        extensions.add(e);
                    }
                }
                doc.put("extensions", extensions);
                doc.put("training_settings", TrainingSettings.DECLARED.stream().map(PluginsCommand::param).toList());
                doc.put("problems", catalog.problems());
                System.out.println(Json.pretty(doc));
                return ExitCodes.OK;
            }
            for (ExtensionKind kind : ExtensionKind.all()) {
                List<? extends Loaded<? extends Configurable>> list = catalog.all(kind.type());
                System.out.printf("%s (%d) — experiment file section '%s'%n", capital(kind.label()) + "s", list.size(), kind.section());
                for (Loaded<? extends Configurable> loaded : list) {
                    System.out.printf("  %s  (plugin %s %s%s)%n      %s%n", loaded.id(), loaded.plugin().id(), loaded.plugin().version(),
                            loaded.plugin().builtIn() ? ", built-in" : "", loaded.extension().description());
                    printParams(loaded.extension().parameters());
                }
                System.out.println();
            }
            System.out.println("Training settings (section 'training')");
            printParams(TrainingSettings.DECLARED);
            return ExitCodes.OK;
        }
    }

    private static void printParams(List<ParamSpec> params) {
        if (params.isEmpty()) {
            System.out.println("      (no parameters)");
            return;
        }
        Table table = new Table("parameter", "type", "default", "range", "description");
        for (ParamSpec p : params) {
            table.add(p.name() + (p.required() ? " *" : ""), p.type().label(), p.defaultValue(), p.rangeText(), p.description());
        }
        System.out.print(ExperimentYaml.indent(table.toString().stripTrailing(), "      "));
        System.out.println();
    }

    static Map<String, Object> param(ParamSpec p) {
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

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
