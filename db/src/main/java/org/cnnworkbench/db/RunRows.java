package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.LeaseLostException;
import org.cnnworkbench.engine.store.RunStatus;

/** Finds a run's row by id, refusing unknown ids with a message that names them. */
final class RunRows {

    private RunRows() {
    }

    /** The run's status, with its row locked until the transaction ends, so writers of one run queue up. */
    static RunStatus lockStatus(Connection connection, String runId) throws SQLException {
        return status(connection, runId, "SELECT state FROM trial WHERE id = ? FOR UPDATE");
    }

    /** The run's status, without locking. */
    static RunStatus status(Connection connection, String runId) throws SQLException {
        return status(connection, runId, "SELECT state FROM trial WHERE id = ?");
    }

    private static RunStatus status(Connection connection, String runId, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw unknown(runId);
                }
                return RunStatus.fromLabel(rs.getString(1));
            }
        }
    }

    /**
     * Locks the trial's row until the transaction ends and checks that {@code lease} still holds it:
     * running, claimed by the lease's owner as the lease's attempt (for a run outside sweeps: started or
     * taken over by it, {@code run_owner}). Otherwise throws
     * {@link LeaseLostException}, naming who or what holds the trial now.
     */
    static void lockLease(Connection connection, Lease lease) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state, CASE WHEN sweep_id IS NULL THEN run_owner ELSE worker_id END, attempt FROM trial "
                + "WHERE id = ? FOR UPDATE")) {
            select.setString(1, lease.runId());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw unknown(lease.runId());
                }
                RunStatus status = RunStatus.fromLabel(rs.getString(1));
                String owner = rs.getString(2);
                int attempt = rs.getInt(3);
                if (status != RunStatus.RUNNING) {
                    throw new LeaseLostException(lease, "trial " + lease.runId() + " is " + status.label()
                            + ", no longer running under lease " + lease + "; nothing was written");
                }
                if (!lease.owner().equals(owner) || attempt != lease.attempt()) {
                    throw new LeaseLostException(lease, "trial " + lease.runId() + " is now held by "
                            + (owner == null ? "no owner" : owner) + " as attempt " + attempt
                            + ", not by lease " + lease + "; nothing was written");
                }
            }
        }
    }

    static IllegalArgumentException unknown(String runId) {
        return new IllegalArgumentException("no run with id '" + runId + "' in this workbench");
    }
}
