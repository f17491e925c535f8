package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunStore;
import org.cnnworkbench.engine.store.RunSummary;
import org.cnnworkbench.engine.store.TrialWriter;

/**
 * The engine's {@link RunStore} on an {@link H2Database}: a run is a row of {@code trial} (with no
 * sweep), its epochs are rows of {@code epoch_metric}. Every method is one transaction; safe for
 * use from several threads.
 *
 * <p>Callers' mistakes are refused before anything is written: an unknown run id with
 * {@link IllegalArgumentException}; an epoch recorded twice, an epoch or an end recorded for a run
 * that has already ended, with {@link IllegalStateException}. Database failures surface as
 * {@link StoreException}.
 *
 * <p>The store does not own the database: {@link #close()} only stops this store, whoever opened
 * the {@link H2Database} closes it.
 */
public final class H2RunStore implements RunStore {

    private final H2Database database;
    private final Clock clock;
    private final H2RunControl control;
    private volatile boolean closed;

    /** A store on {@code database} that stamps times from the system clock (UTC). */
    public H2RunStore(H2Database database) {
        this(database, Clock.systemUTC());
    }

    /** A store on {@code database} that stamps times from {@code clock}, e.g. a fixed clock in tests. */
    public H2RunStore(H2Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.control = new H2RunControl(database, clock);
    }

    @Override
    public Heartbeat heartbeatRun(String runId, java.time.Duration interval) {
        return control.heartbeatRun(runId, interval);
    }

    @Override
    public boolean cancel(String id, String reason) {
        return control.cancel(id, reason);
    }

    @Override
    public java.util.OptionalLong leaseExpiresAt(String runId) {
        return control.leaseExpiresAt(runId);
    }

    @Override
    public String startRun(NewRun run) {
        Objects.requireNonNull(run, "run");
        Experiments.checkName(run.experiment());
        return transaction("start a run of experiment '" + run.experiment() + "'", connection -> {
            long now = clock.millis();
            long experimentId = Experiments.idFor(connection, run.experiment(), now);
            EntityId id = EntityId.nextRun(connection);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO trial (id, id_seq, experiment_id, state, config_json, overrides_json, source_file,
                                       seed, provenance_json, created_at, started_at, heartbeat_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, id.id());
                insert.setLong(2, id.seq());
                insert.setLong(3, experimentId);
                insert.setString(4, RunStatus.RUNNING.label());
                insert.setString(5, run.configJson());
                insert.setString(6, run.overridesJson());
                insert.setString(7, run.sourceFile());
                insert.setLong(8, run.seed());
                insert.setString(9, run.provenanceJson());
                insert.setLong(10, now);
                insert.setLong(11, now);
                insert.setLong(12, now);
                insert.executeUpdate();
            }
            RunParams.write(connection, id.id(), run.configJson());
            return id.id();
        });
    }

    @Override
    public void describeRun(String runId, NewRun run) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(run, "run");
        whileUnfinished(runId, "describe run " + runId, "", connection -> describe(connection, runId, run));
    }

    private static void describe(Connection connection, String runId, NewRun run) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE trial SET config_json = ?, overrides_json = ?, source_file = ?, seed = ?, provenance_json = ?
                WHERE id = ?""")) {
            update.setString(1, run.configJson());
            update.setString(2, run.overridesJson());
            update.setString(3, run.sourceFile());
            update.setLong(4, run.seed());
            update.setString(5, run.provenanceJson());
            update.setString(6, runId);
            update.executeUpdate();
        }
        RunParams.write(connection, runId, run.configJson());
    }

    @Override
    public void recordEpoch(String runId, int epoch, Map<String, Double> metrics) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(metrics, "metrics");
        EpochRecorder.checkArguments(runId, epoch, metrics);
        transaction("record epoch " + epoch + " of run " + runId, connection -> {
            EpochRecorder.record(connection, runId, epoch, metrics, clock.millis());
            return null;
        });
    }

    @Override
    public void finishRun(String runId, RunOutcome outcome) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(outcome, "outcome");
        whileUnfinished(runId, "record the end of run " + runId, "; its end is recorded once",
                connection -> finish(connection, runId, outcome));
    }

    /**
     * Locks the run's row and writes, in one transaction, unless the run has ended: then it throws,
     * "run R has already ended (status)" followed by {@code refusal}.
     */
    private void whileUnfinished(String runId, String action, String refusal, RowWrite write) {
        transaction(action, connection -> {
            RunStatus status = RunRows.lockStatus(connection, runId);
            if (status.isFinished()) {
                throw new IllegalStateException("run " + runId + " has already ended (" + status.label() + ")" + refusal);
            }
            write.run(connection);
            return null;
        });
    }

    private void finish(Connection connection, String runId, RunOutcome outcome) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE trial SET state = ?, ended_at = ?, result_json = ?, error = ?, test_accuracy = ?,
                                 test_loss = ?, state_reason = ?, heartbeat_at = NULL,
                                 lease_expires_at = NULL
                WHERE id = ?""")) {
            update.setString(1, outcome.status().label());
            update.setLong(2, clock.millis());
            update.setString(3, outcome.resultJson());
            update.setString(4, outcome.error());
            Jdbc.setDouble(update, 5, outcome.testAccuracy());
            Jdbc.setDouble(update, 6, outcome.testLoss());
            update.setString(7, Text.clip(outcome.reason(), 2000));
            update.setString(8, runId);
            update.executeUpdate();
        }
    }

    /** {@inheritDoc} A second artifact at the same path replaces the first (the file was rewritten). */
    @Override
    public void addArtifact(String runId, Artifact artifact) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(artifact, "artifact");
        transaction("record artifact " + artifact.relativePath() + " of run " + runId, connection -> {
            RunRows.status(connection, runId);
            addArtifact(connection, runId, artifact);
            return null;
        });
    }

    private void addArtifact(Connection connection, String runId, Artifact artifact) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement("""
                MERGE INTO artifact (trial_id, relative_path, kind, size_bytes, sha256, created_at)
                KEY (trial_id, relative_path) VALUES (?, ?, ?, ?, ?, ?)""")) {
            merge.setString(1, runId);
            merge.setString(2, artifact.relativePath());
            merge.setString(3, artifact.kind());
            merge.setLong(4, artifact.sizeBytes());
            merge.setString(5, artifact.sha256());
            merge.setLong(6, clock.millis());
            merge.executeUpdate();
        }
    }

    /**
     * {@inheritDoc} Each write locks the trial's row, checks the lease ({@link RunRows#lockLease})
     * and writes in the same transaction, so a worker whose trial was re-queued and claimed again
     * cannot slip an epoch or an end in before it learns of it.
     */
    @Override
    public TrialWriter writer(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        String runId = lease.runId();
        return new TrialWriter() {
            @Override
            public String runId() {
                return runId;
            }

            @Override
            public void describe(NewRun run) {
                Objects.requireNonNull(run, "run");
                leased("describe trial " + lease, connection -> H2RunStore.describe(connection, runId, run));
            }

            @Override
            public void recordEpoch(int epoch, Map<String, Double> metrics) {
                Objects.requireNonNull(metrics, "metrics");
                EpochRecorder.checkArguments(runId, epoch, metrics);
                leased("record epoch " + epoch + " of trial " + lease,
                        connection -> EpochRecorder.record(connection, runId, epoch, metrics, clock.millis()));
            }

            @Override
            public void recordBatches(List<org.cnnworkbench.engine.store.BatchPoint> points) {
                Objects.requireNonNull(points, "points");
                if (!points.isEmpty()) {
                    leased("record " + points.size() + " batch points of trial " + lease,
                            connection -> BatchMetrics.write(connection, runId, points));
                }
            }

            @Override
            public void finish(RunOutcome outcome) {
                Objects.requireNonNull(outcome, "outcome");
                leased("record the end of trial " + lease, connection -> H2RunStore.this.finish(connection, runId, outcome));
            }

            @Override
            public void addArtifact(Artifact artifact) {
                Objects.requireNonNull(artifact, "artifact");
                leased("record artifact " + artifact.relativePath() + " of trial " + lease,
                        connection -> H2RunStore.this.addArtifact(connection, runId, artifact));
            }

            private void leased(String action, RowWrite write) {
                transaction(action, connection -> {
                    RunRows.lockLease(connection, lease);
                    write.run(connection);
                    return null;
                });
            }
        };
    }

    /** One write of a run's row, inside the transaction that locked it (and checked its lease or that it has not ended). */
    @FunctionalInterface
    private interface RowWrite {
        void run(Connection connection) throws SQLException;
    }

    @Override
    public void tag(String runId, String key, String value) {
        Objects.requireNonNull(runId, "runId");
        if (key == null || !key.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new IllegalArgumentException("a tag key is 1-128 letters, digits, _ . : or -; found '" + key + "'");
        }
        if (value != null && value.length() > 4096) {
            throw new IllegalArgumentException("a tag value holds at most 4096 characters, found " + value.length());
        }
        transaction("tag run " + runId, connection -> {
            RunRows.status(connection, runId);
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO tag (entity_id, tag_key, tag_value) KEY (entity_id, tag_key) VALUES (?, ?, ?)")) {
                merge.setString(1, runId);
                merge.setString(2, key);
                merge.setString(3, value);
                merge.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean untag(String runId, String key) {
        Objects.requireNonNull(runId, "runId");
        return transaction("untag run " + runId, connection -> {
            RunRows.status(connection, runId);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM tag WHERE entity_id = ? AND tag_key = ?")) {
                delete.setString(1, runId);
                delete.setString(2, key);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<RunSummary> listRuns(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a runs list holds at least 0 runs, found limit " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return transaction("list runs", connection -> RunReader.newest(connection, limit, clock.millis()));
    }

    @Override
    public Optional<RunDetail> findRun(String runId) {
        Objects.requireNonNull(runId, "runId");
        return transaction("read run " + runId, connection -> RunReader.detail(connection, runId, clock.millis()));
    }

    @Override
    public List<EpochMetrics> epochs(String runId) {
        Objects.requireNonNull(runId, "runId");
        return transaction("read the epochs of run " + runId, connection -> RunReader.epochs(connection, runId));
    }

    @Override
    public void recordBatches(String runId, List<org.cnnworkbench.engine.store.BatchPoint> points) {
        Objects.requireNonNull(runId, "runId");
        if (points.isEmpty()) {
            return;
        }
        transaction("record " + points.size() + " batch points of run " + runId, connection -> {
            BatchMetrics.write(connection, runId, points);
            return null;
        });
    }

    @Override
    public Map<String, List<double[]>> batchCurves(String runId, List<String> keys) {
        Objects.requireNonNull(runId, "runId");
        return transaction("read the batch curves of run " + runId, connection -> BatchMetrics.read(connection, runId, keys));
    }

    /** Stops this store: later calls are refused. The database stays open. */
    @Override
    public void close() {
        closed = true;
    }

    private <T> T transaction(String action, SqlWork<T> work) {
        if (closed) {
            throw new IllegalStateException("the run store is closed; cannot " + action);
        }
        return database.inTransaction(action, work);
    }

}
