package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Objects;
import java.sql.SQLException;
import java.time.Clock;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.RunControl;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepState;

/** {@link RunControl} on H2: heartbeats of runs outside sweeps, and cancelling a sweep or a run. */
final class H2RunControl extends H2Access implements RunControl {

    H2RunControl(H2Database database, Clock clock) {
        super(database, clock);
    }

    @Override
    public Heartbeat heartbeatRun(String runId, java.time.Duration interval) {
        return database.inTransaction("heartbeat of run " + runId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trial SET heartbeat_at = ?, lease_expires_at = ? WHERE id = ? AND state = 'running'
                    AND worker_id IS NULL AND sweep_id IS NULL""")) {
                long now = clock.millis();
                update.setLong(1, now);
                update.setLong(2, Lease.expiresAt(now, interval));
                update.setString(3, runId);
                if (update.executeUpdate() == 1) {
                    return Heartbeat.OK;
                }
            }
            RunStatus status = RunRows.status(connection, runId);
            return status == RunStatus.CANCELLED ? Heartbeat.CANCELLED : Heartbeat.LOST;
        });
    }

    @Override
    public Heartbeat heartbeatRun(Lease lease, java.time.Duration interval) {
        Objects.requireNonNull(lease, "lease");
        return database.inTransaction("heartbeat of run " + lease, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trial SET heartbeat_at = ?, lease_expires_at = ? WHERE id = ? AND state = 'running'
                    AND sweep_id IS NULL AND run_owner = ? AND attempt = ?""")) {
                long now = clock.millis();
                update.setLong(1, now);
                update.setLong(2, Lease.expiresAt(now, interval));
                update.setString(3, lease.runId());
                update.setString(4, lease.owner());
                update.setInt(5, lease.attempt());
                if (update.executeUpdate() == 1) {
                    return Heartbeat.OK;
                }
            }
            RunStatus status = RunRows.status(connection, lease.runId());
            return status == RunStatus.CANCELLED ? Heartbeat.CANCELLED : Heartbeat.LOST;
        });
    }

    @Override
    public java.util.OptionalLong leaseExpiresAt(String runId) {
        return database.inTransaction("read the lease of run " + runId, connection -> {
            RunRows.status(connection, runId);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT lease_expires_at FROM trial WHERE id = ? AND state = 'running'")) {
                select.setString(1, runId);
                try (java.sql.ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        long expires = rs.getLong(1);
                        if (!rs.wasNull()) {
                            return java.util.OptionalLong.of(expires);
                        }
                    }
                    return java.util.OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public boolean cancel(String id, String reason) {
        return database.inTransaction("cancel " + id, connection -> {
            long now = clock.millis();
            if (id.startsWith(EntityId.SWEEP_PREFIX)) {
                SweepState state = SweepRows.sweepState(connection, id, true);
                if (state.isFinished()) {
                    return false;
                }
                cancelTrials(connection, "sweep_id", id, reason, now);
                SweepRows.updateSweep(connection, id, SweepState.CANCELLED, reason, now);
                return true;
            }
            RunStatus status = RunRows.lockStatus(connection, id);
            if (status.isFinished()) {
                return false;
            }
            return cancelTrials(connection, "id", id, reason, now) == 1;
        });
    }

    /** Cancels the queued and running trials whose {@code column} ({@code id} or {@code sweep_id}) is {@code value}. */
    private static int cancelTrials(Connection connection, String column, String value, String reason, long now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE trial SET state = 'cancelled', ended_at = ?, heartbeat_at = NULL, lease_expires_at = NULL, "
                + "state_reason = ? WHERE "
                + column + " = ? AND state IN ('queued', 'running')")) {
            update.setLong(1, now);
            update.setString(2, Text.clip(reason, 2000));
            update.setString(3, value);
            return update.executeUpdate();
        }
    }
}
