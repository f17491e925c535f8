package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

    /**
     * Runs the sweep of {@code file} on one worker with simulated epochs ({@code --simulate-epochs}:
     * no training, the real workers and store), which must end with exit code 0.
     */
    CliResult simulatedSweep(Path file, int epochs) {
        CliResult result = Cli.process("sweep", file.toString(), "--home", home().toString(), "--workers", "1",
                "--simulate-epochs", String.valueOf(epochs));
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        return result;
    }

    /** The {@code sweep-status --json} document of the sweep whose id {@code sweep} printed first. */
    JsonNode status(CliResult sweep) {
        return Cli.process("sweep-status", sweep.out().lines().findFirst().orElseThrow(), "--json", "--home",
                home().toString()).json();
    }
}
