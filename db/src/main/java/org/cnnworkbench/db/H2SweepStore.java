package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepJob;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.SweepStore;
import org.cnnworkbench.engine.store.SweepSummary;
import org.cnnworkbench.engine.store.TrialEpochs;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.store.WorkerInfo;
import org.cnnworkbench.engine.store.WorkerRow;

/**
 * The engine's {@link SweepStore} on an {@link H2Database}, shared by the orchestrator and the
 * worker processes (through H2's TCP server). Claims are conditional updates
 * ({@code UPDATE ... WHERE state = 'queued'}, checked by their update count), never
 * {@code SELECT ... FROM FINAL TABLE (UPDATE ...)}, which H2 2.3 was measured to hand the same row
 * to two sessions; new configurations are added under a lock on the sweep's row.
 */
public final class H2SweepStore implements SweepStore {

    private static final int CLAIM_ATTEMPTS = 8;

    private final H2Database database;
    private final Clock clock;

    public H2SweepStore(H2Database database) {
        this(database, Clock.systemUTC());
    }

    public H2SweepStore(H2Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String createSweep(NewSweep sweep) {
        Objects.requireNonNull(sweep, "sweep");
        Experiments.checkName(sweep.experiment());
        return database.inTransaction("create a sweep of experiment '" + sweep.experiment() + "'", connection -> {
            long now = clock.millis();
            long experimentId = Experiments.idFor(connection, sweep.experiment(), now);
            EntityId id = EntityId.nextSweep(connection);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO sweep (id, id_seq, experiment_id, name, spec_json, strategy, pruner_json, objective_metric,
                                       direction, objective_over, state, seed, budget_trials, budget_minutes, parallelism,
                                       created_at, started_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, id.id());
                insert.setLong(2, id.seq());
                insert.setLong(3, experimentId);
                insert.setString(4, sweep.experiment());
                insert.setString(5, sweep.specJson());
                insert.setString(6, sweep.strategy());
                insert.setString(7, sweep.prunerJson());
                insert.setString(8, sweep.objectiveMetric());
                insert.setString(9, sweep.direction());
                insert.setString(10, sweep.objectiveOver());
                insert.setLong(11, sweep.seed());
                Jdbc.setInteger(insert, 12, sweep.budgetTrials());
                Jdbc.setInteger(insert, 13, sweep.budgetMinutes());
                insert.setInt(14, sweep.parallelism());
                insert.setLong(15, now);
                insert.setLong(16, now);
                insert.executeUpdate();
            }
            return id.id();
        });
    }

    @Override
    public void registerWorker(WorkerInfo worker) {
        database.inTransaction("register worker " + worker.id(), connection -> {
            long now = clock.millis();
            try (PreparedStatement merge = connection.prepareStatement("""
                    MERGE INTO worker (id, sweep_id, host, pid, device, threads, job_id, state, started_at, last_seen_at,
                                       trial_id, ended_at)
                    KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, NULL, NULL)""")) {
                merge.setString(1, worker.id());
                merge.setString(2, worker.sweepId());
                merge.setString(3, Text.clip(worker.host(), 255));
                merge.setLong(4, worker.pid());
                merge.setString(5, worker.device());
                merge.setInt(6, worker.threads());
                merge.setString(7, worker.jobId());
                merge.setLong(8, now);
                merge.setLong(9, now);
                merge.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void workerEnded(String workerId, boolean lost) {
        database.inTransaction("record the end of worker " + workerId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE worker SET state = ?, ended_at = ?, trial_id = NULL WHERE id = ? AND state = 'running'""")) {
                update.setString(1, lost ? "lost" : "exited");
                update.setLong(2, clock.millis());
                update.setString(3, workerId);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void recordJob(String sweepId, SweepJob job) {
        database.inTransaction("record job " + job.jobId() + " of sweep " + sweepId, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO sweep_job (sweep_id, launcher, job_id, tasks, submitted_at) VALUES (?, ?, ?, ?, ?)""")) {
                insert.setString(1, sweepId);
                insert.setString(2, job.launcher());
                insert.setString(3, job.jobId());
                insert.setInt(4, job.tasks());
                insert.setLong(5, job.submittedAt());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
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

    @Override
    public Claim claim(String sweepId, String workerId, SweepPlan plan, Configuration.Source source) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(source, "source");
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Claim claim = database.inTransaction("claim a trial of sweep " + sweepId,
                    connection -> claimOrAdd(connection, sweepId, workerId, plan, source));
            if (claim != null) {
                return claim;
            }
            // A queued trial was taken by someone who does not lock the sweep (none do today): try again.
        }
        return new Claim.Wait();
    }

    private Optional<ClaimedTrial> claimQueued(Connection connection, String sweepId, String workerId) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id FROM trial WHERE sweep_id = ? AND state = 'queued' ORDER BY number FETCH FIRST 4 ROWS ONLY""")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        long now = clock.millis();
        for (String id : candidates) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trial SET state = 'running', worker_id = ?, attempt = attempt + 1, heartbeat_at = ?,
                                     started_at = COALESCE(started_at, ?)
                    WHERE id = ? AND state = 'queued'""")) {
                update.setString(1, workerId);
                update.setLong(2, now);
                update.setLong(3, now);
                update.setString(4, id);
                if (update.executeUpdate() == 1) {
                    workerHolds(connection, workerId, id, now);
                    return Optional.of(claimed(connection, id));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * In one transaction, with the sweep's row locked (so claimers queue up behind each other): the
     * first queued trial (a re-queued one resumes), else the next configuration (its first trial
     * held by the worker); null when queued trials were all taken meanwhile.
     */
    private Claim claimOrAdd(Connection connection, String sweepId, String workerId, SweepPlan plan,
                             Configuration.Source source) throws SQLException {
        long experimentId;
        Long startedAt;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state, experiment_id, started_at FROM sweep WHERE id = ? FOR UPDATE")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw unknownSweep(sweepId);
                }
                SweepState state = SweepState.fromLabel(rs.getString(1));
                if (state.isFinished()) {
                    return new Claim.Done("sweep " + sweepId + " is " + state.label());
                }
                experimentId = rs.getLong(2);
                startedAt = Jdbc.getLong(rs, 3);
            }
        }
        Optional<ClaimedTrial> queued = claimQueued(connection, sweepId, workerId);
        if (queued.isPresent()) {
            return new Claim.Trial(queued.get());
        }
        Map<RunStatus, Integer> counts = counts(connection, sweepId);
        if (counts.getOrDefault(RunStatus.QUEUED, 0) > 0) {
            return null;
        }
        int next = nextConfiguration(connection, sweepId);
        boolean timeUp = plan.budgetMinutes() != null && startedAt != null
                && clock.millis() >= startedAt + plan.budgetMinutes() * 60_000L;
        Optional<Configuration> configuration = next >= plan.configurations() || timeUp ? Optional.empty()
                : source.next(next, finished(connection, sweepId));
        if (configuration.isEmpty()) {
            if (counts.getOrDefault(RunStatus.RUNNING, 0) > 0) {
                return new Claim.Wait();
            }
            return new Claim.Done(timeUp ? "the sweep's time budget (" + plan.budgetMinutes() + " min) is spent"
                    : "every configuration of the sweep has run");
        }
        Configuration config = configuration.get();
        long now = clock.millis();
        String first = null;
        for (int repeat = 0; repeat < plan.repeats(); repeat++) {
            EntityId id = EntityId.nextRun(connection);
            boolean held = repeat == 0;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO trial (id, id_seq, experiment_id, sweep_id, number, config_number, repeat_index, state, seed,
                                       worker_id, attempt, heartbeat_at, created_at, started_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, id.id());
                insert.setLong(2, id.seq());
                insert.setLong(3, experimentId);
                insert.setString(4, sweepId);
                insert.setInt(5, next * plan.repeats() + repeat);
                insert.setInt(6, next);
                insert.setInt(7, repeat);
                insert.setString(8, held ? "running" : "queued");
                insert.setLong(9, plan.baseSeed() + repeat);
                insert.setString(10, held ? workerId : null);
                insert.setInt(11, held ? 1 : 0);
                Jdbc.setLong(insert, 12, held ? now : null);
                insert.setLong(13, now);
                Jdbc.setLong(insert, 14, held ? now : null);
                insert.executeUpdate();
            }
            try (PreparedStatement param = connection.prepareStatement(
                    "INSERT INTO trial_param (trial_id, name, value_json, distribution_json, position) VALUES (?, ?, ?, ?, ?)")) {
                int position = 0;
                for (Map.Entry<String, String> p : config.params().entrySet()) {
                    param.setInt(5, position++);
                    param.setString(1, id.id());
                    param.setString(2, p.getKey());
                    param.setString(3, p.getValue());
                    param.setString(4, config.distributions().get(p.getKey()));
                    param.addBatch();
                }
                param.executeBatch();
            }
            if (held) {
                first = id.id();
            }
        }
        workerHolds(connection, workerId, first, now);
        return new Claim.Trial(claimed(connection, first));
    }

    private static int nextConfiguration(Connection connection, String sweepId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(config_number) + 1, 0) FROM trial WHERE sweep_id = ?")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Configurations whose trials have all ended and recorded an objective, with the mean over repeats. */
    private static List<Configuration.Finished> finished(Connection connection, String sweepId) throws SQLException {
        Map<Integer, double[]> sums = new TreeMap<>();
        Map<Integer, Boolean> pruned = new TreeMap<>();
        Map<Integer, Boolean> open = new TreeMap<>();
        Map<Integer, String> firstTrial = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id, config_number, state, objective FROM trial WHERE sweep_id = ? ORDER BY number""")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    int config = rs.getInt(2);
                    RunStatus status = RunStatus.fromLabel(rs.getString(3));
                    double objective = rs.getDouble(4);
                    boolean hasObjective = !rs.wasNull() && Double.isFinite(objective);
                    firstTrial.putIfAbsent(config, rs.getString(1));
                    double[] sum = sums.computeIfAbsent(config, c -> new double[2]);
                    if (!status.isFinished()) {
                        open.put(config, true);
                    } else if (hasObjective && (status == RunStatus.COMPLETED || status == RunStatus.PRUNED)) {
                        sum[0] += objective;
                        sum[1]++;
                    }
                    if (status == RunStatus.PRUNED) {
                        pruned.put(config, true);
                    }
                }
            }
        }
        List<Configuration.Finished> finished = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
            int config = e.getKey();
            if (open.containsKey(config) || e.getValue()[1] == 0) {
                continue;
            }
            finished.add(new Configuration.Finished(config, Map.of(), pruned.getOrDefault(config, false),
                    e.getValue()[0] / e.getValue()[1]));
        }
        if (finished.isEmpty()) {
            return finished;
        }
        // One query for every configuration's parameters (those of its first trial: all repeats share them).
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT p.trial_id, p.name, CAST(p.value_json AS VARCHAR(1000000)) FROM trial_param p JOIN trial t ON t.id = p.trial_id
                WHERE t.sweep_id = ? AND t.repeat_index = 0 ORDER BY p.trial_id, p.position""")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    params.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        List<Configuration.Finished> withParams = new ArrayList<>(finished.size());
        for (Configuration.Finished f : finished) {
            withParams.add(new Configuration.Finished(f.number(), params.getOrDefault(firstTrial.get(f.number()), Map.of()),
                    f.pruned(), f.objective()));
        }
        return withParams;
    }

    private void workerHolds(Connection connection, String workerId, String trialId, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE worker SET trial_id = ?, last_seen_at = ? WHERE id = ?")) {
            update.setString(1, trialId);
            update.setLong(2, now);
            update.setString(3, workerId);
            update.executeUpdate();
        }
    }

    private static ClaimedTrial claimed(Connection connection, String trialId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT number, config_number, repeat_index, seed, attempt, epochs FROM trial WHERE id = ?""")) {
            select.setString(1, trialId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new ClaimedTrial(trialId, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4),
                        params(connection, trialId), rs.getInt(5), rs.getInt(6));
            }
        }
    }

    // Parameter values are read as VARCHAR: over H2's TCP protocol every CLOB in a result is copied
    // into a temporary LOB on the client, which was a third of a worker's time per claim.
    private static Map<String, String> params(Connection connection, String trialId) throws SQLException {
        Map<String, String> params = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT name, CAST(value_json AS VARCHAR(1000000)) FROM trial_param WHERE trial_id = ? ORDER BY position")) {
            select.setString(1, trialId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    params.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return params;
    }

    @Override
    public Heartbeat heartbeat(String trialId, String workerId) {
        return database.inTransaction("heartbeat of trial " + trialId, connection -> {
            long now = clock.millis();
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE worker SET last_seen_at = ? WHERE id = ?")) {
                update.setLong(1, now);
                update.setString(2, workerId);
                update.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trial SET heartbeat_at = ? WHERE id = ? AND state = 'running'
                    AND (worker_id = ? OR (worker_id IS NULL AND sweep_id IS NULL))""")) {
                update.setLong(1, now);
                update.setString(2, trialId);
                update.setString(3, workerId);
                if (update.executeUpdate() == 1) {
                    return Heartbeat.OK;
                }
            }
            RunStatus status = RunRows.status(connection, trialId);
            return status == RunStatus.CANCELLED ? Heartbeat.CANCELLED : Heartbeat.LOST;
        });
    }

    @Override
    public int releaseWorkerTrials(String workerId, String reason, int maxAttempts) {
        return database.inTransaction("release the trials of worker " + workerId, connection ->
                release(connection, "SELECT id, attempt FROM trial WHERE worker_id = ? AND state = 'running' FOR UPDATE",
                        workerId, reason, maxAttempts));
    }

    @Override
    public int releaseStaleTrials(String sweepId, long staleMillis, int maxAttempts) {
        return database.inTransaction("release the stale trials of sweep " + sweepId, connection -> {
            long before = clock.millis() - staleMillis;
            List<String[]> stale = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, worker_id FROM trial WHERE sweep_id = ? AND state = 'running'
                    AND (heartbeat_at IS NULL OR heartbeat_at < ?)""")) {
                select.setString(1, sweepId);
                select.setLong(2, before);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        stale.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            int released = 0;
            for (String[] trial : stale) {
                String reason = staleMillis < 0
                        ? "its sweep process was interrupted; the trial resumes from its last checkpoint"
                        : "its worker " + (trial[1] == null ? "" : trial[1] + " ") + "stopped sending heartbeats for "
                        + staleMillis / 1000 + " s";
                released += releaseOne(connection, trial[0], reason, maxAttempts, before, staleMillis >= 0);
            }
            return released;
        });
    }

    private int release(Connection connection, String select, String key, String reason, int maxAttempts)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(select)) {
            query.setString(1, key);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        int released = 0;
        for (String id : ids) {
            released += releaseOne(connection, id, reason, maxAttempts, null, true);
        }
        return released;
    }

    /**
     * Re-queues one running trial, or fails it when it has used its attempts; conditional on it still
     * running. An attempt that did not fail ({@code counts} false: its sweep process was stopped) is
     * given back.
     */
    private int releaseOne(Connection connection, String trialId, String reason, int maxAttempts, Long staleBefore,
                           boolean counts) throws SQLException {
        int attempt;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT attempt FROM trial WHERE id = ? AND state = 'running' FOR UPDATE")) {
            select.setString(1, trialId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                attempt = rs.getInt(1);
            }
        }
        boolean fail = counts && attempt >= maxAttempts;
        String sql = fail
                ? "UPDATE trial SET state = 'failed', ended_at = ?, worker_id = NULL, heartbeat_at = NULL, state_reason = ?, "
                + "error = COALESCE(error, ?) WHERE id = ? AND state = 'running'"
                : "UPDATE trial SET state = 'queued', worker_id = NULL, heartbeat_at = NULL, state_reason = ?"
                + (counts ? "" : ", attempt = GREATEST(attempt - 1, 0)") + " WHERE id = ? AND state = 'running'";
        if (staleBefore != null) {
            sql += " AND (heartbeat_at IS NULL OR heartbeat_at < " + staleBefore + ")";
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 1;
            if (fail) {
                update.setLong(i++, clock.millis());
                String text = reason + "; failed after " + attempt + " attempt" + (attempt == 1 ? "" : "s")
                        + " (max_attempts " + maxAttempts + ")";
                update.setString(i++, Text.clip(text, 2000));
                update.setString(i++, text);
            } else {
                update.setString(i++, Text.clip(reason + (counts ? "; re-queued after attempt " + attempt : ""), 2000));
            }
            update.setString(i, trialId);
            return update.executeUpdate();
        }
    }

    @Override
    public boolean requeue(String trialId, String workerId, String reason) {
        return database.inTransaction("re-queue trial " + trialId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trial SET state = 'queued', worker_id = NULL, heartbeat_at = NULL, state_reason = ?,
                                     attempt = GREATEST(attempt - 1, 0)
                    WHERE id = ? AND worker_id = ? AND state = 'running'""")) {
                update.setString(1, Text.clip(reason, 2000));
                update.setString(2, trialId);
                update.setString(3, workerId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean cancel(String id, String reason) {
        return database.inTransaction("cancel " + id, connection -> {
            long now = clock.millis();
            if (id.startsWith(EntityId.SWEEP_PREFIX)) {
                SweepState state = sweepState(connection, id, true);
                if (state.isFinished()) {
                    return false;
                }
                try (PreparedStatement update = connection.prepareStatement("""
                        UPDATE trial SET state = 'cancelled', ended_at = ?, heartbeat_at = NULL, state_reason = ?
                        WHERE sweep_id = ? AND state IN ('queued', 'running')""")) {
                    update.setLong(1, now);
                    update.setString(2, Text.clip(reason, 2000));
                    update.setString(3, id);
                    update.executeUpdate();
                }
                updateSweep(connection, id, SweepState.CANCELLED, reason, now);
                return true;
            }
            RunStatus status = RunRows.lockStatus(connection, id);
            if (status.isFinished()) {
                return false;
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE trial SET state = 'cancelled', ended_at = ?, heartbeat_at = NULL, state_reason = ?
                    WHERE id = ? AND state IN ('queued', 'running')""")) {
                update.setLong(1, now);
                update.setString(2, Text.clip(reason, 2000));
                update.setString(3, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void setSweepState(String sweepId, SweepState state, String reason) {
        database.inTransaction("set the state of sweep " + sweepId, connection -> {
            sweepState(connection, sweepId, true);
            updateSweep(connection, sweepId, state, reason, clock.millis());
            return null;
        });
    }

    private static void updateSweep(Connection connection, String sweepId, SweepState state, String reason, long now)
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

    @Override
    public boolean completeIfDone(String sweepId, SweepPlan plan) {
        return database.inTransaction("complete sweep " + sweepId, connection -> {
            Long startedAt;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, started_at FROM sweep WHERE id = ? FOR UPDATE")) {
                select.setString(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw unknownSweep(sweepId);
                    }
                    if (SweepState.fromLabel(rs.getString(1)).isFinished()) {
                        return false;
                    }
                    startedAt = Jdbc.getLong(rs, 2);
                }
            }
            Map<RunStatus, Integer> counts = counts(connection, sweepId);
            if (counts.getOrDefault(RunStatus.QUEUED, 0) + counts.getOrDefault(RunStatus.RUNNING, 0) > 0) {
                return false;
            }
            boolean timeUp = plan.budgetMinutes() != null && startedAt != null
                    && clock.millis() >= startedAt + plan.budgetMinutes() * 60_000L;
            if (!timeUp && nextConfiguration(connection, sweepId) < plan.configurations()) {
                return false;
            }
            updateSweep(connection, sweepId, SweepState.COMPLETED, timeUp ? "time budget spent" : "all trials ended",
                    clock.millis());
            return true;
        });
    }

    @Override
    public List<TrialEpochs> sweepEpochs(String sweepId, String runId, java.util.Set<String> ownKeys,
                                         java.util.Set<String> otherKeys, int upToEpoch) {
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

    @Override
    public List<SweepSummary> listSweeps(int limit) {
        return database.inTransaction("list sweeps", connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM sweep ORDER BY created_at DESC, id_seq DESC FETCH FIRST ? ROWS ONLY")) {
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

    @Override
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
                Map<RunStatus, Integer> counts = counts(connection, sweepId);
                boolean maximize = "maximize".equals(rs.getString(6));
                Object[] best = best(connection, sweepId, maximize);
                return Optional.of(new SweepSummary(rs.getString(1), rs.getString(2), SweepState.fromLabel(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Jdbc.getInteger(rs, 8),
                        Jdbc.getInteger(rs, 9), rs.getInt(10), counts, (Double) best[0], (String) best[1], rs.getLong(11),
                        Jdbc.getLong(rs, 12), Jdbc.getLong(rs, 13), rs.getString(14)));
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
                            params.getOrDefault(id, Map.of()), rs.getInt(6), Jdbc.getDouble(rs, 7), rs.getInt(8),
                            rs.getString(9), Jdbc.getLong(rs, 10), rs.getString(11), Jdbc.getLong(rs, 12),
                            Jdbc.getLong(rs, 13)));
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

    private static Map<RunStatus, Integer> counts(Connection connection, String sweepId) throws SQLException {
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

    private static SweepState sweepState(Connection connection, String sweepId, boolean lock) throws SQLException {
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

    private static IllegalArgumentException unknownSweep(String sweepId) {
        return new IllegalArgumentException("no sweep with id '" + sweepId + "' in this workbench");
    }





}
