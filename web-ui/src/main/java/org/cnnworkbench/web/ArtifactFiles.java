package org.cnnworkbench.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.RunDetail;

/**
 * The one place where the web process turns a stored path into a file it reads or serves (a model
 * to download or to predict with, a samples artifact): the path is resolved under the home with
 * symbolic links followed ({@link Path#toRealPath}) and must still lie inside the home's real path,
 * so neither {@code ..} nor a link pointing elsewhere reaches a file outside it. Also hides server
 * paths in messages shown to users.
 */
final class ArtifactFiles {
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.:/])(/[\\w.@+~-]+){2,}/?");

    private final Path home;

    ArtifactFiles(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    /** The regular file at {@code relativePath} under the home, links followed; empty when missing or outside the home. */
    Optional<Path> resolve(String relativePath) {
        try {
            Path realHome = home.toRealPath();
            Path candidate = realHome.resolve(relativePath).normalize();
            if (!candidate.startsWith(realHome) || !Files.exists(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            return real.startsWith(realHome) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The run's first artifact of {@code kind} that resolves inside the home. */
    Optional<Path> of(RunDetail run, String kind) {
        for (Artifact a : run.artifacts()) {
            if (a.kind().equals(kind)) {
                Optional<Path> file = resolve(a.relativePath());
                if (file.isPresent()) {
                    return file;
                }
            }
        }
        return Optional.empty();
    }

    /** Opens a resolved file for reading. */
    static java.io.InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code message} with server paths taken out: each given path (as given and as its real path)
     * becomes its label, the home becomes "the workbench home", and any other absolute path "a file
     * on the server".
     */
    String hidePaths(String message, Path path, String label) {
        if (message == null) {
            return null;
        }
        String out = message;
        if (path != null) {
            out = replacePath(out, path, label);
        }
        out = replacePath(out, home, "the workbench home");
        return ABSOLUTE_PATH.matcher(out).replaceAll(Matcher.quoteReplacement("a file on the server"));
    }

    /** {@code message} with every server path taken out. */
    String hidePaths(String message) {
        return hidePaths(message, null, null);
    }

    private static String replacePath(String message, Path path, String label) {
        String out = message.replace(path.toAbsolutePath().toString(), label);
        try {
            out = out.replace(path.toRealPath().toString(), label);
        } catch (IOException e) {
            // gone already: the absolute form was replaced
        }
        return out;
    }
}
