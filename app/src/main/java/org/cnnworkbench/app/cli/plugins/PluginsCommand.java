package org.cnnworkbench.app.cli.plugins;

import java.util.List;
import org.cnnworkbench.api.Configurable;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.engine.json.PluginJson;
import org.cnnworkbench.engine.plugin.ExtensionKind;
import org.cnnworkbench.engine.plugin.Loaded;
import org.cnnworkbench.engine.plugin.PluginCatalog;
import org.cnnworkbench.engine.spec.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.JsonOption;
import org.cnnworkbench.app.text.ExperimentYaml;
import org.cnnworkbench.app.text.Table;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench plugins}: every loaded extension with its declared parameters. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        subcommands = {PluginInstallCommand.class, PluginRemoveCommand.class},
        header = "List loaded extensions by kind, with their declared parameters.")
public final class PluginsCommand extends HomeCommand {
    @Mixin
    JsonOption json;

    @Override
    protected int run(Workbench workbench) {
        PluginCatalog catalog = workbench.plugins();
        if (json.on()) {
            json.print(PluginJson.of(catalog));
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

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
