package org.cnnworkbench.app.cli.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.home.Workbench;
import org.cnnworkbench.db.H2TrashCollector;
import picocli.CommandLine.Command;

/**
 * {@code workbench gc}: removes trashed runs and sweeps (rows, then files), run directories no row
 * knows, the checkpoints of ended runs and temporary files more than an hour old, and prints what it
 * freed. Safe while sweeps run: nothing queued or running is in the trash, a live run's directory has
 * its row before it exists, and ended runs are never resumed.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        header = "Free the space of the trash, leftover checkpoints and temporary files (safe while sweeps run).")
public final class GcCommand extends HomeCommand {
    /** Temporary files younger than this may still be written. */
    static final long TEMP_AGE_MILLIS = 3_600_000L;

    @Override
    protected int run(Workbench workbench) throws IOException {
        Path runsDir = workbench.home().resolve("runs");
        // Directories are listed before the rows are read: a run created in between has its row already.
        List<Path> dirs = Files.isDirectory(runsDir) ? list(runsDir) : List.of();
        H2TrashCollector collector = new H2TrashCollector(workbench.database());
        H2TrashCollector.Purged purged = collector.purge();
        Set<String> known = collector.runIds();
        Set<String> finished = collector.finishedRunIds();
        long bytes = 0;
        int orphans = 0;
        int checkpoints = 0;
        int temporary = 0;
        for (Path dir : dirs) {
            String id = dir.getFileName().toString();
            if (!Files.isDirectory(dir) || !id.matches("r\\d{1,18}")) {
                continue;
            }
            if (!known.contains(id)) {
                bytes += delete(dir);
                if (!purged.runs().contains(id)) {
                    orphans++;
                }
            } else if (finished.contains(id) && Files.isDirectory(dir.resolve("checkpoints"))) {
                bytes += delete(dir.resolve("checkpoints"));
                checkpoints++;
            }
        }
        if (Files.isDirectory(runsDir)) {
            long old = System.currentTimeMillis() - TEMP_AGE_MILLIS;
            try (Stream<Path> files = Files.walk(runsDir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(f)).toList()) {
                    if (Files.getLastModifiedTime(f).toMillis() < old) {
                        bytes += delete(f);
                        temporary++;
                    }
                }
            }
        }
        System.out.printf("Freed %s: %d trashed run%s and %d sweep%s removed, %d orphan run director%s, %d %s checkpoints,"
                        + " %d temporary file%s.%n", size(bytes), purged.runs().size(), purged.runs().size() == 1 ? "" : "s",
                purged.sweeps().size(), purged.sweeps().size() == 1 ? "" : "s", orphans, orphans == 1 ? "y" : "ies",
                checkpoints, checkpoints == 1 ? "run's" : "runs'", temporary, temporary == 1 ? "" : "s");
        return ExitCodes.OK;
    }

    private static String size(long bytes) {
        return bytes >= 1_000_000 ? String.format("%.1f MB", bytes / 1e6) : String.format("%.1f kB", bytes / 1e3);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** Deletes a file or a directory tree; the bytes it held. */
    private static long delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            long[] bytes = {0};
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    if (Files.isRegularFile(p)) {
                        bytes[0] += Files.size(p);
                    }
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not delete " + p + ": " + e.getMessage(), e);
                }
            });
            return bytes[0];
        }
    }
}
