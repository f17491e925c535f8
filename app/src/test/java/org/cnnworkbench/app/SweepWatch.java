package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.store.SweepDetail;

/** Watches the newest sweep of a home from a test while a sweep process serves its database. */
final class SweepWatch {
    private SweepWatch() {
    }

    /** The tiny experiment with {@code train} training images, {@code epochs} epochs and a sweep section, in {@code dir}. */
    static Path sweepFile(Path dir, int train, int epochs, String... sweep) {
        return sweepFile(dir, "sweep.yaml", ExperimentFile.tiny().withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: " + train)
                .withLine(ExperimentFile.TRAIN_LIMIT + 1, "    test_limit: 100")
                .withLine(ExperimentFile.EPOCHS, "  epochs: " + epochs), sweep);
    }

    /** {@code experiment} with a {@code sweep:} section of these lines (each indented under it), written to {@code dir/name}. */
    static Path sweepFile(Path dir, String name, ExperimentFile experiment, String... sweep) {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("sweep:"));
        for (String line : sweep) {
            lines.add("  " + line);
        }
        return experiment.append(lines.toArray(String[]::new)).write(dir, name);
    }

    /** The newest sweep, read through the serving process; empty while that process starts or stops. */
    static Optional<SweepDetail> read(Path home) {
        if (!Files.exists(home.resolve("db/server.properties"))) {
            return Optional.empty();
        }
        try (H2Database db = new HomeDatabase(home).open()) {
            var sweeps = new H2SweepStore(db).listSweeps(1);
            return sweeps.isEmpty() ? Optional.empty() : new H2SweepStore(db).findSweep(sweeps.get(0).id());
        } catch (RuntimeException e) {
            return Optional.empty(); // the sweep process is starting or stopping its server
        }
    }

    /** Waits until the newest sweep satisfies {@code condition}; fails if the sweep process ends first. */
    static SweepDetail await(Path home, Predicate<SweepDetail> condition, Cli.Started process, long timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SweepDetail> detail = read(home);
            if (detail.isPresent() && condition.test(detail.get())) {
                return detail.get();
            }
            assertThat(process.process().isAlive()).as("the sweep ended early:\n" + process.output()).isTrue();
            Thread.sleep(150);
        }
        throw new AssertionError("the sweep never reached the expected state:\n" + process.output());
    }
}
