package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.cnnworkbench.engine.store.WorkerInfo;

/** The worker processes of sweeps: registered when they start, marked exited or lost when they end, and which trial each holds. */
final class H2WorkerRegistry extends H2Access {

    H2WorkerRegistry(H2Database database, Clock clock) {
        super(database, clock);
    }

    public void registerWorker(WorkerInfo worker) {
        database.inTransaction("register worker " + worker.id(), connection -> {
            long now = clock.millis();
            Jdbc.update(connection, """
                    MERGE INTO worker (id, sweep_id, host, pid, device, threads, job_id, state, started_at, last_seen_at,
                                       trial_id, ended_at)
                    KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, NULL, NULL)""",
                    worker.id(), worker.sweepId(), Text.clip(worker.host(), 255), worker.pid(), worker.device(),
                    worker.threads(), worker.jobId(), now, now);
            return null;
        });
    }

    public void workerEnded(String workerId, boolean lost) {
        database.inTransaction("record the end of worker " + workerId, connection -> {
            Jdbc.update(connection, """
                    UPDATE worker SET state = ?, ended_at = ?, trial_id = NULL WHERE id = ? AND state = 'running'""",
                    lost ? "lost" : "exited", clock.millis(), workerId);
            return null;
        });
    }

    /** Records that the worker now holds {@code trialId} (and was seen now). */
    static void holds(Connection connection, String workerId, String trialId, long now) throws SQLException {
        Jdbc.update(connection, "UPDATE worker SET trial_id = ?, last_seen_at = ? WHERE id = ?", trialId, now, workerId);
    }
}
