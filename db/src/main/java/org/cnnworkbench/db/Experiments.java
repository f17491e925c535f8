package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/** Finds an experiment row by name, creating it on first use. */
final class Experiments {

    static final int MAX_NAME_LENGTH = 200;

    private Experiments() {
    }

    static void checkName(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("an experiment needs a name, found a blank one");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("experiment name '" + name.substring(0, 40) + "...' has "
                    + name.length() + " characters, more than the limit of " + MAX_NAME_LENGTH);
        }
    }

    /** The id of the experiment named {@code name}, created (at {@code now}) if missing. */
    static long idFor(Connection connection, String name, long now) throws SQLException {
        Long existing = find(connection, name);
        if (existing != null) {
            return existing;
        }
        Savepoint beforeInsert = connection.setSavepoint();
        try {
            return insert(connection, name, now);
        } catch (SQLException e) {
            if (!DuplicateKey.is(e)) {
                throw e;
            }
            // Another transaction created it meanwhile; it is committed now, so use its row.
            connection.rollback(beforeInsert);
            Long created = find(connection, name);
            if (created == null) {
                throw e;
            }
            return created;
        }
    }

    private static Long find(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM experiment WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static long insert(Connection connection, String name, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO experiment (name, created_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setLong(2, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
