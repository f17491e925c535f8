package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.engine.analysis.OverfittingAnalysis;
import org.cnnworkbench.engine.analysis.OverfittingSummary;

/** Reads and rewrites a run's {@code run_summary} row (the overfitting analytics) inside the caller's transaction. */
final class RunSummaries {
    static final String COLUMNS = """
            rs.patience, rs.last_epoch, rs.best_epoch, rs.best_val_loss, rs.best_val_accuracy, rs.gap_loss_best,
            rs.gap_loss_last, rs.gap_accuracy_best, rs.gap_accuracy_last, rs.onset_epoch, rs.early_stop_epoch""";

    private static final String MERGE = """
            MERGE INTO run_summary (trial_id, patience, last_epoch, best_epoch, best_val_loss, best_val_accuracy,
                gap_loss_best, gap_loss_last, gap_accuracy_best, gap_accuracy_last, onset_epoch, early_stop_epoch, updated_at)
            KEY (trial_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private RunSummaries() {
    }

    /** Recomputes the run's summary from its recorded loss and accuracy epochs and stores it. */
    static void refresh(Connection connection, String runId, long now) throws SQLException {
        write(connection, runId, OverfittingAnalysis.of(epochs(connection, runId), OverfittingAnalysis.DEFAULT_PATIENCE), now);
    }

    /** The run's loss, accuracy, val_loss and val_accuracy per epoch (non-finite values decoded). */
    static List<EpochMetrics> epochs(Connection connection, String runId) throws SQLException {
        Map<Integer, Map<String, Double>> byEpoch = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT epoch, metric_key, metric_value, value_type FROM epoch_metric
                WHERE trial_id = ? AND metric_key IN (?, ?, ?, ?) ORDER BY epoch""")) {
            select.setString(1, runId);
            select.setString(2, MetricKeys.LOSS);
            select.setString(3, MetricKeys.ACCURACY);
            select.setString(4, MetricKeys.VAL_LOSS);
            select.setString(5, MetricKeys.VAL_ACCURACY);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byEpoch.computeIfAbsent(rs.getInt(1), e -> new LinkedHashMap<>())
                            .put(rs.getString(2), MetricValueType.fromCode(rs.getShort(4)).decode(rs.getDouble(3)));
                }
            }
        }
        List<EpochMetrics> out = new ArrayList<>(byEpoch.size());
        byEpoch.forEach((epoch, values) -> out.add(new EpochMetrics(epoch, values)));
        return out;
    }

    static void write(Connection connection, String runId, OverfittingSummary s, long now) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(MERGE)) {
            merge.setString(1, runId);
            merge.setInt(2, s.patience());
            merge.setInt(3, s.lastEpoch());
            Jdbc.setInteger(merge, 4, s.bestEpoch());
            Jdbc.setDouble(merge, 5, s.bestValLoss());
            Jdbc.setDouble(merge, 6, s.bestValAccuracy());
            Jdbc.setDouble(merge, 7, s.gapLossBest());
            Jdbc.setDouble(merge, 8, s.gapLossLast());
            Jdbc.setDouble(merge, 9, s.gapAccuracyBest());
            Jdbc.setDouble(merge, 10, s.gapAccuracyLast());
            Jdbc.setInteger(merge, 11, s.onsetEpoch());
            Jdbc.setInteger(merge, 12, s.earlyStopEpoch());
            merge.setLong(13, now);
            merge.executeUpdate();
        }
    }

    /** The stored summary of a run, if it has one. */
    static Optional<OverfittingSummary> read(Connection connection, String runId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM run_summary rs WHERE rs.trial_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(from(rs)) : Optional.empty();
            }
        }
    }

    /** The summary in the current row of a result set selecting {@link #COLUMNS}; null when the run has none. */
    static OverfittingSummary from(ResultSet rs) throws SQLException {
        int patience = rs.getInt("patience");
        if (rs.wasNull()) {
            return null;
        }
        return new OverfittingSummary(rs.getObject("best_epoch", Integer.class), rs.getObject("best_val_loss", Double.class), rs.getObject("best_val_accuracy", Double.class),
                rs.getObject("gap_loss_best", Double.class), rs.getObject("gap_loss_last", Double.class), rs.getObject("gap_accuracy_best", Double.class), rs.getObject("gap_accuracy_last", Double.class),
                rs.getObject("onset_epoch", Integer.class), rs.getObject("early_stop_epoch", Integer.class), rs.getInt("last_epoch"), patience);
    }




}
