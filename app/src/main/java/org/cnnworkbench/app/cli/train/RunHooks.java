package org.cnnworkbench.app.cli.train;

import org.cnnworkbench.app.ExitCodes;

import java.time.Duration;
import java.util.Optional;
import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.store.SweepStore;
import org.cnnworkbench.engine.sweep.HeartbeatHooks;

/**
 * A single run's hooks in the {@code run} command: heartbeats once the run is recorded (so a
 * {@code cancel} from another terminal stops it), and Ctrl-C stops it at the next batch, leaving
 * it resumable from its last checkpoint.
 */
public final class RunHooks implements TrialHooks, AutoCloseable {
    private final SweepStore sweeps;
    private final Thread onInterrupt;
    private volatile Interruption interrupted;
    private volatile HeartbeatHooks heartbeat;
    private volatile boolean trainingEnded;

    RunHooks(SweepStore sweeps) {
        this.sweeps = sweeps;
        this.onInterrupt = new Thread(() -> {
            interrupted = new Interruption(true, "interrupted (Ctrl-C)");
            // Give the training thread a moment to stop between batches, so nothing half-done is left.
            for (int i = 0; i < 100 && !trainingEnded; i++) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "run-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
    }

    @Override
    public void started(String runId) {
        heartbeat = new HeartbeatHooks(sweeps, runId, null, Duration.ofSeconds(2), () -> interrupted,
                (id, epoch) -> Optional.empty(), ExitCodes.HALT_ON_LOST_DATABASE);
    }

    @Override
    public Interruption interruption() {
        HeartbeatHooks h = heartbeat;
        return h != null ? h.interruption() : interrupted;
    }

    @Override
    public void close() {
        trainingEnded = true;
        if (heartbeat != null) {
            heartbeat.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running.
        }
    }
}
