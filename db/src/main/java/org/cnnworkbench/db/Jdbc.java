package org.cnnworkbench.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Nullable column values: JDBC's getters answer 0 for SQL NULL and its setters take primitives. */
final class Jdbc {

    private Jdbc() {
    }

    static Integer getInteger(ResultSet rs, int column) throws SQLException {
        return orNull(rs, rs.getInt(column));
    }

    static Integer getInteger(ResultSet rs, String column) throws SQLException {
        return orNull(rs, rs.getInt(column));
    }

    static Long getLong(ResultSet rs, int column) throws SQLException {
        return orNull(rs, rs.getLong(column));
    }

    static Long getLong(ResultSet rs, String column) throws SQLException {
        return orNull(rs, rs.getLong(column));
    }

    static Double getDouble(ResultSet rs, int column) throws SQLException {
        return orNull(rs, rs.getDouble(column));
    }

    static Double getDouble(ResultSet rs, String column) throws SQLException {
        return orNull(rs, rs.getDouble(column));
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

    /** {@code value}, just read from {@code rs}, or null where that column was SQL NULL. */
    private static <T> T orNull(ResultSet rs, T value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static void setNullable(PreparedStatement statement, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, value, sqlType);
        }
    }
}
