package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.store.BatchPoint;

/** A run's per-batch points ({@code batch_metric}): written a block at a time in one batched statement, read per key. */
final class BatchMetrics {
    private BatchMetrics() {
    }

    /** Appends the points (inside the caller's transaction); a (key, step) already there is kept as it was. */
    static void write(Connection connection, String runId, List<BatchPoint> points) throws SQLException {
        RunRows.status(connection, runId);
        try (PreparedStatement merge = connection.prepareStatement("""
                MERGE INTO batch_metric t USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(128)), CAST(? AS BIGINT),
                    CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS SMALLINT)))
                    AS s (trial_id, metric_key, step, epoch_x, metric_value, value_type)
                ON t.trial_id = s.trial_id AND t.metric_key = s.metric_key AND t.step = s.step
                WHEN NOT MATCHED THEN INSERT (trial_id, metric_key, step, epoch_x, metric_value, value_type)
                    VALUES (s.trial_id, s.metric_key, s.step, s.epoch_x, s.metric_value, s.value_type)""")) {
            for (BatchPoint p : points) {
                MetricValueType type = MetricValueType.of(p.value());
                merge.setString(1, runId);
                merge.setString(2, p.key());
                merge.setLong(3, p.step());
                merge.setDouble(4, p.epoch());
                merge.setDouble(5, type == MetricValueType.FINITE ? p.value() : 0.0);
                merge.setShort(6, type.code);
                merge.addBatch();
            }
            merge.executeBatch();
        }
    }

    static Map<String, List<double[]>> read(Connection connection, String runId, List<String> keys) throws SQLException {
        RunRows.status(connection, runId);
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT epoch_x, metric_value, value_type FROM batch_metric WHERE trial_id = ? AND metric_key = ? ORDER BY step""")) {
            for (String key : keys) {
                select.setString(1, runId);
                select.setString(2, key);
                List<double[]> points = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        points.add(new double[] {rs.getDouble(1), MetricValueType.fromCode(rs.getShort(3)).decode(rs.getDouble(2))});
                    }
                }
                if (!points.isEmpty()) {
                    out.put(key, points);
                }
            }
        }
        return out;
    }
}
