package org.cnnworkbench.app.cli.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.cnnworkbench.app.cli.HomeFilesCommand;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.plugin.ExtensionKind;
import org.cnnworkbench.engine.plugin.PluginCatalog;
import org.cnnworkbench.engine.plugin.PluginFiles;
import org.pf4j.DefaultVersionManager;
import org.pf4j.PluginDescriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.home.InstalledPlugins;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench plugins install PATH}: check a plugin jar and copy it into the home's plugins folder. */
@Command(name = "install", mixinStandardHelpOptions = true, header = "Install a plugin jar or zip into the home's plugins folder.")
public final class PluginInstallCommand extends HomeFilesCommand {
    @Parameters(paramLabel = "PATH", description = "The plugin jar or zip (e.g. target/my-plugin-0.1.0.jar)")
    Path file;

    @Override
    protected int run(Path home) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new WorkbenchException(ErrorCode.MISSING_FILE, file + " does not exist; give the path of a built plugin jar "
                    + "(mvn package writes it to target/).");
        }
        if (!PluginFiles.isArchive(file)) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, file + " is not a .jar or .zip file; plugins are jars or zips.");
        }
        PluginDescriptor descriptor;
        try {
            descriptor = PluginFiles.descriptor(file);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, e.getMessage() + ".");
        }
        String id = descriptor.getPluginId();
        String requires = descriptor.getRequires() == null ? "*" : descriptor.getRequires().trim();
        if (!requires.isEmpty() && !"*".equals(requires)
                && !new DefaultVersionManager().checkVersionConstraint(PluginCatalog.API_VERSION, requires)) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "plugin '" + id + "' needs plugin API " + requires
                    + ", but this workbench provides " + PluginCatalog.API_VERSION + ". Rebuild it against workbench-api "
                    + PluginCatalog.API_VERSION + ".");
        }
        try (Workbench workbench = openHome()) {
            boolean builtIn = workbench.plugins().plugins().stream().anyMatch(p -> p.builtIn() && p.id().equals(id));
            if (builtIn) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "plugin id '" + id + "' is a built-in plugin's; "
                        + "give your plugin another Plugin-Id.");
            }
        }
        Path folder = home.resolve("plugins");
        Files.createDirectories(folder);
        List<Path> replaced = InstalledPlugins.filesOf(folder, id);
        Path target = folder.resolve(file.getFileName().toString());
        Path staged = folder.resolve(file.getFileName() + ".installing");
        Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
        for (Path old : replaced) {
            Files.deleteIfExists(old);
        }
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (PluginCatalog check = PluginCatalog.load(Workbench.builtInPluginDir(), List.of(folder))) {
            List<String> problems = check.problems().stream().filter(p -> p.contains(target.getFileName().toString())
                    || p.contains("plugin '" + id + "'")).toList();
            List<String> extensions = ExtensionKind.all().stream()
                    .flatMap(kind -> check.all(kind.type()).stream().filter(l -> l.plugin().id().equals(id))
                            .map(l -> kind.label() + " '" + l.id() + "'"))
                    .toList();
            if (!problems.isEmpty() || extensions.isEmpty()) {
                Files.deleteIfExists(target);
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "plugin '" + id + "' from " + file + " does not load, "
                        + "so it was not installed: " + (problems.isEmpty() ? "it has no workbench extensions (are its classes "
                        + "annotated with @Extension, and was the jar built with PF4J's annotation processor?)" : String.join(" ", problems)));
            }
            System.out.printf("Installed plugin %s %s into %s%s%n", id, descriptor.getVersion(), folder,
                    replaced.isEmpty() ? "" : " (replacing " + replaced.get(0).getFileName() + ")");
            System.out.println("Extensions: " + String.join(", ", extensions));
        }
        return ExitCodes.OK;
    }
}
