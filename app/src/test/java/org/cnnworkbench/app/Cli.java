package org.cnnworkbench.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.cnnworkbench.app.home.Workbench;

/**
 * Runs the {@code workbench} command line the ways a test needs: in this JVM through
 * {@link Main#execute} (fast; standard output and error captured), as a separate Java process
 * with the application's class path (exit codes and streams exactly as a user's shell sees them),
 * or through the real launcher script.
 */
final class Cli {
    private static final long PROCESS_TIMEOUT_SECONDS = 180;

    private Cli() {
    }

    /** The repository's root folder (the parent of app/). */
    static Path root() {
        String root = System.getProperty("workbench.test.root");
        return (root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent()).toAbsolutePath().normalize();
    }

    /** The files in experiments/ whose names {@code name} accepts, sorted by name. */
    static Stream<Path> experimentFiles(Predicate<String> name) throws IOException {
        try (Stream<Path> files = Files.list(root().resolve("experiments"))) {
            return files.filter(f -> name.test(f.getFileName().toString())).sorted().toList().stream();
        }
    }

    /** The built-in plugin jars the build copied to app/target/plugins. */
    static Path builtInPlugins() {
        String dir = System.getProperty(Workbench.BUILTIN_PLUGINS_PROPERTY);
        return (dir != null ? Path.of(dir) : root().resolve("app/target/plugins")).toAbsolutePath().normalize();
    }

    /** The Fashion-MNIST sample shipped in experiments/data. */
    static Path sample() {
        return root().resolve("experiments/data/fashion-mnist-sample");
    }

    /** Runs the command in this JVM, capturing what it prints. */
    static synchronized CliResult inProcess(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = Main.execute(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new CliResult(String.join(" ", args), exitCode, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the command as its own Java process with the built-in plugins of the build. */
    static CliResult process(String... args) {
        return process(builtInPlugins(), args);
    }

    /**
     * Runs {@code java -Dworkbench.builtin.plugins=DIR -cp <the application's class path>
     * org.cnnworkbench.app.Main ARGS}, as the launcher does, tuned for a quick start (C1 only):
     * for commands that do not train.
     */
    static CliResult process(Path builtInPluginDir, String... args) {
        return java(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), builtInPluginDir, Map.of(), null, args);
    }

    /** As {@link #process(String...)}, with the JVM's default compilers, as the launcher runs training. */
    static CliResult trainingProcess(Path builtInPluginDir, String... args) {
        return java(List.of(), builtInPluginDir, Map.of(), null, args);
    }

    /** A process that trains (default JIT), with more environment variables. */
    static CliResult trainingProcess(Map<String, String> env, String... args) {
        return java(List.of(), builtInPlugins(), env, null, args);
    }

    /** As {@link #process(String...)}, with more environment variables and in another working folder. */
    static CliResult processIn(Path workingDir, Map<String, String> env, String... args) {
        return java(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), builtInPlugins(), env, workingDir, args);
    }

    private static CliResult java(List<String> jvmOptions, Path builtInPluginDir, Map<String, String> env, Path workingDir,
                                  String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(jvmOptions);
        command.add("-D" + Workbench.BUILTIN_PLUGINS_PROPERTY + "=" + builtInPluginDir.toAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return start(command, env, workingDir, String.join(" ", args));
    }

    /** A command started in the background (a sweep to kill, a run to interrupt). */
    record Started(Process process, Path out, Path err, String description) {
        String output() {
            try {
                return Files.readString(out) + Files.readString(err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for the process to end and returns what it printed. */
        CliResult finish(long timeoutSeconds) {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("`" + description + "` did not finish within " + timeoutSeconds + " s\n" + output());
                }
                return new CliResult(description, process.exitValue(), Files.readString(out), Files.readString(err));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Starts a command that trains as its own process, without waiting for it. */
    static Started startTraining(String... args) {
        return startTraining(Map.of(), args);
    }

    /** Starts a command as its own process with these environment variables (and no WORKBENCH_TOKEN but given). */
    static Started startTraining(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-D" + Workbench.BUILTIN_PLUGINS_PROPERTY + "=" + builtInPlugins().toAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("workbench-out", ".txt");
            Path err = Files.createTempFile("workbench-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().remove("WORKBENCH_HOME");
            builder.environment().remove("WORKBENCH_DB");
            builder.environment().remove("WORKBENCH_TOKEN");
            builder.environment().putAll(env);
            return new Started(builder.start(), out, err, String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real launcher script, told not to build: it needs the distribution in app/target. */
    static Path launcher() {
        return root().resolve("workbench");
    }

    /** Whether the launcher can run without building (the distribution jar and lib/ exist). */
    static boolean distributionBuilt() {
        Path target = root().resolve("app/target");
        try (var jars = Files.list(target)) {
            return Files.isDirectory(target.resolve("lib")) && Files.isDirectory(target.resolve("plugins"))
                    && jars.anyMatch(p -> p.getFileName().toString().equals("workbench-app.jar"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code ./workbench ARGS} with {@code WORKBENCH_SKIP_BUILD=1}. */
    static CliResult launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(launcher().toString());
        command.addAll(List.of(args));
        return start(command, Map.of("WORKBENCH_SKIP_BUILD", "1"), null, "./workbench " + String.join(" ", args));
    }

    private static CliResult start(List<String> command, Map<String, String> env, Path workingDir, String description) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("workbench-out", ".txt");
            err = Files.createTempFile("workbench-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().remove("WORKBENCH_HOME");
            builder.environment().remove("WORKBENCH_DB");
            builder.environment().putAll(env);
            if (workingDir != null) {
                builder.directory(workingDir.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("`" + description + "` did not finish within " + PROCESS_TIMEOUT_SECONDS + " s\n"
                        + Files.readString(out) + "\n" + Files.readString(err));
            }
            return new CliResult(description, process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running `" + description + "`", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }
}
