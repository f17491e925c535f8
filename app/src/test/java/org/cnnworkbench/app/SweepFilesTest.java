package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sweep file shipped in experiments/ ({@code sweep-*.yaml}) passes {@code check}: the
 * experiment, its {@code sweep:} section and every value the search space can take, validated
 * against the plugins, without training. Files whose data is named by an environment variable are
 * checked in a separate process with generated stand-in data of the data set's format (the real
 * sets are not on this machine), as {@link ExperimentFilesTest} does; the others in this JVM.
 */
class SweepFilesTest {
    @TempDir
    static Path dir;

    private static final Pattern VARIABLES = Pattern.compile("(?m)^variables:");
    private static final Map<String, String> ENV = new HashMap<>();

    @BeforeAll
    static void generateStandInData() throws IOException {
        ENV.putAll(new SeedDataFiles().seedExperimentEnvironment(dir));
    }

    static Stream<Path> sweepFiles() throws IOException {
        return Cli.experimentFiles(name -> name.startsWith("sweep-") && name.endsWith(".yaml"));
    }

    @Test
    void theSeedComparisonsShipAsSweepFiles() throws IOException {
        List<String> names = sweepFiles().map(f -> f.getFileName().toString()).toList();

        assertThat(names).contains("sweep-small-cnn-lr-batch-optimizer.yaml", "sweep-fashion-dense-cnn-lenet.yaml",
                "sweep-notmnist-conv-vs-pooling.yaml", "sweep-shapes-augmentation-dropout.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sweepFiles")
    void checkValidatesTheFileAndItsSweepSection(Path file) throws IOException {
        boolean needsVariables = VARIABLES.matcher(Files.readString(file)).find();
        String[] args = {"check", file.toString(), "--home", dir.resolve("home").toString()};
        // An in-process run cannot set environment variables: files that need them get a process of their own.
        CliResult result = needsVariables ? Cli.processIn(null, ENV, args) : Cli.inProcess(args);

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out()).as(result.describe()).contains("The sweep: section is valid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sweepFiles")
    void theHeaderCommentSaysHowToRunIt(Path file) throws IOException {
        String header = Files.readString(file).lines().takeWhile(line -> line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");

        assertThat(header).as(file.getFileName() + ": the comment above 'name:'")
                .contains("./workbench sweep experiments/" + file.getFileName());
    }
}
