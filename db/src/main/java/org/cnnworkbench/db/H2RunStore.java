package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.LeaseHeldException;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunStore;
import org.cnnworkbench.engine.store.RunSummary;
import org.cnnworkbench.engine.store.TransientFailures;
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
public final class H2RunStore extends H2Access implements RunStore {

    private final H2RunControl control;
    private final Duration retryBound;
    private volatile boolean closed;

    /** A store on {@code database} that stamps times from the system clock (UTC). */
    public H2RunStore(H2Database database) {
        this(database, Clock.systemUTC());
    }

    /** A store on {@code database} that stamps times from {@code clock}, e.g. a fixed clock in tests. */
    public H2RunStore(H2Database database, Clock clock) {
        this(database, clock, TransientFailures.DEFAULT_BOUND);
    }

    /**
     * A store whose trial writes ({@link #writer}) try again after a transient failure
     * ({@link TransientFailures}: a broken connection, a restarted {@code db serve}, a lock timeout) for
     * at most {@code retryBound} before they fail.
     */
    public H2RunStore(H2Database database, Clock clock, Duration retryBound) {
        super(database, clock);
        this.retryBound = Objects.requireNonNull(retryBound, "retryBound");
        if (retryBound.isNegative()) {
            throw new IllegalArgumentException("a retry bound is 0 or more, found " + retryBound);
        }
        this.control = new H2RunControl(database, clock);
    }

    @Override
    public Heartbeat heartbeatRun(String runId, java.time.Duration interval) {
        return control.heartbeatRun(runId, interval);
    }

    @Override
    public Heartbeat heartbeatRun(Lease lease, Duration interval) {
        return control.heartbeatRun(lease, interval);
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
        return insertRun(run, null, null);
    }

    @Override
    public Lease startRun(NewRun run, String owner, Duration heartbeat) {
        checkOwner(owner);
        Objects.requireNonNull(heartbeat, "heartbeat");
        Lease.expiresAt(0, heartbeat);
        return new Lease(insertRun(run, owner, heartbeat), owner, 1);
    }

    private static void checkOwner(String owner) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank() || owner.length() > 128) {
            throw new IllegalArgumentException("a run's owner is 1-128 characters, found '" + owner + "'");
        }
    }

    /** Inserts a running run; with an owner, held by it as attempt 1 with a lease for {@code heartbeat}. */
    private String insertRun(NewRun run, String owner, Duration heartbeat) {
        Objects.requireNonNull(run, "run");
        Experiments.checkName(run.experiment());
        return transaction("start a run of experiment '" + run.experiment() + "'", connection -> {
            long now = clock.millis();
            long experimentId = Experiments.idFor(connection, run.experiment(), now);
            EntityId id = EntityId.nextRun(connection);
            Jdbc.update(connection, """
                    INSERT INTO trial (id, id_seq, experiment_id, state, config_json, overrides_json, source_file,
                                       seed, provenance_json, created_at, started_at, heartbeat_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id.id(), id.seq(), experimentId, RunStatus.RUNNING.label(), run.configJson(), run.overridesJson(),
                    run.sourceFile(), run.seed(), run.provenanceJson(), now, now, now);
            RunParams.write(connection, id.id(), run.configJson());
            RunSearch.refresh(connection, id.id());
            if (owner != null) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE trial SET run_owner = ?, attempt = 1, lease_expires_at = ? WHERE id = ?")) {
                    update.setString(1, owner);
                    update.setLong(2, Lease.expiresAt(now, heartbeat));
                    update.setString(3, id.id());
                    update.executeUpdate();
                }
            }
            return id.id();
        });
    }

    @Override
    public Lease takeOver(String runId, String owner, Duration heartbeat) {
        Objects.requireNonNull(runId, "runId");
        checkOwner(owner);
        Lease.expiresAt(0, heartbeat);
        return transaction("take over run " + runId + " for " + owner, connection -> {
            long now = clock.millis();
            int attempt;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, sweep_id, run_owner, attempt, lease_expires_at FROM trial WHERE id = ? FOR UPDATE")) {
                select.setString(1, runId);
                try (java.sql.ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw RunRows.unknown(runId);
                    }
                    RunStatus status = RunStatus.fromLabel(rs.getString(1));
                    if (status.isFinished()) {
                        throw new IllegalStateException("run " + runId + " has already ended (" + status.label() + ")");
                    }
                    if (rs.getString(2) != null) {
                        throw new IllegalStateException("run " + runId + " is a trial of sweep " + rs.getString(2)
                                + "; its sweep's workers claim it, it is not taken over alone");
                    }
                    String holder = rs.getString(3);
                    attempt = rs.getInt(4);
                    long expires = rs.getLong(5);
                    if (!rs.wasNull() && expires >= now) {
                        throw new LeaseHeldException(runId, holder, expires);
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trial SET run_owner = ?, attempt = ?, heartbeat_at = ?, lease_expires_at = ?, state = 'running'
                    WHERE id = ?""")) {
                update.setString(1, owner);
                update.setInt(2, attempt + 1);
                update.setLong(3, now);
                update.setLong(4, Lease.expiresAt(now, heartbeat));
                update.setString(5, runId);
                update.executeUpdate();
            }
            return new Lease(runId, owner, attempt + 1);
        });
    }

    @Override
    public void describeRun(String runId, NewRun run) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(run, "run");
        update("describe run " + runId, connection -> describeRunning(connection, runId, run));
    }

    /** Describes the run, refusing one that has ended; its row locked. */
    private static void describeRunning(Connection connection, String runId, NewRun run) throws SQLException {
        RunStatus status = RunRows.lockStatus(connection, runId);
        if (status.isFinished()) {
            throw new IllegalStateException("run " + runId + " has already ended (" + status.label() + ")");
        }
        describe(connection, runId, run);
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
        // A lock timeout or deadlock (two writers of the run at once, under load) rolled the try back: tried again
        // it records the epoch, or finds it recorded by the other writer and is refused as any second write is.
        TransientFailures.retry(retryBound, TransientFailures.SILENT,
                e -> e instanceof StoreException store && Retry.isTransient(store), attempt ->
                transaction("record epoch " + epoch + " of run " + runId, connection -> {
                    EpochRecorder.record(connection, runId, epoch, metrics, clock.millis(), false);
                    return null;
                }));
    }

    @Override
    public void finishRun(String runId, RunOutcome outcome) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(outcome, "outcome");
        update("record the end of run " + runId, connection -> finishRunning(connection, runId, outcome));
    }

    /** Records the run's end, refusing one that has ended already; its row locked. */
    private void finishRunning(Connection connection, String runId, RunOutcome outcome) throws SQLException {
        RunStatus status = RunRows.lockStatus(connection, runId);
        if (status.isFinished()) {
            throw new IllegalStateException("run " + runId + " has already ended (" + status.label()
                    + "); its end is recorded once");
        }
        finish(connection, runId, outcome, clock.millis());
    }

    /** Writes the run's end: its state, end time, results, no heartbeat or lease. */
    private static void finish(Connection connection, String runId, RunOutcome outcome, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE trial SET state = ?, ended_at = ?, result_json = ?, error = ?, test_accuracy = ?,
                                 test_loss = ?, state_reason = ?, heartbeat_at = NULL,
                                 lease_expires_at = NULL
                WHERE id = ?""")) {
            update.setString(1, outcome.status().label());
            update.setLong(2, now);
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
        update("record artifact " + artifact.relativePath() + " of run " + runId, connection -> {
            RunRows.status(connection, runId);
            addArtifact(connection, runId, artifact);
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
     * {@inheritDoc} Each write is tried again after a transient failure, as {@link #writer(Lease)}'s are;
     * an epoch found recorded with the same values by a retry (its first try committed, the answer was
     * lost) counts as recorded.
     */
    @Override
    public TrialWriter writer(String runId) {
        Objects.requireNonNull(runId, "runId");
        return new Writer(runId, null);
    }

    /**
     * {@inheritDoc} Each write locks the trial's row, checks the lease ({@link RunRows#lockLease})
     * and writes in the same transaction, so a worker whose trial was re-queued and claimed again
     * cannot slip an epoch or an end in before it learns of it. A write that fails for a transient
     * reason is tried again (the lease is checked again each time) for at most the store's retry bound.
     */
    @Override
    public TrialWriter writer(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        return new Writer(lease.runId(), lease);
    }

    /**
     * Runs one write, trying it again after a transient failure for at most the store's retry bound;
     * {@code write} gets the number of the try (1 for the first).
     */
    private void retrying(java.util.function.IntConsumer write) {
        TransientFailures.retry(retryBound, TransientFailures.SILENT, attempt -> {
            write.accept(attempt);
            return null;
        });
    }

    /**
     * The writes of one run, each in its own transaction and retried after transient failures: with a lease,
     * fenced by it (the row locked and checked first); without, as the {@link RunStore} method of the same name.
     */
    private final class Writer implements TrialWriter {
        private final String runId;
        private final Lease lease;
        private final String name;

        Writer(String runId, Lease lease) {
            this.runId = runId;
            this.lease = lease;
            this.name = lease == null ? runId : lease.toString();
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public void describe(NewRun run) {
            Objects.requireNonNull(run, "run");
            write("describe run " + name, connection -> describeRunning(connection, runId, run));
        }

        @Override
        public void recordEpoch(int epoch, Map<String, Double> metrics) {
            Objects.requireNonNull(metrics, "metrics");
            EpochRecorder.checkArguments(runId, epoch, metrics);
            // Under a lease a repeated write with the same values is a success; without, only a retry's.
            retrying(attempt -> inTransaction("record epoch " + epoch + " of run " + name, connection ->
                    EpochRecorder.record(connection, runId, epoch, metrics, clock.millis(), lease != null || attempt > 1)));
        }

        @Override
        public void recordBatches(List<org.cnnworkbench.engine.store.BatchPoint> points) {
            Objects.requireNonNull(points, "points");
            if (!points.isEmpty()) {
                write("record " + points.size() + " batch points of run " + name, connection -> BatchMetrics.write(connection, runId, points));
            }
        }

        @Override
        public void finish(RunOutcome outcome) {
            Objects.requireNonNull(outcome, "outcome");
            write("record the end of run " + name, connection -> finishRunning(connection, runId, outcome));
        }

        @Override
        public void addArtifact(Artifact artifact) {
            Objects.requireNonNull(artifact, "artifact");
            write("record artifact " + artifact.relativePath() + " of run " + name, connection -> {
                RunRows.status(connection, runId);
                H2RunStore.this.addArtifact(connection, runId, artifact);
            });
        }

        private void write(String action, RowWrite write) {
            retrying(attempt -> inTransaction(action, write));
        }

        /** One transaction: the lease checked with the row locked first, when there is one. */
        private void inTransaction(String action, RowWrite write) {
            update(action, connection -> {
                if (lease != null) {
                    RunRows.lockLease(connection, lease);
                }
                write.run(connection);
            });
        }
    }

    /** One write of a run, inside the transaction that checked its lease (if it has one). */
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
        update("tag run " + runId, connection -> {
            RunRows.status(connection, runId);
            Jdbc.update(connection, "MERGE INTO tag (entity_id, tag_key, tag_value) KEY (entity_id, tag_key) VALUES (?, ?, ?)",
                    runId, key, value);
            RunSearch.refresh(connection, runId);
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
                boolean removed = delete.executeUpdate() > 0;
                RunSearch.refresh(connection, runId);
                return removed;
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
        update("record " + points.size() + " batch points of run " + runId, connection -> BatchMetrics.write(connection, runId, points));
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

    /** A transaction that writes and returns nothing. */
    private void update(String action, RowWrite write) {
        transaction(action, connection -> {
            write.run(connection);
            return null;
        });
    }

    private <T> T transaction(String action, SqlWork<T> work) {
        if (closed) {
            throw new IllegalStateException("the run store is closed; cannot " + action);
        }
        return database.inTransaction(action, work);
    }

}
