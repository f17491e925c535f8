package org.cnnworkbench.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real {@code mvn -o -q -B package} in a project folder, with the Maven and local repository
 * of the build running the tests (surefire passes them as {@code workbench.test.maven.home} and
 * {@code workbench.test.maven.repo}), so it resolves the workbench artifacts this build installed.
 */
final class MavenBuild {
    private static final long TIMEOUT_SECONDS = 600;

    /** What the build did: exit code, everything it printed, and how long it took. */
    record Result(int exitCode, String output, double seconds) {
    }

    private MavenBuild() {
    }

    /**
     * Fails with what to do when {@code groupId:artifactId:version} is not in the local repository
     * (the test suite runs under {@code mvn install}, which installs the workbench's modules in
     * reactor order, before this module's tests).
     */
    static void requireInstalled(String groupId, String artifactId, String version) {
        String repo = System.getProperty("workbench.test.maven.repo");
        Path folder = (repo != null && !repo.isBlank() ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository"))
                .resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        if (!Files.isDirectory(folder)) {
            throw new AssertionError(groupId + ":" + artifactId + ":" + version + " is not in the local Maven repository ("
                    + folder + "); run the tests with `mvn install`, which installs it before this module's tests run");
        }
    }

    static Result packageOffline(Path project) {
        List<String> command = new ArrayList<>();
        command.add(mvn());
        command.addAll(List.of("-o", "-q", "-B", "package"));
        String repo = System.getProperty("workbench.test.maven.repo");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        Path log = null;
        try {
            log = Files.createTempFile("mvn-package", ".log");
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("`" + String.join(" ", command) + "` in " + project + " did not finish within "
                        + TIMEOUT_SECONDS + " s\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log), (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building " + project, e);
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    /** This build's mvn, else the one on the PATH. */
    private static String mvn() {
        String home = System.getProperty("workbench.test.maven.home");
        if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }
}
