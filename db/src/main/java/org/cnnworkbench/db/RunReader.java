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
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunSummary;

/** Reads runs, their artifacts and their epochs back into the engine's values. */
final class RunReader {

    static final String SUMMARY_COLUMNS = """
            t.id, e.name AS experiment, t.sweep_id, t.state, t.epochs, t.best_val_accuracy, t.test_accuracy,
            t.created_at, t.started_at, t.ended_at, t.lease_expires_at""";

    /**
     * The SQL condition of a run outside sweeps shown as {@link RunStatus#INTERRUPTED}: its row says
     * running but its lease expired before the bound time (its process died without ending it).
     */
    static final String INTERRUPTED = "(t.state = 'running' AND t.sweep_id IS NULL AND t.lease_expires_at < ?)";

    static final String FROM_TRIAL = " FROM trial t JOIN experiment e ON e.id = t.experiment_id";

    private RunReader() {
    }

    static List<RunSummary> newest(Connection connection, int limit, long now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SUMMARY_COLUMNS + FROM_TRIAL
                + " WHERE t.trashed_at IS NULL ORDER BY t.created_at DESC, t.id_seq DESC FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<RunSummary> runs = new ArrayList<>();
                while (rs.next()) {
                    runs.add(summary(rs, now));
                }
                return runs;
            }
        }
    }

    static Optional<RunDetail> detail(Connection connection, String runId, long now) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SUMMARY_COLUMNS + """
                , t.seed, t.config_json, t.overrides_json, t.provenance_json, t.result_json, t.error, t.test_loss"""
                + FROM_TRIAL + " WHERE t.id = ?")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RunDetail(summary(rs, now), rs.getLong("seed"), rs.getString("config_json"),
                        rs.getString("overrides_json"), rs.getString("provenance_json"), rs.getString("result_json"),
                        rs.getString("error"), rs.getObject("test_loss", Double.class), artifacts(connection, runId)));
            }
        }
    }

    static List<EpochMetrics> epochs(Connection connection, String runId) throws SQLException {
        RunRows.status(connection, runId);
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT epoch, metric_key, metric_value, value_type FROM epoch_metric
                WHERE trial_id = ? ORDER BY epoch, key_index""")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                Map<Integer, Map<String, Double>> byEpoch = new LinkedHashMap<>();
                while (rs.next()) {
                    double value = MetricValueType.fromCode(rs.getShort("value_type")).decode(rs.getDouble("metric_value"));
                    byEpoch.computeIfAbsent(rs.getInt("epoch"), e -> new LinkedHashMap<>())
                            .put(rs.getString("metric_key"), value);
                }
                List<EpochMetrics> epochs = new ArrayList<>(byEpoch.size());
                byEpoch.forEach((epoch, values) -> epochs.add(new EpochMetrics(epoch, values)));
                return epochs;
            }
        }
    }

    private static List<Artifact> artifacts(Connection connection, String runId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT kind, relative_path, size_bytes, sha256 FROM artifact
                WHERE trial_id = ? ORDER BY created_at, relative_path""")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                List<Artifact> artifacts = new ArrayList<>();
                while (rs.next()) {
                    artifacts.add(new Artifact(rs.getString("kind"), rs.getString("relative_path"),
                            rs.getLong("size_bytes"), rs.getString("sha256")));
                }
                return artifacts;
            }
        }
    }

    /** The run of the current row; {@code now} decides whether a running run's lease has expired. */
    static RunSummary summary(ResultSet rs, long now) throws SQLException {
        RunStatus status = RunStatus.fromLabel(rs.getString("state"));
        Long expires = rs.getObject("lease_expires_at", Long.class);
        if (status == RunStatus.RUNNING && rs.getString("sweep_id") == null && expires != null && expires < now) {
            status = RunStatus.INTERRUPTED;
        }
        return new RunSummary(rs.getString("id"), rs.getString("experiment"), rs.getString("sweep_id"),
                status, rs.getInt("epochs"),
                rs.getObject("best_val_accuracy", Double.class), rs.getObject("test_accuracy", Double.class),
                rs.getLong("created_at"), rs.getObject("started_at", Long.class), rs.getObject("ended_at", Long.class));
    }


}
