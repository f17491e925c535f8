package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    static IllegalArgumentException unknown(String runId) {
        return new IllegalArgumentException("no run with id '" + runId + "' in this workbench");
    }
}
