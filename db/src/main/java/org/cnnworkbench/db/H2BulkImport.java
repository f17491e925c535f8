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
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;

/**
 * Writes many finished runs at once, each with all its epochs, in one transaction and with batched
 * inserts: for benchmarks and imports, where recording tens of thousands of runs one epoch per
 * transaction (what training does) would take hours. It fills every table the training path fills,
 * with the same rows ({@code H2BulkImportTest} compares them): the run, {@code run_param},
 * {@code epoch_metric}, {@code latest_metric}, the epoch count, best validation accuracy and sweep
 * objective ({@link EpochRecorder#updateRun}), {@code run_summary} ({@link RunSummaries#refresh}), the
 * end ({@link H2RunStore#finish}), tags and {@code run_search}; a sweep's trial also gets its number and
 * {@code trial_param} rows, as a claim writes them.
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

    private static final String INSERT_RUN = """
            INSERT INTO trial (id, id_seq, experiment_id, sweep_id, number, config_number, repeat_index, state,
                               config_json, overrides_json, source_file, seed, provenance_json, attempt,
                               created_at, started_at, heartbeat_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_METRIC = """
            INSERT INTO epoch_metric (trial_id, epoch, metric_key, metric_value, value_type, key_index, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_LATEST = """
            INSERT INTO latest_metric (trial_id, metric_key, epoch, metric_value, value_type) VALUES (?, ?, ?, ?, ?)""";
    private static final String INSERT_TAG = "INSERT INTO tag (entity_id, tag_key, tag_value) VALUES (?, ?, ?)";
    private static final String INSERT_PARAM =
            "INSERT INTO trial_param (trial_id, name, value_json, distribution_json, position) VALUES (?, ?, ?, NULL, ?)";

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
            try (PreparedStatement run = connection.prepareStatement(INSERT_RUN);
                 PreparedStatement metric = connection.prepareStatement(INSERT_METRIC);
                 PreparedStatement latest = connection.prepareStatement(INSERT_LATEST);
                 PreparedStatement tag = connection.prepareStatement(INSERT_TAG);
                 PreparedStatement param = connection.prepareStatement(INSERT_PARAM);
                 PreparedStatement search = connection.prepareStatement(RunSearch.INSERT)) {
                for (Run r : runs) {
                    NewRun n = r.run();
                    Long experimentId = experiments.get(n.experiment());
                    if (experimentId == null) {
                        experimentId = Experiments.idFor(connection, n.experiment(), now);
                        experiments.put(n.experiment(), experimentId);
                    }
                    EntityId id = EntityId.nextRun(connection);
                    ids.add(id.id());
                    run.setString(1, id.id());
                    run.setLong(2, id.seq());
                    run.setLong(3, experimentId);
                    run.setString(4, r.sweepId());
                    Jdbc.setInteger(run, 5, r.number());
                    Jdbc.setInteger(run, 6, r.number());
                    Jdbc.setInteger(run, 7, r.number() == null ? null : 0);
                    run.setString(8, RunStatus.RUNNING.label());
                    run.setString(9, n.configJson());
                    run.setString(10, n.overridesJson());
                    run.setString(11, n.sourceFile());
                    run.setLong(12, n.seed());
                    run.setString(13, n.provenanceJson());
                    run.setInt(14, r.sweepId() == null ? 0 : 1);
                    run.setLong(15, now);
                    run.setLong(16, now);
                    run.setLong(17, now);
                    run.addBatch();
                }
                run.executeBatch();
                for (int i = 0; i < runs.size(); i++) {
                    Run r = runs.get(i);
                    String id = ids.get(i);
                    RunParams.write(connection, id, r.run().configJson());
                    int position = 0;
                    for (Map.Entry<String, String> p : r.params().entrySet()) {
                        param.setString(1, id);
                        param.setString(2, p.getKey());
                        param.setString(3, p.getValue());
                        param.setInt(4, position++);
                        param.addBatch();
                    }
                    Map<String, Object[]> last = new LinkedHashMap<>();
                    for (int e = 0; e < r.epochs().size(); e++) {
                        int keyIndex = 0;
                        for (Map.Entry<String, Double> m : r.epochs().get(e).entrySet()) {
                            MetricValueType type = MetricValueType.of(m.getValue());
                            double stored = type.stored(m.getValue());
                            metric.setString(1, id);
                            metric.setInt(2, e + 1);
                            metric.setString(3, m.getKey());
                            metric.setDouble(4, stored);
                            metric.setShort(5, type.code);
                            metric.setInt(6, keyIndex++);
                            metric.setLong(7, now);
                            metric.addBatch();
                            last.put(m.getKey(), new Object[] {e + 1, stored, type.code});
                        }
                    }
                    for (Map.Entry<String, Object[]> l : last.entrySet()) {
                        latest.setString(1, id);
                        latest.setString(2, l.getKey());
                        latest.setInt(3, (Integer) l.getValue()[0]);
                        latest.setDouble(4, (Double) l.getValue()[1]);
                        latest.setShort(5, (Short) l.getValue()[2]);
                        latest.addBatch();
                    }
                    Set<String> texts = new LinkedHashSet<>();
                    texts.add(id);
                    texts.add(r.run().experiment());
                    texts.add(r.sweepId());
                    for (Map.Entry<String, String> t : r.tags().entrySet()) {
                        tag.setString(1, id);
                        tag.setString(2, t.getKey());
                        tag.setString(3, t.getValue());
                        tag.addBatch();
                        texts.add(t.getKey());
                        texts.add(t.getValue());
                    }
                    RunSearch.add(search, id, texts);
                }
                param.executeBatch();
                metric.executeBatch();
                latest.executeBatch();
                tag.executeBatch();
                search.executeBatch();
            }
            for (int i = 0; i < runs.size(); i++) {
                String id = ids.get(i);
                if (!runs.get(i).epochs().isEmpty()) {
                    EpochRecorder.updateRun(connection, id);
                    RunSummaries.refresh(connection, id, now);
                }
                H2RunStore.finish(connection, id, runs.get(i).outcome(), now);
            }
            return ids;
        });
    }
}
