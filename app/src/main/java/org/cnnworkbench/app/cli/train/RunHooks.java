package org.cnnworkbench.app.cli.train;

import org.cnnworkbench.app.ExitCodes;

import java.time.Duration;
import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.RunControl;
import org.cnnworkbench.engine.sweep.HeartbeatHooks;

/**
 * A single run's hooks in the {@code run} and {@code resume} commands: heartbeats of the run's lease
 * once the run is recorded or taken over (so a {@code cancel} from another terminal stops it, and a
 * second {@code resume} is refused while it lives), and Ctrl-C stops it at the next batch, leaving it
 * resumable from its last checkpoint.
 */
public final class RunHooks implements TrialHooks, AutoCloseable {
    private final RunControl runs;
    private final Duration interval;
    private final Duration dbWait;
    private final Thread onInterrupt;
    private volatile Interruption interrupted;
    private volatile HeartbeatHooks heartbeat;
    private volatile boolean trainingEnded;

    /**
     * @param interval the heartbeat interval ({@code --heartbeat-seconds})
     * @param dbWait   how long heartbeats may fail for a transient reason before the database counts as lost
     */
    RunHooks(RunControl runs, Duration interval, Duration dbWait) {
        this.runs = runs;
        this.interval = interval;
        this.dbWait = dbWait;
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
    public void started(Lease lease) {
        heartbeat = HeartbeatHooks.forRun(runs, lease, interval, dbWait, () -> interrupted,
                ExitCodes.HALT_ON_LOST_DATABASE);
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
