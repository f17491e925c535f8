package org.cnnworkbench.app.cli.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.cnnworkbench.app.ExitCodes;

/**
 * {@code workbench new-plugin NAME}: generates a standalone Maven project for a plugin jar in
 * {@code DIR/NAME}, made from the example plugin (one extension of each kind, with tests), ready
 * for {@code mvn package}.
 */
@Command(name = "new-plugin", mixinStandardHelpOptions = true,
        header = "Generate a Maven project for your own plugin jar, from the example plugin.",
        footer = {"", "The project depends on this workbench's plugin API, which `mvn install` in the workbench folder "
                + "puts in your local Maven repository (the ./workbench launcher does on first use)."})
public final class NewPluginCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME",
            description = "Plugin id and Maven artifactId, kebab-case (e.g. my-plugin); its extension ids start with NAME-")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder to create the project in. Default: the current folder")
    Path dir = Path.of("");

    @Option(names = "--package", paramLabel = "PKG",
            description = "Java package of the sources, also the Maven groupId. Default: com.example.NAME without hyphens")
    String packageName;

    @Override
    public Integer call() {
        PluginProject project = new PluginProject(name, packageName != null ? packageName : PluginProject.defaultPackage(name));
        Path target = dir.resolve(name).toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, target + " already exists; new-plugin creates a new"
                    + " folder and never writes into an existing one. Choose another NAME or --dir, or remove that folder.");
        }
        List<String> files = project.writeTo(target);
        System.out.printf("Created plugin project %s in %s (package %s):%n", name, target, project.packageName());
        files.forEach(file -> System.out.println("  " + file));
        System.out.println();
        System.out.println("Next steps:");
        System.out.println("  cd " + target);
        System.out.println("  mvn package        # compiles, runs the tests, writes " + project.jarPath());
        System.out.println("  ./workbench plugins install " + target.resolve(project.jarPath())
                + "    # from the workbench folder; or copy the jar into .workbench/plugins/");
        System.out.println("  ./workbench plugins    # lists " + name + "-blobs, " + name + "-tiny-cnn, " + name + "-invert, "
                + name + "-gap-logger");
        System.out.println("Then change the extensions, or add your own; docs/writing-plugins.md explains each contract.");
        return ExitCodes.OK;
    }
}
