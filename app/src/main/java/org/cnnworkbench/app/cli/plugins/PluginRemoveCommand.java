package org.cnnworkbench.app.cli.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnworkbench.app.cli.HomeFilesCommand;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.plugin.PluginInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.home.InstalledPlugins;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench plugins remove ID}: delete an installed plugin from the home's plugins folder. */
@Command(name = "remove", mixinStandardHelpOptions = true, header = "Remove an installed plugin from the home's plugins folder.")
public final class PluginRemoveCommand extends HomeFilesCommand {
    @Parameters(paramLabel = "ID", description = "The plugin's id (see ./workbench plugins)")
    String id;

    @Override
    protected int run(Path home) throws IOException {
        Path folder = home.resolve("plugins");
        List<Path> files = InstalledPlugins.filesOf(folder, id);
        if (files.isEmpty()) {
            try (Workbench workbench = openHome()) {
                for (PluginInfo plugin : workbench.plugins().plugins()) {
                    if (plugin.id().equals(id) && plugin.builtIn()) {
                        throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "plugin '" + id + "' is built in: it ships "
                                + "with the workbench and cannot be removed.");
                    }
                    if (plugin.id().equals(id)) {
                        throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "plugin '" + id + "' is loaded from "
                                + plugin.path() + ", which is not in " + folder + " (a folder given with --plugins); "
                                + "delete the file there yourself.");
                    }
                }
            }
            throw new WorkbenchException(ErrorCode.NOT_FOUND, "no plugin '" + id + "' is installed in " + folder
                    + ". List the plugins with ./workbench plugins");
        }
        for (Path file : files) {
            Files.delete(file);
            InstalledPlugins.deleteUnpacked(file);
            System.out.println("Removed plugin " + id + " (" + file + ")");
        }
        return ExitCodes.OK;
    }
}
