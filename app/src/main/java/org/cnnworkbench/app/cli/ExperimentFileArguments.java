package org.cnnworkbench.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The experiment file and its {@code --set} overrides, as {@code run}, {@code check}, {@code sweep}
 * and {@code augment-preview} take them: {@code @Mixin ExperimentFileArguments experiment;}.
 */
public final class ExperimentFileArguments {
    @Parameters(paramLabel = "FILE", description = "Experiment file (YAML)")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a value of the file, e.g. --set training.epochs=1 (repeatable; validated like the file)")
    List<String> overrides = new ArrayList<>();

    public Path file() {
        return file;
    }

    /** The {@code --set} values, PATH=VALUE each, in the order given. */
    public List<String> overrides() {
        return overrides;
    }
}
