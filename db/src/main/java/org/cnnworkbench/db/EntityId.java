package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An id drawn from {@code entity_id_seq}, the one sequence runs and sweeps share, so that
 * {@code r12} and {@code s12} can never both exist.
 *
 * @param id  the formatted id, e.g. {@code r12}
 * @param seq the sequence number, stored in the {@code id_seq} column
 */
record EntityId(String id, long seq) {

    static final String RUN_PREFIX = "r";
    static final String SWEEP_PREFIX = "s";

    static EntityId nextRun(Connection connection) throws SQLException {
        return next(connection, RUN_PREFIX);
    }

    static EntityId nextSweep(Connection connection) throws SQLException {
        return next(connection, SWEEP_PREFIX);
    }

    private static EntityId next(Connection connection, String prefix) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT NEXT VALUE FOR entity_id_seq")) {
            rs.next();
            long seq = rs.getLong(1);
            return new EntityId(prefix + seq, seq);
        }
    }
}
