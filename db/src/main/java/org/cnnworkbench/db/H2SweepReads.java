package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepJob;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.SweepSummary;
import org.cnnworkbench.engine.store.TrialEpochs;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.store.WorkerRow;

/** What readers of sweeps see: lists, one sweep's detail with its trials and workers, its jobs, and the epochs pruners compare. */
final class H2SweepReads {

    private final H2Database database;

    H2SweepReads(H2Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public List<SweepJob> jobs(String sweepId) {
        return database.inTransaction("read the jobs of sweep " + sweepId, connection -> {
            List<SweepJob> jobs = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT launcher, job_id, tasks, submitted_at FROM sweep_job WHERE sweep_id = ?
                    ORDER BY submitted_at, job_id""")) {
                select.setString(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(new SweepJob(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)));
                    }
                }
            }
            return jobs;
        });
    }

    public List<TrialEpochs> sweepEpochs(String sweepId, String runId, Set<String> ownKeys,
                                         Set<String> otherKeys, int upToEpoch) {
        return database.inTransaction("read the epochs of sweep " + sweepId, connection -> {
            Map<String, Object[]> trials = new LinkedHashMap<>();
            Map<String, TreeMap<Integer, Map<String, Double>>> epochs = new LinkedHashMap<>();
            // One pass over the rows pruners need: this trial's keys, the others' (usually one) key.
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT t.id, t.number, t.state, m.epoch, m.metric_key, m.metric_value, m.value_type
                    FROM trial t JOIN epoch_metric m ON m.trial_id = t.id
                    WHERE t.sweep_id = ? AND m.epoch <= ?
                      AND ((t.id = ? AND m.metric_key IN (SELECT * FROM TABLE(k VARCHAR = ?)))
                        OR (t.id <> ? AND m.metric_key IN (SELECT * FROM TABLE(k VARCHAR = ?))))
                    ORDER BY t.number, m.epoch, m.key_index""")) {
                select.setString(1, sweepId);
                select.setInt(2, upToEpoch);
                select.setString(3, runId);
                select.setObject(4, ownKeys.toArray(String[]::new));
                select.setString(5, runId);
                select.setObject(6, otherKeys.toArray(String[]::new));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        trials.computeIfAbsent(id, k -> {
                            try {
                                return new Object[] {rs.getInt(2), RunStatus.fromLabel(rs.getString(3))};
                            } catch (SQLException e) {
                                throw new StoreException("could not read the epochs of sweep " + sweepId, e);
                            }
                        });
                        double value = MetricValueType.fromCode(rs.getShort(7)).decode(rs.getDouble(6));
                        epochs.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(rs.getInt(4), e -> new LinkedHashMap<>())
                                .put(rs.getString(5), value);
                    }
                }
            }
            List<TrialEpochs> result = new ArrayList<>();
            trials.forEach((id, t) -> {
                List<EpochMetrics> list = new ArrayList<>();
                epochs.get(id).forEach((epoch, values) -> list.add(new EpochMetrics(epoch, values)));
                result.add(new TrialEpochs(id, (Integer) t[0], (RunStatus) t[1], list));
            });
            return result;
        });
    }

    public List<SweepSummary> listSweeps(int limit) {
        return database.inTransaction("list sweeps", connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM sweep WHERE trashed_at IS NULL ORDER BY created_at DESC, id_seq DESC FETCH FIRST ? ROWS ONLY")) {
                select.setInt(1, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<SweepSummary> sweeps = new ArrayList<>();
            for (String id : ids) {
                sweeps.add(summary(connection, id).orElseThrow());
            }
            return sweeps;
        });
    }

    public Optional<SweepState> state(String sweepId) {
        return database.inTransaction("read the state of sweep " + sweepId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT state FROM sweep WHERE id = ?")) {
                select.setString(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(SweepState.fromLabel(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    public Optional<SweepDetail> findSweep(String sweepId) {
        return database.inTransaction("read sweep " + sweepId, connection -> {
            Optional<SweepSummary> summary = summary(connection, sweepId);
            if (summary.isEmpty()) {
                return Optional.empty();
            }
            String spec;
            try (PreparedStatement select = connection.prepareStatement("SELECT spec_json FROM sweep WHERE id = ?")) {
                select.setString(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    spec = rs.getString(1);
                }
            }
            return Optional.of(new SweepDetail(summary.get(), spec, trials(connection, sweepId), workers(connection, sweepId)));
        });
    }

    private static Optional<SweepSummary> summary(Connection connection, String sweepId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT s.id, e.name, s.state, s.strategy, s.objective_metric, s.direction, s.objective_over,
                       s.budget_trials, s.budget_minutes, s.parallelism, s.created_at, s.started_at, s.ended_at, s.state_reason
                FROM sweep s JOIN experiment e ON e.id = s.experiment_id WHERE s.id = ?""")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<RunStatus, Integer> counts = SweepRows.counts(connection, sweepId);
                boolean maximize = "maximize".equals(rs.getString(6));
                Object[] best = best(connection, sweepId, maximize);
                return Optional.of(new SweepSummary(rs.getString(1), rs.getString(2), SweepState.fromLabel(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, Integer.class),
                        rs.getObject(9, Integer.class), rs.getInt(10), counts, (Double) best[0], (String) best[1], rs.getLong(11),
                        rs.getObject(12, Long.class), rs.getObject(13, Long.class), rs.getString(14)));
            }
        }
    }

    /** The best configuration's mean objective over its completed trials, and one of its trials. */
    private static Object[] best(Connection connection, String sweepId, boolean maximize) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT AVG(objective) AS mean, MIN(id_seq) FROM trial
                WHERE sweep_id = ? AND state = 'completed' AND objective IS NOT NULL
                GROUP BY config_number ORDER BY mean """ + " " + (maximize ? "DESC" : "ASC") + " FETCH FIRST 1 ROWS ONLY")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new Object[] {null, null};
                }
                return new Object[] {rs.getDouble(1), EntityId.RUN_PREFIX + rs.getLong(2)};
            }
        }
    }

    private static List<TrialRow> trials(Connection connection, String sweepId) throws SQLException {
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT p.trial_id, p.name, CAST(p.value_json AS VARCHAR(1000000)) FROM trial_param p JOIN trial t ON t.id = p.trial_id
                WHERE t.sweep_id = ? ORDER BY p.trial_id, p.position""")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    params.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        List<TrialRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, number, config_number, repeat_index, state, epochs, objective, attempt, worker_id, heartbeat_at,
                       state_reason, started_at, ended_at
                FROM trial WHERE sweep_id = ? ORDER BY number""")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    rows.add(new TrialRow(id, rs.getInt(2), rs.getInt(3), rs.getInt(4), RunStatus.fromLabel(rs.getString(5)),
                            params.getOrDefault(id, Map.of()), rs.getInt(6), rs.getObject(7, Double.class), rs.getInt(8),
                            rs.getString(9), rs.getObject(10, Long.class), rs.getString(11), rs.getObject(12, Long.class),
                            rs.getObject(13, Long.class)));
                }
            }
        }
        return rows;
    }

    private static List<WorkerRow> workers(Connection connection, String sweepId) throws SQLException {
        List<WorkerRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, host, pid, device, threads, job_id, state, trial_id, started_at, last_seen_at
                FROM worker WHERE sweep_id = ? ORDER BY started_at, id""")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new WorkerRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getLong(10)));
                }
            }
        }
        return rows;
    }
}
