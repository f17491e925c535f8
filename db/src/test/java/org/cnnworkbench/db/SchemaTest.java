package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.cnnworkbench.engine.store.NewRun;
import org.junit.jupiter.api.Test;

/** What the schema itself refuses, whoever writes to it. */
class SchemaTest extends H2HomeTest {

    private String startRun() {
        return runs.startRun(new NewRun("mnist", "{}", null, 1, null, null));
    }

    private String insertSweep(String direction) {
        return db.inTransaction("insert a sweep", connection -> {
            EntityId id = EntityId.nextSweep(connection);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO sweep (id, id_seq, experiment_id, name, spec_json, strategy, objective_metric,
                                       direction, state, created_at)
                    VALUES (?, ?, (SELECT id FROM experiment WHERE name = 'mnist'), 'lr search', '{}', 'random',
                            'val_accuracy', ?, 'queued', 0)""")) {
                insert.setString(1, id.id());
                insert.setLong(2, id.seq());
                insert.setString(3, direction);
                insert.executeUpdate();
            }
            return id.id();
        });
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.connection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    @Test
    void runsAndSweepsDrawIdsFromOneSequenceSoTheyNeverCollide() {
        assertThat(startRun()).isEqualTo("r1");
        assertThat(startRun()).isEqualTo("r2");
        assertThat(insertSweep("maximize")).isEqualTo("s3");
        assertThat(startRun()).isEqualTo("r4");
    }

    @Test
    void aRunIdMustMatchItsSequenceNumber() {
        startRun();
        assertThatThrownBy(() -> execute("INSERT INTO trial (id, id_seq, experiment_id, state, created_at)"
                + " VALUES ('s7', 7, 1, 'queued', 0)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("CK_TRIAL_ID");
    }

    @Test
    void aSweepsDirectionIsMaximizeOrMinimize() {
        startRun();
        assertThatThrownBy(() -> insertSweep("up"))
                .isInstanceOf(StoreException.class).hasMessageContaining("CK_SWEEP_DIRECTION");
    }

    @Test
    void aTrialStateOutsideTheLifeCycleIsRefused() {
        String id = startRun();
        assertThatThrownBy(() -> execute("UPDATE trial SET state = 'paused' WHERE id = '" + id + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("CK_TRIAL_STATE");
    }

    @Test
    void aFinishedTrialNeedsAnEndTimeAndAnUnfinishedOneHasNone() {
        String id = startRun();
        assertThatThrownBy(() -> execute("UPDATE trial SET state = 'completed' WHERE id = '" + id + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("CK_TRIAL_ENDED");
    }

    @Test
    void artifactPathsThatClimbOutOfTheHomeOrAreAbsoluteAreRefused() throws SQLException {
        String id = startRun();
        execute("INSERT INTO artifact (trial_id, kind, relative_path, size_bytes, created_at)"
                + " VALUES ('" + id + "', 'model', 'runs/" + id + "/model.zip', 1, 0)");
        for (String path : new String[] {"../secrets", "runs/../../x", "/etc/passwd", "runs\\\\x", ""}) {
            assertThatThrownBy(() -> execute("INSERT INTO artifact (trial_id, kind, relative_path, size_bytes, created_at)"
                    + " VALUES ('" + id + "', 'model', '" + path + "', 1, 0)"))
                    .as("path '%s'", path)
                    .isInstanceOf(SQLException.class).hasMessageContaining("CK_ARTIFACT_RELATIVE_PATH");
        }
    }

    @Test
    void aNonFiniteMetricIsStoredAsZero() {
        String id = startRun();
        assertThatThrownBy(() -> execute("INSERT INTO epoch_metric"
                + " (trial_id, epoch, metric_key, metric_value, value_type, key_index, recorded_at)"
                + " VALUES ('" + id + "', 1, 'loss', 3.5, 1, 0, 0)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("CK_EPOCH_METRIC_NON_FINITE");
    }

    @Test
    void aStandaloneRunHasNoTrialNumberAndASweepTrialHasOneUniqueInItsSweep() throws SQLException {
        String run = startRun();
        String sweep = insertSweep("minimize");
        assertThatThrownBy(() -> execute("UPDATE trial SET number = 0 WHERE id = '" + run + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("CK_TRIAL_NUMBER");
        execute("UPDATE trial SET sweep_id = '" + sweep + "', number = 0, config_number = 0, repeat_index = 0 WHERE id = '"
                + run + "'");
        String other = startRun();
        assertThatThrownBy(() -> execute("UPDATE trial SET sweep_id = '" + sweep + "', number = 0 WHERE id = '"
                + other + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("CK_TRIAL_CONFIG");
        assertThatThrownBy(() -> execute("UPDATE trial SET sweep_id = '" + sweep + "', number = 0, config_number = 1, "
                + "repeat_index = 0 WHERE id = '" + other + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("UQ_TRIAL_SWEEP_NUMBER");
    }
}
