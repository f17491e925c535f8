package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;

/** Reads of a sweep's row and its trials' counts shared by the sweep store's parts; an unknown sweep id is refused with a message naming it. */
final class SweepRows {

    private SweepRows() {
    }

    static int nextConfiguration(Connection connection, String sweepId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(config_number) + 1, 0) FROM trial WHERE sweep_id = ?")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Whether the sweep's budget ({@code plan}'s count of configurations and minutes) lets it add a
     * configuration: null when it does, else why not.
     *
     * @param startedAt when the sweep started (its time budget counts from then), null if it has not
     */
    static String budgetSpent(Connection connection, String sweepId, SweepPlan plan, Long startedAt, long now)
            throws SQLException {
        if (plan.budgetMinutes() != null && startedAt != null && now >= startedAt + plan.budgetMinutes() * 60_000L) {
            return "the sweep's time budget (" + plan.budgetMinutes() + " min) is spent";
        }
        return nextConfiguration(connection, sweepId) < plan.configurations() ? null : "every configuration of the sweep has run";
    }

    static Map<RunStatus, Integer> counts(Connection connection, String sweepId) throws SQLException {
        Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state, COUNT(*) FROM trial WHERE sweep_id = ? GROUP BY state")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(RunStatus.fromLabel(rs.getString(1)), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    static SweepState sweepState(Connection connection, String sweepId, boolean lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state FROM sweep WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw unknownSweep(sweepId);
                }
                return SweepState.fromLabel(rs.getString(1));
            }
        }
    }

    static IllegalArgumentException unknownSweep(String sweepId) {
        return new IllegalArgumentException("no sweep with id '" + sweepId + "' in this workbench");
    }

    /** Sets the sweep's state and reason, and its end time when the state is a finished one. */
    static void updateSweep(Connection connection, String sweepId, SweepState state, String reason, long now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE sweep SET state = ?, state_reason = ?, ended_at = ? WHERE id = ?")) {
            update.setString(1, state.label());
            update.setString(2, Text.clip(reason, 2000));
            Jdbc.setLong(update, 3, state.isFinished() ? now : null);
            update.setString(4, sweepId);
            update.executeUpdate();
        }
    }
}
