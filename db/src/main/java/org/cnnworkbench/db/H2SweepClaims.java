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
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.h2.api.ErrorCode;

/**
 * Claims: a worker gets the first queued trial of a sweep (a re-queued one resumes), else the next
 * configuration from the strategy while the budget lasts. Claims are conditional updates
 * ({@code UPDATE ... WHERE state = 'queued'}, checked by their update count), never
 * {@code SELECT ... FROM FINAL TABLE (UPDATE ...)}, which H2 2.3 was measured to hand the same row
 * to two sessions. A new configuration is reserved first: under the sweep's row lock, in a short
 * transaction, the worker's trial for the next configuration number is inserted running without a
 * seed or parameters (the unique constraints on (sweep, number) back the lock). The strategy then
 * samples that number outside any transaction, and a second short transaction writes the
 * parameters, the seed and the other repeats. A trial without a seed is such an unwritten
 * reservation: whoever holds it next (after a release re-queued it) samples it.
 */
final class H2SweepClaims extends H2Access {

    H2SweepClaims(H2Database database, Clock clock) {
        super(database, clock);
    }

    /** The first queued trial the worker could take (by a conditional update), now running and held by it. */
    private Optional<String> claimQueued(Connection connection, String sweepId, String workerId) throws SQLException {
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
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    /** Tries that found the queued trials or this worker's reservation taken by another before answering "wait". */
    private static final int CLAIM_ATTEMPTS = 16;
    /** Lock timeouts and deadlocks tried again, with a growing pause, before answering "wait". */
    private static final int LOCK_RETRIES = 8;
    private static final long FIRST_BACKOFF_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    private static final long FIRST_CONFLICT_PAUSE_MILLIS = 2;
    private static final long MAX_CONFLICT_PAUSE_MILLIS = 50;

    /**
     * The first queued trial, else a new configuration in three steps: a short transaction under the
     * sweep's row lock reserves the next configuration number for this worker (its first trial is
     * inserted running, held by the worker, without a seed or parameters), the strategy samples that
     * number outside any transaction, and a second short transaction writes the parameters, the seed
     * and the configuration's other repeats. Each claimer gets its own number at once, so claimers do
     * not sample the same number and collide. A reservation whose worker dies before it is written is
     * an ordinary running trial: the stale or dead worker release re-queues it, and whoever claims it
     * samples its configuration. A lock timeout or deadlock is retried with a growing pause; when the
     * retries are spent the answer is {@link Claim.Wait} (the worker waits and asks again), never an
     * exception that ends the worker.
     */
    public Claim claim(String sweepId, String workerId, SweepPlan plan, Configuration.Source source,
                       java.time.Duration heartbeat) {
        Objects.requireNonNull(plan, "plan");
        Lease.expiresAt(0, heartbeat);
        Objects.requireNonNull(source, "source");
        int conflicts = 0;
        int lockFailures = 0;
        while (conflicts < CLAIM_ATTEMPTS) {
            Claim claim;
            try {
                claim = claimOnce(sweepId, workerId, plan, source, heartbeat);
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
            Retry.pause(++conflicts, FIRST_CONFLICT_PAUSE_MILLIS, MAX_CONFLICT_PAUSE_MILLIS);
        }
        return new Claim.Wait();
    }

    /**
     * A trial this worker holds whose configuration is still to be sampled (it has no seed yet), and
     * what the strategy needs to sample it.
     */
    private record Reserved(String trialId, int configNumber, long experimentId, List<Configuration.Finished> finished) {
    }

    /** One try: a claim, or null when another claimer got there first (a queued trial, this worker's reservation). */
    private Claim claimOnce(String sweepId, String workerId, SweepPlan plan, Configuration.Source source,
                            java.time.Duration heartbeat) {
        Object step;
        try {
            step = database.inTransaction("claim a trial of sweep " + sweepId,
                    connection -> claimOrReserve(connection, sweepId, workerId, plan, heartbeat));
        } catch (StoreException e) {
            if (e.errorCode() == ErrorCode.DUPLICATE_KEY_1) {
                // The sweep's row lock should keep numbers apart; under load H2 was seen to let a claimer
                // read the next number without another's reservation committed just before. The unique
                // constraints refuse the second; it tries again (nothing was sampled yet).
                return null;
            }
            throw e;
        }
        if (!(step instanceof Reserved reserved)) {
            return (Claim) step;
        }
        // The strategy runs here, outside any transaction: other claimers and the orchestrator are not held up.
        Optional<Configuration> configuration = source.next(reserved.configNumber(), reserved.finished());
        if (configuration.isEmpty()) {
            return database.inTransaction("give back configuration " + reserved.configNumber() + " of sweep " + sweepId,
                    connection -> giveBack(connection, sweepId, workerId, reserved));
        }
        return database.inTransaction("write configuration " + reserved.configNumber() + " of sweep " + sweepId,
                connection -> write(connection, sweepId, workerId, plan, reserved, configuration.get()));
    }

    /**
     * {@link Claim.Done} when the sweep has ended; this worker's own unwritten reservation (a claim
     * that failed after reserving) or the first queued trial (claimed by a conditional update), as a
     * {@link Reserved} when its configuration is still to be sampled; {@link Claim.Wait} or
     * {@link Claim.Done} when the budget is spent; else a new reservation. Null when queued trials
     * were all taken meanwhile. Only the reservation locks the sweep's row.
     */
    private Object claimOrReserve(Connection connection, String sweepId, String workerId, SweepPlan plan,
                                  java.time.Duration heartbeat) throws SQLException {
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
                if (state.closedToClaims()) {
                    return new Claim.Done("sweep " + sweepId + " is " + state.label());
                }
                experimentId = rs.getLong(2);
                startedAt = rs.getObject(3, Long.class);
            }
        }
        Optional<String> own = unsampledHeldBy(connection, sweepId, workerId);
        if (own.isEmpty()) {
            own = claimQueued(connection, sweepId, workerId);
            if (own.isPresent()) {
                startLease(connection, own.get(), heartbeat);
            }
            if (own.isPresent() && !unsampled(connection, own.get())) {
                return new Claim.Trial(claimed(connection, own.get()));
            }
        }
        if (own.isPresent()) {
            return new Reserved(own.get(), configNumber(connection, own.get()), experimentId, finished(connection, sweepId));
        }
        Map<RunStatus, Integer> counts = SweepRows.counts(connection, sweepId);
        if (counts.getOrDefault(RunStatus.QUEUED, 0) > 0) {
            return null;
        }
        Claim spent = budgetSpent(connection, sweepId, plan, startedAt, counts);
        if (spent != null) {
            return spent;
        }
        List<Configuration.Finished> finished = finished(connection, sweepId);
        // From here to the commit the sweep's row is locked: the number and the budget are decided under it.
        SweepState state = SweepRows.sweepState(connection, sweepId, true);
        if (state.closedToClaims()) {
            return new Claim.Done("sweep " + sweepId + " is " + state.label());
        }
        counts = SweepRows.counts(connection, sweepId);
        spent = budgetSpent(connection, sweepId, plan, startedAt, counts);
        if (spent != null) {
            return spent;
        }
        int next = SweepRows.nextConfiguration(connection, sweepId);
        long now = clock.millis();
        String id = insertTrial(connection, experimentId, sweepId, plan, next, 0, null, workerId, now);
        H2WorkerRegistry.holds(connection, workerId, id, now);
        startLease(connection, id, heartbeat);
        return new Reserved(id, next, experimentId, finished);
    }

    /**
     * Records the lease of a trial just claimed: it expires {@link Lease#expiresAt} of the claim's time and the
     * worker's heartbeat interval, so that a worker that dies before its first heartbeat is judged by its own
     * interval, like one that dies later.
     */
    private void startLease(Connection connection, String trialId, java.time.Duration heartbeat) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE trial SET lease_expires_at = ? WHERE id = ?")) {
            update.setLong(1, Lease.expiresAt(clock.millis(), heartbeat));
            update.setString(2, trialId);
            update.executeUpdate();
        }
    }

    /** {@link Claim.Wait} or {@link Claim.Done} when no configuration may be added (count or time budget), else null. */
    private Claim budgetSpent(Connection connection, String sweepId, SweepPlan plan, Long startedAt,
                              Map<RunStatus, Integer> counts) throws SQLException {
        String spent = SweepRows.budgetSpent(connection, sweepId, plan, startedAt, clock.millis());
        if (spent == null) {
            return null;
        }
        if (counts.getOrDefault(RunStatus.RUNNING, 0) > 0) {
            return new Claim.Wait();
        }
        return new Claim.Done(spent);
    }

    /** The running trial of the sweep this worker holds whose configuration it reserved but did not write. */
    private static Optional<String> unsampledHeldBy(Connection connection, String sweepId, String workerId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id FROM trial WHERE worker_id = ? AND state = 'running' AND sweep_id = ? AND seed IS NULL
                FETCH FIRST 1 ROW ONLY""")) {
            select.setString(1, workerId);
            select.setString(2, sweepId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether the trial is a reservation whose configuration has not been written yet (its seed is set with it). */
    private static boolean unsampled(Connection connection, String trialId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT seed FROM trial WHERE id = ?")) {
            select.setString(1, trialId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getObject(1, Long.class) == null;
            }
        }
    }

    private static int configNumber(Connection connection, String trialId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT config_number FROM trial WHERE id = ?")) {
            select.setString(1, trialId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Writes the sampled configuration of this worker's reservation: its parameters and seed, and the
     * configuration's other repeats as queued trials, with the sweep's row locked so a cancel cannot
     * pass them. Null when the worker no longer holds the reservation (it was released meanwhile).
     */
    private Claim write(Connection connection, String sweepId, String workerId, SweepPlan plan, Reserved reserved,
                        Configuration config) throws SQLException {
        SweepState state = SweepRows.sweepState(connection, sweepId, true);
        if (state.closedToClaims()) {
            return new Claim.Done("sweep " + sweepId + " is " + state.label());
        }
        if (!holdsUnsampled(connection, reserved.trialId(), workerId)) {
            return null;
        }
        insertParams(connection, reserved.trialId(), config);
        try (PreparedStatement update = connection.prepareStatement("UPDATE trial SET seed = ? WHERE id = ?")) {
            update.setLong(1, plan.baseSeed());
            update.setString(2, reserved.trialId());
            update.executeUpdate();
        }
        long now = clock.millis();
        for (int repeat = 1; repeat < plan.repeats(); repeat++) {
            String id = insertTrial(connection, reserved.experimentId(), sweepId, plan, reserved.configNumber(), repeat,
                    plan.baseSeed() + repeat, null, now);
            insertParams(connection, id, config);
        }
        return new Claim.Trial(claimed(connection, reserved.trialId()));
    }

    /**
     * The strategy has nothing for the reserved number: the reservation is deleted (numbers stay
     * dense), and the answer is {@link Claim.Wait} while other trials of the sweep are open, else
     * {@link Claim.Done}.
     */
    private Claim giveBack(Connection connection, String sweepId, String workerId, Reserved reserved) throws SQLException {
        SweepRows.sweepState(connection, sweepId, true);
        if (holdsUnsampled(connection, reserved.trialId(), workerId)) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM trial WHERE id = ?")) {
                delete.setString(1, reserved.trialId());
                delete.executeUpdate();
            }
            H2WorkerRegistry.holds(connection, workerId, null, clock.millis());
        }
        Map<RunStatus, Integer> counts = SweepRows.counts(connection, sweepId);
        return counts.getOrDefault(RunStatus.RUNNING, 0) + counts.getOrDefault(RunStatus.QUEUED, 0) > 0
                ? new Claim.Wait() : new Claim.Done("every configuration of the sweep has run");
    }

    /** Whether the worker still holds the running, unsampled trial (locked until the transaction ends). */
    private static boolean holdsUnsampled(Connection connection, String trialId, String workerId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT id FROM trial WHERE id = ? AND state = 'running' AND worker_id = ? AND seed IS NULL FOR UPDATE""")) {
            select.setString(1, trialId);
            select.setString(2, workerId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Inserts one trial of a configuration, running and held when {@code workerId} is given, else queued. */
    private static String insertTrial(Connection connection, long experimentId, String sweepId, SweepPlan plan,
                                      int config, int repeat, Long seed, String workerId, long now) throws SQLException {
        EntityId id = EntityId.nextRun(connection);
        boolean held = workerId != null;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO trial (id, id_seq, experiment_id, sweep_id, number, config_number, repeat_index, state, seed,
                                   worker_id, attempt, heartbeat_at, created_at, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, id.id());
            insert.setLong(2, id.seq());
            insert.setLong(3, experimentId);
            insert.setString(4, sweepId);
            insert.setInt(5, config * plan.repeats() + repeat);
            insert.setInt(6, config);
            insert.setInt(7, repeat);
            insert.setString(8, held ? "running" : "queued");
            Jdbc.setLong(insert, 9, seed);
            insert.setString(10, workerId);
            insert.setInt(11, held ? 1 : 0);
            Jdbc.setLong(insert, 12, held ? now : null);
            insert.setLong(13, now);
            Jdbc.setLong(insert, 14, held ? now : null);
            insert.executeUpdate();
        }
        RunSearch.refresh(connection, id.id());
        return id.id();
    }

    private static void insertParams(Connection connection, String trialId, Configuration config) throws SQLException {
        try (PreparedStatement param = connection.prepareStatement(
                "INSERT INTO trial_param (trial_id, name, value_json, distribution_json, position) VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Map.Entry<String, String> p : config.params().entrySet()) {
                param.setString(1, trialId);
                param.setString(2, p.getKey());
                param.setString(3, p.getValue());
                param.setString(4, config.distributions().get(p.getKey()));
                param.setInt(5, position++);
                param.addBatch();
            }
            param.executeBatch();
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
