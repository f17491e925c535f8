package org.cnnworkbench.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepJob;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;

/** A sweep's life: created running, its scheduler jobs recorded, set to a state, completed when nothing is left (cancelling is {@link H2RunControl}'s). */
final class H2SweepLifecycle extends H2Access {

    H2SweepLifecycle(H2Database database, Clock clock) {
        super(database, clock);
    }

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

    public void setSweepState(String sweepId, SweepState state, String reason) {
        database.inTransaction("set the state of sweep " + sweepId, connection -> {
            SweepRows.sweepState(connection, sweepId, true);
            SweepRows.updateSweep(connection, sweepId, state, reason, clock.millis());
            return null;
        });
    }

    public void extendSweep(String sweepId, String specJson, Integer budgetTrials, Integer budgetMinutes, String reason) {
        database.inTransaction("extend sweep " + sweepId, connection -> {
            SweepState state = SweepRows.sweepState(connection, sweepId, true);
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE sweep SET spec_json = ?, budget_trials = ?, budget_minutes = ? WHERE id = ?""")) {
                update.setString(1, specJson);
                Jdbc.setLong(update, 2, budgetTrials == null ? null : budgetTrials.longValue());
                Jdbc.setLong(update, 3, budgetMinutes == null ? null : budgetMinutes.longValue());
                update.setString(4, sweepId);
                update.executeUpdate();
            }
            // A running (or queued) sweep's workers take the new budget at their next claim; a finished or paused one
            // waits, paused, for ./workbench resume to start workers again.
            boolean active = state == SweepState.RUNNING || state == SweepState.QUEUED;
            SweepRows.updateSweep(connection, sweepId, active ? state : SweepState.PAUSED, reason, clock.millis());
            return null;
        });
    }

    public boolean completeIfDone(String sweepId, SweepPlan plan) {
        return database.inTransaction("complete sweep " + sweepId, connection -> {
            Long startedAt;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, started_at FROM sweep WHERE id = ? FOR UPDATE")) {
                select.setString(1, sweepId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        throw SweepRows.unknownSweep(sweepId);
                    }
                    if (SweepState.fromLabel(rs.getString(1)).isFinished()) {
                        return false;
                    }
                    startedAt = rs.getObject(2, Long.class);
                }
            }
            Map<RunStatus, Integer> counts = SweepRows.counts(connection, sweepId);
            if (counts.getOrDefault(RunStatus.QUEUED, 0) + counts.getOrDefault(RunStatus.RUNNING, 0) > 0) {
                return false;
            }
            String spent = SweepRows.budgetSpent(connection, sweepId, plan, startedAt, clock.millis());
            if (spent == null) {
                return false;
            }
            SweepRows.updateSweep(connection, sweepId, SweepState.COMPLETED, spent.contains("time budget") ? "time budget spent"
                    : "all trials ended", clock.millis());
            return true;
        });
    }
}
