package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.RunStatus;

/**
 * Leases on running trials: heartbeats keep them, and a trial whose worker died, stopped sending
 * heartbeats or was told to stop goes back to the queue (or fails once it has used its attempts).
 */
final class H2SweepLeases {

    private final H2Database database;
    private final Clock clock;
    private final H2RunControl runControl;

    H2SweepLeases(H2Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runControl = new H2RunControl(database, clock);
    }

    public Heartbeat heartbeat(String trialId, String workerId, java.time.Duration interval) {
        if (workerId == null) {
            return runControl.heartbeatRun(trialId, interval);   // a run outside sweeps, from a caller not yet moved to RunControl
        }
        return database.inTransaction("heartbeat of trial " + trialId, connection -> {
            long now = clock.millis();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE worker SET last_seen_at = ? WHERE id = ?")) {
                update.setLong(1, now);
                update.setString(2, workerId);
                update.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trial SET heartbeat_at = ?, lease_expires_at = ? WHERE id = ? AND state = 'running'
                    AND worker_id = ?""")) {
                update.setLong(1, now);
                update.setLong(2, Lease.expiresAt(now, interval));
                update.setString(3, trialId);
                update.setString(4, workerId);
                if (update.executeUpdate() == 1) {
                    return Heartbeat.OK;
                }
            }
            RunStatus status = RunRows.status(connection, trialId);
            return status == RunStatus.CANCELLED ? Heartbeat.CANCELLED : Heartbeat.LOST;
        });
    }

    public int releaseWorkerTrials(String workerId, String reason, int maxAttempts) {
        return database.inTransaction("release the trials of worker " + workerId, connection ->
                release(connection, "SELECT id, attempt FROM trial WHERE worker_id = ? AND state = 'running' FOR UPDATE",
                        workerId, reason, maxAttempts));
    }

    public int releaseStaleTrials(String sweepId, long staleMillis, int maxAttempts) {
        return database.inTransaction("release the stale trials of sweep " + sweepId, connection -> {
            long now = clock.millis();
            long before = now - staleMillis;
            List<String[]> stale = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, worker_id, heartbeat_at FROM trial WHERE sweep_id = ? AND state = 'running' AND "
                    + (staleMillis < 0 ? "TRUE" : expired(now, before)))) {
                select.setString(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long last = rs.getLong(3);
                        stale.add(new String[] {rs.getString(1), rs.getString(2),
                                rs.wasNull() ? null : Long.toString((now - last) / 1000)});
                    }
                }
            }
            int released = 0;
            for (String[] trial : stale) {
                String reason = staleMillis < 0
                        ? "its sweep process was interrupted; the trial resumes from its last checkpoint"
                        : "the lease of its worker " + (trial[1] == null ? "" : trial[1] + " ") + "expired"
                        + (trial[2] == null ? "" : " (last heartbeat " + trial[2] + " s ago)");
                released += releaseOne(connection, trial[0], reason, maxAttempts,
                        staleMillis < 0 ? null : expired(now, before), staleMillis >= 0);
            }
            return released;
        });
    }

    /**
     * The SQL condition of a running trial whose lease expired before {@code now}; one whose first
     * heartbeat has not arrived yet counts from its claim ({@code heartbeat_at}) and {@code before}.
     */
    private static String expired(long now, long before) {
        return "(CASE WHEN lease_expires_at IS NOT NULL THEN lease_expires_at < " + now
                + " ELSE heartbeat_at IS NULL OR heartbeat_at < " + before + " END)";
    }

    private int release(Connection connection, String select, String key, String reason, int maxAttempts)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(select)) {
            query.setString(1, key);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        int released = 0;
        for (String id : ids) {
            released += releaseOne(connection, id, reason, maxAttempts, null, true);
        }
        return released;
    }

    /**
     * Re-queues one running trial, or fails it when it has used its attempts; conditional on it still
     * running. An attempt that did not fail ({@code counts} false: its sweep process was stopped) is
     * given back.
     */
    private int releaseOne(Connection connection, String trialId, String reason, int maxAttempts, String staleCondition,
                           boolean counts) throws SQLException {
        int attempt;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT attempt FROM trial WHERE id = ? AND state = 'running' FOR UPDATE")) {
            select.setString(1, trialId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                attempt = rs.getInt(1);
            }
        }
        boolean fail = counts && attempt >= maxAttempts;
        String sql = fail
                ? "UPDATE trial SET state = 'failed', ended_at = ?, worker_id = NULL, heartbeat_at = NULL, "
                + "lease_expires_at = NULL, state_reason = ?, error = COALESCE(error, ?) WHERE id = ? AND state = 'running'"
                : "UPDATE trial SET state = 'queued', worker_id = NULL, heartbeat_at = NULL, lease_expires_at = NULL, "
                + "state_reason = ?"
                + (counts ? "" : ", attempt = GREATEST(attempt - 1, 0)") + " WHERE id = ? AND state = 'running'";
        if (staleCondition != null) {
            sql += " AND " + staleCondition;
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 1;
            if (fail) {
                update.setLong(i++, clock.millis());
                String text = reason + "; failed after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                        + " (max_attempts " + maxAttempts + ")";
                update.setString(i++, Text.clip(text, 2000));
                update.setString(i++, text);
            } else {
                update.setString(i++, Text.clip(reason + (counts ? "; re-queued after attempt " + attempt : ""), 2000));
            }
            update.setString(i, trialId);
            return update.executeUpdate();
        }
    }

    public boolean requeue(String trialId, String workerId, String reason) {
        return database.inTransaction("re-queue trial " + trialId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trial SET state = 'queued', worker_id = NULL, heartbeat_at = NULL, lease_expires_at = NULL,
                                     state_reason = ?, attempt = GREATEST(attempt - 1, 0)
                    WHERE id = ? AND worker_id = ? AND state = 'running'""")) {
                update.setString(1, Text.clip(reason, 2000));
                update.setString(2, trialId);
                update.setString(3, workerId);
                return update.executeUpdate() == 1;
            }
        });
    }
}
