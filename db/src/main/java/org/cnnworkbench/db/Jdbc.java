package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Nullable parameters (JDBC's typed setters take primitives) and an update run with its parameters
 * in one call. A nullable column is read with JDBC's own {@code rs.getObject(column, Long.class)},
 * which answers null for SQL NULL where {@code getLong} answers 0.
 */
final class Jdbc {

    private Jdbc() {
    }

    static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        setNullable(statement, index, value, Types.INTEGER);
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        setNullable(statement, index, value, Types.BIGINT);
    }

    static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
        setNullable(statement, index, value, Types.DOUBLE);
    }

    /**
     * Runs one INSERT, UPDATE or MERGE with its parameters 1, 2, ... set to {@code values} in order:
     * each String, Integer, Long or Double as that SQL type, a null as SQL NULL (H2 takes the
     * column's type). Returns the count of rows it changed.
     */
    static int update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, value, sqlType);
        }
    }
}
