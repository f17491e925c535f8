package org.cnnworkbench.app;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of the sweep commands in a fresh temporary folder: the home is {@code dir/home}, and the
 * experiment files with a {@code sweep:} section are written beside it.
 */
abstract class SweepCliTest {
    @TempDir
    Path dir;

    Path home() {
        return dir.resolve("home");
    }

    /** {@code experiment} with a sweep section of these lines, written to {@code dir/name}. */
    Path file(String name, ExperimentFile experiment, String... sweep) {
        return SweepWatch.sweepFile(dir, name, experiment, sweep);
    }
}
