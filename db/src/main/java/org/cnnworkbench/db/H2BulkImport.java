package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.engine.analysis.OverfittingAnalysis;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;

/**
 * Writes many finished runs at once, each with all its epochs, in one transaction with multi-row
 * inserts: for benchmarks and imports, where recording tens of thousands of runs one epoch per
 * transaction (what training does) would take hours. It fills every table the training path fills,
 * with the same rows ({@code H2BulkImportTest} compares them table by table): the run's row with its
 * end, epoch count, best validation accuracy and sweep objective (computed here as
 * {@link EpochRecorder#updateRun} computes them), {@code run_param}, {@code epoch_metric},
 * {@code latest_metric}, {@code run_summary} (the same {@link OverfittingAnalysis}), tags and
 * {@code run_search}; a sweep's trial also gets its number and {@code trial_param} rows, as a claim
 * writes them.
 */
public final class H2BulkImport {

    /**
     * One finished run to import.
     *
     * @param run     as {@code RunStore.startRun} takes it
     * @param epochs  the metrics of epochs 1, 2, ... (each non-empty)
     * @param outcome how it ended
     * @param tags    its tags (may be empty)
     * @param sweepId the sweep it is a trial of, or null
     * @param number  its trial number in the sweep (configuration number, repeat 0), or null
     * @param params  the sampled parameters of a sweep's trial, name to JSON value, in order (may be empty)
     */
    public record Run(NewRun run, List<Map<String, Double>> epochs, RunOutcome outcome, Map<String, String> tags,
                      String sweepId, Integer number, Map<String, String> params) {
        public Run {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(epochs, "epochs");
            Objects.requireNonNull(outcome, "outcome");
            tags = tags == null ? Map.of() : tags;
            params = params == null ? Map.of() : params;
            if ((sweepId == null) != (number == null)) {
                throw new IllegalArgumentException("a sweep's trial has both a sweep id and a number, a run neither");
            }
        }

        public Run(NewRun run, List<Map<String, Double>> epochs, RunOutcome outcome, Map<String, String> tags) {
            this(run, epochs, outcome, tags, null, null, Map.of());
        }
    }

    private final H2Database database;
    private final Clock clock;

    public H2BulkImport(H2Database database) {
        this(database, Clock.systemUTC());
    }

    public H2BulkImport(H2Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Imports the runs in one transaction (all or none) and returns their new ids, in order. */
    public List<String> importRuns(List<Run> runs) {
        Objects.requireNonNull(runs, "runs");
        for (Run r : runs) {
            Experiments.checkName(r.run().experiment());
            for (int e = 0; e < r.epochs().size(); e++) {
                EpochRecorder.checkArguments("(import)", e + 1, r.epochs().get(e));
            }
        }
        return database.inTransaction("import " + runs.size() + " runs", connection -> {
            long now = clock.millis();
            List<String> ids = new ArrayList<>(runs.size());
            Map<String, Long> experiments = new LinkedHashMap<>();
            Map<String, String[]> objectives = new LinkedHashMap<>();
            List<Object[]> summaries = new ArrayList<>();
            try (Rows trial = new Rows(connection, "trial (id, id_seq, experiment_id, sweep_id, number, config_number, repeat_index, "
                    + "state, config_json, overrides_json, source_file, seed, provenance_json, attempt, created_at, started_at, "
                    + "heartbeat_at, epochs, best_val_accuracy, objective, ended_at, result_json, error, test_accuracy, test_loss, "
                    + "state_reason)", 26);
                 Rows metric = new Rows(connection,
                         "epoch_metric (trial_id, epoch, metric_key, metric_value, value_type, key_index, recorded_at)", 7);
                 Rows latest = new Rows(connection, "latest_metric (trial_id, metric_key, epoch, metric_value, value_type)", 5);
                 Rows extreme = new Rows(connection, "metric_extreme (trial_id, metric_key, max_value, min_value)", 4);
                 Rows tag = new Rows(connection, "tag (entity_id, tag_key, tag_value)", 3);
                 Rows param = new Rows(connection, "trial_param (trial_id, name, value_json, distribution_json, position)", 5);
                 Rows search = new Rows(connection, "run_search (fragment, trial_id)", 2)) {
                for (Run r : runs) {
                    NewRun n = r.run();
                    Long experimentId = experiments.get(n.experiment());
                    if (experimentId == null) {
                        experimentId = Experiments.idFor(connection, n.experiment(), now);
                        experiments.put(n.experiment(), experimentId);
                    }
                    String[] objective = r.sweepId() == null ? null : objectives.get(r.sweepId());
                    if (r.sweepId() != null && objective == null) {
                        objective = objective(connection, r.sweepId());
                        objectives.put(r.sweepId(), objective);
                    }
                    EntityId id = EntityId.nextRun(connection);
                    ids.add(id.id());
                    Map<String, Object[]> last = new LinkedHashMap<>();
                    Map<String, double[]> extremes = new LinkedHashMap<>();
                    List<EpochMetrics> summaryEpochs = new ArrayList<>();
                    Double bestValAccuracy = null;
                    Double objectiveValue = null;
                    for (int e = 0; e < r.epochs().size(); e++) {
                        int keyIndex = 0;
                        Map<String, Double> summaryValues = new LinkedHashMap<>();
                        for (Map.Entry<String, Double> m : r.epochs().get(e).entrySet()) {
                            MetricValueType type = MetricValueType.of(m.getValue());
                            double stored = type.stored(m.getValue());
                            metric.add(id.id(), e + 1, m.getKey(), stored, type.code, keyIndex++, now);
                            last.put(m.getKey(), new Object[] {e + 1, stored, type.code});
                            if (SUMMARY_KEYS.contains(m.getKey())) {
                                summaryValues.put(m.getKey(), m.getValue());
                            }
                            boolean finite = type == MetricValueType.FINITE;
                            if (finite) {
                                extremes.merge(m.getKey(), new double[] {stored, stored},
                                        (a, b) -> new double[] {Math.max(a[0], b[0]), Math.min(a[1], b[1])});
                            }
                            if (finite && m.getKey().equals(MetricKeys.VAL_ACCURACY)) {
                                bestValAccuracy = bestValAccuracy == null ? stored : Math.max(bestValAccuracy, stored);
                            }
                            if (finite && objective != null && m.getKey().equals(objective[0])) {
                                objectiveValue = objectiveValue == null || "last".equals(objective[2]) ? stored
                                        : "maximize".equals(objective[1]) ? Math.max(objectiveValue, stored) : Math.min(objectiveValue, stored);
                            }
                        }
                        if (!summaryValues.isEmpty()) {
                            summaryEpochs.add(new EpochMetrics(e + 1, summaryValues));
                        }
                    }
                    RunOutcome o = r.outcome();
                    trial.add(id.id(), id.seq(), experimentId, r.sweepId(), r.number(), r.number(), r.number() == null ? null : 0,
                            o.status().label(), n.configJson(), n.overridesJson(), n.sourceFile(), n.seed(), n.provenanceJson(),
                            r.sweepId() == null ? 0 : 1, now, now, null, r.epochs().size(), bestValAccuracy, objectiveValue, now,
                            o.resultJson(), o.error(), o.testAccuracy(), o.testLoss(), Text.clip(o.reason(), 2000));
                    summaries.add(new Object[] {id.id(), summaryEpochs});
                    for (Map.Entry<String, Object[]> l : last.entrySet()) {
                        latest.add(id.id(), l.getKey(), l.getValue()[0], l.getValue()[1], l.getValue()[2]);
                    }
                    for (Map.Entry<String, double[]> x : extremes.entrySet()) {
                        extreme.add(id.id(), x.getKey(), x.getValue()[0], x.getValue()[1]);
                    }
                    int position = 0;
                    for (Map.Entry<String, String> p : r.params().entrySet()) {
                        param.add(id.id(), p.getKey(), p.getValue(), null, position++);
                    }
                    Set<String> texts = new LinkedHashSet<>();
                    texts.add(id.id());
                    texts.add(n.experiment());
                    texts.add(r.sweepId());
                    for (Map.Entry<String, String> t : r.tags().entrySet()) {
                        tag.add(id.id(), t.getKey(), t.getValue());
                        texts.add(t.getKey());
                        texts.add(t.getValue());
                    }
                    for (String fragment : RunSearch.fragments(texts)) {
                        search.add(fragment, id.id());
                    }
                }
                // In the order of the foreign keys: the runs first.
                for (Rows rows : List.of(trial, metric, latest, extreme, tag, param, search)) {
                    rows.flush();
                }
                for (int i = 0; i < runs.size(); i++) {
                    RunParams.write(connection, ids.get(i), runs.get(i).run().configJson());
                }
            }
            for (Object[] s : summaries) {
                @SuppressWarnings("unchecked")
                List<EpochMetrics> epochs = (List<EpochMetrics>) s[1];
                if (!epochs.isEmpty()) {
                    RunSummaries.write(connection, (String) s[0], OverfittingAnalysis.of(epochs, OverfittingAnalysis.DEFAULT_PATIENCE), now);
                }
            }
            return ids;
        });
    }

    private static final Set<String> SUMMARY_KEYS = Set.of(MetricKeys.LOSS, MetricKeys.ACCURACY, MetricKeys.VAL_LOSS,
            MetricKeys.VAL_ACCURACY);

    /** The sweep's objective metric, direction and epoch (best or last), as {@link EpochRecorder#updateRun} reads them. */
    private static String[] objective(Connection connection, String sweepId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT objective_metric, direction, objective_over FROM sweep WHERE id = ?")) {
            select.setString(1, sweepId);
            try (java.sql.ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no sweep " + sweepId + " to import trials into");
                }
                return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
            }
        }
    }

    /**
     * Rows of one table, kept until {@link #flush} inserts them {@link #PER_STATEMENT} at a time with
     * multi-row INSERTs (far fewer statements than a JDBC batch of single rows).
     */
    private static final class Rows implements AutoCloseable {
        private static final int PER_STATEMENT = 100;
        private final Connection connection;
        private final String table;
        private final int columns;
        private final List<Object[]> rows = new ArrayList<>();
        private PreparedStatement full;

        Rows(Connection connection, String table, int columns) {
            this.connection = connection;
            this.table = table;
            this.columns = columns;
        }

        void add(Object... row) {
            rows.add(row);
        }

        void flush() throws SQLException {
            int at = 0;
            for (; at + PER_STATEMENT <= rows.size(); at += PER_STATEMENT) {
                if (full == null) {
                    full = connection.prepareStatement(sql(PER_STATEMENT));
                }
                execute(full, rows.subList(at, at + PER_STATEMENT));
            }
            if (at < rows.size()) {
                try (PreparedStatement rest = connection.prepareStatement(sql(rows.size() - at))) {
                    execute(rest, rows.subList(at, rows.size()));
                }
            }
            rows.clear();
        }

        private String sql(int n) {
            String one = "(" + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
            return "INSERT INTO " + table + " VALUES " + String.join(", ", java.util.Collections.nCopies(n, one));
        }

        private static void execute(PreparedStatement statement, List<Object[]> block) throws SQLException {
            int i = 1;
            for (Object[] row : block) {
                for (Object v : row) {
                    if (v instanceof Short s) {
                        statement.setShort(i++, s);
                    } else {
                        statement.setObject(i++, v);
                    }
                }
            }
            statement.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            if (full != null) {
                full.close();
            }
        }
    }
}
