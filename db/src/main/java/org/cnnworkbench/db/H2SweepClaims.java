package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.h2.api.ErrorCode;

/**
 * Claims: a worker gets the first queued trial of a sweep (a re-queued one resumes), else the next
 * configuration from the strategy while the budget lasts. Claims are conditional updates
 * ({@code UPDATE ... WHERE state = 'queued'}, checked by their update count), never
 * {@code SELECT ... FROM FINAL TABLE (UPDATE ...)}, which H2 2.3 was measured to hand the same row
 * to two sessions. The strategy samples a new configuration outside any transaction; its trials are
 * then inserted under the sweep's row lock (held for the inserts only) and the unique constraints on
 * (sweep, number), so two claimers never add the same configuration.
 */
final class H2SweepClaims {

    private final H2Database database;
    private final Clock clock;

    H2SweepClaims(H2Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
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
                    H2WorkerRegistry.holds(connection, workerId, id, now);
                    return Optional.of(claimed(connection, id));
                }
            }
        }
        return Optional.empty();
    }

    /** Conflicts (another claimer added the same configuration first) tried again before answering "wait". */
    private static final int CLAIM_ATTEMPTS = 16;
    /** Lock timeouts and deadlocks tried again, with a growing pause, before answering "wait". */
    private static final int LOCK_RETRIES = 8;
    private static final long FIRST_BACKOFF_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    private static final long FIRST_CONFLICT_PAUSE_MILLIS = 2;
    private static final long MAX_CONFLICT_PAUSE_MILLIS = 50;

    /**
     * The first queued trial, else a new configuration: the strategy samples it outside any
     * transaction (no lock is held while it runs), and its trials are then inserted under the sweep's
     * row lock, which is held only for the inserts. Two claimers that sampled the same configuration
     * number meet the unique constraints on (sweep, number); the loser tries again. A lock timeout or
     * deadlock is retried with a growing pause; when the retries are spent the answer is
     * {@link Claim.Wait} (the worker waits and asks again), never an exception that ends the worker.
     */
    public Claim claim(String sweepId, String workerId, SweepPlan plan, Configuration.Source source) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(source, "source");
        int conflicts = 0;
        int lockFailures = 0;
        while (conflicts < CLAIM_ATTEMPTS) {
            Claim claim;
            try {
                claim = claimOnce(sweepId, workerId, plan, source);
            } catch (StoreException e) {
                if (!Retry.isTransient(e) || ++lockFailures > LOCK_RETRIES) {
                    if (Retry.isTransient(e)) {
                        return new Claim.Wait();
                    }
                    throw e;
                }
                Retry.pause(lockFailures, FIRST_BACKOFF_MILLIS, MAX_BACKOFF_MILLIS);
                continue;
            }
            if (claim != null) {
                return claim;
            }
            // Claimers that read the same next number collide again unless they spread out.
            Retry.pause(++conflicts, FIRST_CONFLICT_PAUSE_MILLIS, MAX_CONFLICT_PAUSE_MILLIS);
        }
        return new Claim.Wait();
    }

    /** What a claimer read before sampling a new configuration. */
    private record Snapshot(long experimentId, int next, int running, List<Configuration.Finished> finished) {
    }

    /** One try: a claim, or null when another claimer got there first (a queued trial, a configuration number). */
    private Claim claimOnce(String sweepId, String workerId, SweepPlan plan, Configuration.Source source) {
        Object read = database.inTransaction("claim a trial of sweep " + sweepId,
                connection -> claimQueuedOrRead(connection, sweepId, workerId, plan));
        if (!(read instanceof Snapshot snapshot)) {
            return (Claim) read;
        }
        // The strategy runs here, outside any transaction: other claimers and the orchestrator are not held up.
        Optional<Configuration> configuration = source.next(snapshot.next(), snapshot.finished());
        if (configuration.isEmpty()) {
            return snapshot.running() > 0 ? new Claim.Wait() : new Claim.Done("every configuration of the sweep has run");
        }
        try {
            return database.inTransaction("add configuration " + snapshot.next() + " to sweep " + sweepId,
                    connection -> add(connection, sweepId, workerId, plan, snapshot, configuration.get()));
        } catch (StoreException e) {
            if (e.errorCode() == ErrorCode.DUPLICATE_KEY_1) {
                return null;   // another claimer added this configuration first
            }
            throw e;
        }
    }

    /**
     * Without locking the sweep: {@link Claim.Done} when it has ended, the first queued trial
     * (claimed by a conditional update), {@link Claim.Wait} or {@link Claim.Done} when the budget is
     * spent, else what the strategy needs to sample the next configuration; null when queued trials
     * were all taken meanwhile.
     */
    private Object claimQueuedOrRead(Connection connection, String sweepId, String workerId, SweepPlan plan)
            throws SQLException {
        long experimentId;
        Long startedAt;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state, experiment_id, started_at FROM sweep WHERE id = ?")) {
            select.setString(1, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw SweepRows.unknownSweep(sweepId);
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
        Map<RunStatus, Integer> counts = SweepRows.counts(connection, sweepId);
        if (counts.getOrDefault(RunStatus.QUEUED, 0) > 0) {
            return null;
        }
        int running = counts.getOrDefault(RunStatus.RUNNING, 0);
        int next = SweepRows.nextConfiguration(connection, sweepId);
        boolean timeUp = plan.budgetMinutes() != null && startedAt != null
                && clock.millis() >= startedAt + plan.budgetMinutes() * 60_000L;
        if (next >= plan.configurations() || timeUp) {
            if (running > 0) {
                return new Claim.Wait();
            }
            return new Claim.Done(timeUp ? "the sweep's time budget (" + plan.budgetMinutes() + " min) is spent"
                    : "every configuration of the sweep has run");
        }
        return new Snapshot(experimentId, next, running, finished(connection, sweepId));
    }

    /**
     * Inserts the sampled configuration's trials (the first held by the worker), with the sweep's row
     * locked only for these inserts, so a cancel cannot pass them; a configuration number another
     * claimer took meanwhile fails on the unique constraints and the whole transaction rolls back.
     */
    private Claim add(Connection connection, String sweepId, String workerId, SweepPlan plan, Snapshot snapshot,
                      Configuration config) throws SQLException {
        SweepState state = SweepRows.sweepState(connection, sweepId, true);
        if (state.isFinished()) {
            return new Claim.Done("sweep " + sweepId + " is " + state.label());
        }
        int next = snapshot.next();
        long experimentId = snapshot.experimentId();
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
        H2WorkerRegistry.holds(connection, workerId, first, now);
        return new Claim.Trial(claimed(connection, first));
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
}
