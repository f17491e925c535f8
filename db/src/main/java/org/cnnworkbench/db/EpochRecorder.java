package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.engine.store.RunStatus;

/**
 * Writes one finished epoch: its metric rows, the latest value of each key, the run's epoch
 * count and best validation accuracy, and its overfitting summary. Runs inside the caller's transaction with the run's row
 * locked, so two writers of the same run cannot both record an epoch.
 */
final class EpochRecorder {

    static final int MAX_KEY_LENGTH = 128;

    private static final String INSERT_METRIC = """
            INSERT INTO epoch_metric (trial_id, epoch, metric_key, metric_value, value_type, key_index, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    // Only a newer epoch replaces the latest value, whatever order epochs arrive in.
    private static final String MERGE_LATEST = """
            MERGE INTO latest_metric t
            USING (VALUES (CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(128)), CAST(? AS INT),
                           CAST(? AS DOUBLE PRECISION), CAST(? AS SMALLINT)))
                  AS s (trial_id, metric_key, epoch, metric_value, value_type)
            ON t.trial_id = s.trial_id AND t.metric_key = s.metric_key
            WHEN MATCHED AND s.epoch > t.epoch THEN
                UPDATE SET epoch = s.epoch, metric_value = s.metric_value, value_type = s.value_type
            WHEN NOT MATCHED THEN
                INSERT (trial_id, metric_key, epoch, metric_value, value_type)
                VALUES (s.trial_id, s.metric_key, s.epoch, s.metric_value, s.value_type)""";

    // A key's extremes are read back from the run's recorded epochs (one range of the primary key), never
    // from the row's previous values, for the reason given below.
    static final String MERGE_EXTREME = """
            MERGE INTO metric_extreme t
            USING (SELECT m.trial_id, m.metric_key, MAX(m.metric_value) AS max_value, MIN(m.metric_value) AS min_value
                   FROM epoch_metric m WHERE m.trial_id = ? AND m.metric_key = ? AND m.value_type = 0
                   GROUP BY m.trial_id, m.metric_key) s
            ON t.trial_id = s.trial_id AND t.metric_key = s.metric_key
            WHEN MATCHED THEN UPDATE SET max_value = s.max_value, min_value = s.min_value
            WHEN NOT MATCHED THEN INSERT (trial_id, metric_key, max_value, min_value)
                VALUES (s.trial_id, s.metric_key, s.max_value, s.min_value)""";

    // Every value is derived from the run's epoch_metric rows, never from the row's previous value
    // (epochs + 1): under load, H2 2.3 let a writer that had waited for the run's row lock (SELECT ...
    // FOR UPDATE) write over the count the previous lock holder had just committed, losing epochs
    // (H2RunStoreTest.epochsRecordedConcurrentlyAreEachCountedOnce: 2 runs in 30 counted 39 of 40).
    private static final String UPDATE_RUN = """
            UPDATE trial t SET
                epochs = (SELECT COUNT(DISTINCT m.epoch) FROM epoch_metric m WHERE m.trial_id = t.id),
                best_val_accuracy = (SELECT MAX(m.metric_value) FROM epoch_metric m
                                     WHERE m.trial_id = t.id AND m.metric_key = ? AND m.value_type = 0),
                objective = COALESCE((
                    SELECT CASE WHEN s.objective_over = 'last' THEN
                                    (SELECT m.metric_value FROM epoch_metric m WHERE m.trial_id = t.id
                                     AND m.metric_key = s.objective_metric AND m.value_type = 0
                                     ORDER BY m.epoch DESC FETCH FIRST 1 ROW ONLY)
                                WHEN s.direction = 'maximize' THEN
                                    (SELECT MAX(m.metric_value) FROM epoch_metric m WHERE m.trial_id = t.id
                                     AND m.metric_key = s.objective_metric AND m.value_type = 0)
                                ELSE (SELECT MIN(m.metric_value) FROM epoch_metric m WHERE m.trial_id = t.id
                                      AND m.metric_key = s.objective_metric AND m.value_type = 0) END
                    FROM sweep s WHERE s.id = t.sweep_id),
                    t.objective)
            WHERE t.id = ?""";

    private EpochRecorder() {
    }

    /** Checks the caller's arguments before any transaction starts. */
    static void checkArguments(String runId, int epoch, Map<String, Double> metrics) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs count from 1, found epoch " + epoch + " for run " + runId);
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("epoch " + epoch + " of run " + runId + " has no metrics to record");
        }
        metrics.forEach((key, value) -> {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("epoch " + epoch + " of run " + runId + " has a metric without a key");
            }
            if (key.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("metric key '" + key.substring(0, 40) + "...' has " + key.length()
                        + " characters, more than the limit of " + MAX_KEY_LENGTH);
            }
            if (value == null) {
                throw new IllegalArgumentException("metric '" + key + "' of run " + runId + " epoch " + epoch
                        + " has no value; record NaN for a value that could not be computed");
            }
        });
    }

    /**
     * Records the epoch. When it is recorded already: with {@code sameIsDone} and exactly the same
     * metrics (a retry whose first try committed but whose answer was lost, or a write repeated under
     * the same lease) nothing changes and it counts as recorded; otherwise it is refused.
     */
    static void record(Connection connection, String runId, int epoch, Map<String, Double> metrics, long now,
                       boolean sameIsDone) throws SQLException {
        RunStatus status = RunRows.lockStatus(connection, runId);
        if (status.isFinished()) {
            throw new IllegalStateException("run " + runId + " has ended (" + status.label()
                    + "); no more epochs can be recorded for it");
        }
        if (isRecorded(connection, runId, epoch)) {
            if (sameIsDone && recordedAs(connection, runId, epoch, metrics)) {
                return;
            }
            throw alreadyRecorded(runId, epoch);
        }
        try {
            insertMetrics(connection, runId, epoch, metrics, now);
        } catch (SQLException e) {
            if (DuplicateKey.is(e)) {
                throw alreadyRecorded(runId, epoch);
            }
            throw e;
        }
        mergeLatest(connection, runId, epoch, metrics);
        mergeExtremes(connection, runId, metrics);
        updateRun(connection, runId);
        RunSummaries.refresh(connection, runId, now);
    }

    private static IllegalStateException alreadyRecorded(String runId, int epoch) {
        return new IllegalStateException("epoch " + epoch + " of run " + runId
                + " is already recorded; an epoch's metrics are written once");
    }

    private static boolean isRecorded(Connection connection, String runId, int epoch) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM epoch_metric WHERE trial_id = ? AND epoch = ? LIMIT 1")) {
            select.setString(1, runId);
            select.setInt(2, epoch);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Whether epoch {@code epoch} of the run holds exactly {@code metrics}: the same keys, the same stored values. */
    private static boolean recordedAs(Connection connection, String runId, int epoch, Map<String, Double> metrics)
            throws SQLException {
        Map<String, Double> stored = new java.util.HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT metric_key, metric_value, value_type FROM epoch_metric WHERE trial_id = ? AND epoch = ?")) {
            select.setString(1, runId);
            select.setInt(2, epoch);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1) + "\u0000" + rs.getShort(3), rs.getDouble(2));
                }
            }
        }
        if (stored.size() != metrics.size()) {
            return false;
        }
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            MetricValueType type = MetricValueType.of(metric.getValue());
            Double value = stored.get(metric.getKey() + "\u0000" + type.code);
            if (value == null || Double.compare(value, type.stored(metric.getValue())) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void insertMetrics(Connection connection, String runId, int epoch, Map<String, Double> metrics,
                                      long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_METRIC)) {
            int keyIndex = 0;
            for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                double value = metric.getValue();
                MetricValueType type = MetricValueType.of(value);
                insert.setString(1, runId);
                insert.setInt(2, epoch);
                insert.setString(3, metric.getKey());
                insert.setDouble(4, type.stored(value));
                insert.setShort(5, type.code);
                insert.setInt(6, keyIndex++);
                insert.setLong(7, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void mergeLatest(Connection connection, String runId, int epoch, Map<String, Double> metrics)
            throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(MERGE_LATEST)) {
            for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                double value = metric.getValue();
                MetricValueType type = MetricValueType.of(value);
                merge.setString(1, runId);
                merge.setString(2, metric.getKey());
                merge.setInt(3, epoch);
                merge.setDouble(4, type.stored(value));
                merge.setShort(5, type.code);
                merge.addBatch();
            }
            merge.executeBatch();
        }
    }

    /** The run's highest and lowest finite value of each key it has a finite value of in this epoch. */
    private static void mergeExtremes(Connection connection, String runId, Map<String, Double> metrics) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(MERGE_EXTREME)) {
            for (Map.Entry<String, Double> metric : metrics.entrySet()) {
                if (Double.isFinite(metric.getValue())) {
                    merge.setString(1, runId);
                    merge.setString(2, metric.getKey());
                    merge.addBatch();
                }
            }
            merge.executeBatch();
        }
    }

    /**
     * One statement for the run's row: the epoch count, the best validation accuracy and, for a
     * sweep's trial, its objective so far (the best, or the last, finite value of the sweep's metric,
     * all read back from the run's recorded epochs, the ones just inserted included).
     */
    private static void updateRun(Connection connection, String runId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE_RUN)) {
            update.setString(1, MetricKeys.VAL_ACCURACY);
            update.setString(2, runId);
            update.executeUpdate();
        }
    }
}
