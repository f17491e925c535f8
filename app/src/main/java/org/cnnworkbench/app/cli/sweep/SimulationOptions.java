package org.cnnworkbench.app.cli.sweep;

import java.util.List;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.WorkbenchException;
import picocli.CommandLine.Option;

/**
 * {@code --simulate-epochs N [--simulate-epoch-ms MS]} on {@code sweep}, {@code resume} and {@code worker}: trials record N epochs
 * whose metrics are computed from the trial's learning rate and seed instead of training, so that the sweep
 * machinery (strategy, pruner, workers, claims, resume, the dashboard) can be tried and measured in seconds
 * (bench/scheduling.sh). Documented in docs/sweeps.md.
 */
public final class SimulationOptions {
    @Option(names = "--simulate-epochs", paramLabel = "N",
            description = "Test the sweep machinery without training: each trial records N epochs whose metrics are "
                    + "computed from its learning rate and seed (no data, no model)")
    Integer epochs;

    @Option(names = "--simulate-epoch-ms", paramLabel = "MS", defaultValue = "0",
            description = "With --simulate-epochs: pause this long per simulated epoch (default ${DEFAULT-VALUE})")
    long epochMillis;

    /** Whether trials are simulated; checks the values first. */
    public boolean on() {
        if (epochs == null) {
            if (epochMillis != 0) {
                throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--simulate-epoch-ms goes with --simulate-epochs");
            }
            return false;
        }
        if (epochs < 1) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--simulate-epochs must be at least 1, found " + epochs);
        }
        if (epochMillis < 0) {
            throw new WorkbenchException(ErrorCode.INVALID_ARGUMENT, "--simulate-epoch-ms must be 0 or more, found " + epochMillis);
        }
        return true;
    }

    public int epochs() {
        return epochs;
    }

    public long epochMillis() {
        return epochMillis;
    }

    /** The same options for the workers a sweep starts (none when not simulating). */
    public List<String> workerArgs() {
        return on() ? List.of("--simulate-epochs", epochs.toString(), "--simulate-epoch-ms", Long.toString(epochMillis))
                : List.of();
    }
}
