package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
            try (PreparedStatement merge = connection.prepareStatement("""
                    MERGE INTO worker (id, sweep_id, host, pid, device, threads, job_id, state, started_at, last_seen_at,
                                       trial_id, ended_at)
                    KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, NULL, NULL)""")) {
                merge.setString(1, worker.id());
                merge.setString(2, worker.sweepId());
                merge.setString(3, Text.clip(worker.host(), 255));
                merge.setLong(4, worker.pid());
                merge.setString(5, worker.device());
                merge.setInt(6, worker.threads());
                merge.setString(7, worker.jobId());
                merge.setLong(8, now);
                merge.setLong(9, now);
                merge.executeUpdate();
            }
            return null;
        });
    }

    public void workerEnded(String workerId, boolean lost) {
        database.inTransaction("record the end of worker " + workerId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE worker SET state = ?, ended_at = ?, trial_id = NULL WHERE id = ? AND state = 'running'""")) {
                update.setString(1, lost ? "lost" : "exited");
                update.setLong(2, clock.millis());
                update.setString(3, workerId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Records that the worker now holds {@code trialId} (and was seen now). */
    static void holds(Connection connection, String workerId, String trialId, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE worker SET trial_id = ?, last_seen_at = ? WHERE id = ?")) {
            update.setString(1, trialId);
            update.setLong(2, now);
            update.setString(3, workerId);
            update.executeUpdate();
        }
    }
}
