package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunQuery;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.Test;

/** The bulk import writes the same rows, table by table, as training's one-epoch-at-a-time path. */
class H2BulkImportTest extends H2HomeTest {
    private static final Clock FIXED = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

    @Override
    Clock clock() {
        return FIXED;
    }

    private static List<Map<String, Double>> epochs() {
        List<Map<String, Double>> out = new ArrayList<>();
        double[] valLoss = {1.0, 0.7, 0.6, 0.65, 0.7, 0.8};
        for (int e = 1; e <= valLoss.length; e++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", 1.0 / (e + 1));
            m.put("accuracy", 0.5 + 0.05 * e);
            m.put("val_loss", valLoss[e - 1]);
            m.put("val_accuracy", e == 3 ? Double.NaN : 0.5 + 0.04 * e);
            if (e < 4) {
                m.put("lr", 0.01 / e);
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void importedRunsHoldTheRowsTheTrainingPathWrites() throws SQLException {
        NewRun run = new NewRun("mnist-cnn", "{\"training\":{\"optimizer\":\"adam\",\"learning_rate\":0.003},\"layers\":[{\"units\":8}]}",
                "{}", 7, "{}", "mnist.yaml");
        RunOutcome outcome = new RunOutcome(RunStatus.COMPLETED, 0.81, 0.52, "{\"test_accuracy\":0.81}", null, null);
        String real = runs.startRun(run);
        List<Map<String, Double>> epochs = epochs();
        for (int e = 0; e < epochs.size(); e++) {
            runs.recordEpoch(real, e + 1, epochs.get(e));
        }
        runs.tag(real, "team", "Vision");
        runs.tag(real, "baseline", null);
        runs.finishRun(real, outcome);

        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "Vision");
        tags.put("baseline", null);
        String imported = new H2BulkImport(db, FIXED).importRuns(List.of(new H2BulkImport.Run(run, epochs, outcome, tags))).get(0);

        assertThat(imported).isNotEqualTo(real);
        for (String table : List.of("trial", "epoch_metric", "latest_metric", "metric_extreme", "run_summary", "run_param", "tag")) {
            String column = table.equals("trial") ? "id" : table.equals("tag") ? "entity_id" : "trial_id";
            List<String> a = rows(table, column, real);
            assertThat(a).as(table).isNotEmpty();
            assertThat(rows(table, column, imported)).as(table).isEqualTo(a);
        }
        // The search fragments: the same, but for those of the run's own id.
        assertThat(fragments(imported)).isEqualTo(new TreeSet<>(RunSearch.fragments(List.of(imported, "mnist-cnn", "team", "vision",
                "baseline"))));
        assertThat(fragments(real)).isEqualTo(new TreeSet<>(RunSearch.fragments(List.of(real, "mnist-cnn", "team", "vision",
                "baseline"))));
        // What the runs queries read (max. over epochs included) is the same.
        assertThat(search("isio")).containsExactlyInAnyOrder(real, imported);
        assertThat(queries.values(List.of(real, imported), List.of(org.cnnworkbench.engine.query.Field.of("max.val_accuracy"),
                org.cnnworkbench.engine.query.Field.of("params.training.optimizer"))).values()).hasSize(2).allSatisfy(v ->
                assertThat(v).isEqualTo(queries.values(List.of(real), List.of(org.cnnworkbench.engine.query.Field.of("max.val_accuracy"),
                        org.cnnworkbench.engine.query.Field.of("params.training.optimizer"))).get(real)));
    }

    @Test
    void importedSweepTrialsHaveNumbersParamsAndObjectives() throws SQLException {
        String sweep = sweeps.createSweep(new NewSweep("mnist-cnn", "{}", "random", null, "val_accuracy", "maximize", "best", 1, 100, null, 1));
        List<H2BulkImport.Run> trials = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trials.add(new H2BulkImport.Run(new NewRun("mnist-cnn", "{\"training\":{\"learning_rate\":" + (0.01 * (i + 1)) + "}}", "{}", i,
                    "{}", null), List.of(Map.of("val_accuracy", 0.5 + i * 0.1), Map.of("val_accuracy", 0.4)),
                    new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null), Map.of(), sweep, i,
                    Map.of("training.learning_rate", String.valueOf(0.01 * (i + 1)))));
        }
        List<String> ids = new H2BulkImport(db, FIXED).importRuns(trials);
        try (Connection c = db.connection();
             PreparedStatement p = c.prepareStatement("SELECT number, objective, epochs, state FROM trial WHERE sweep_id = ? ORDER BY number");
             ) {
            p.setString(1, sweep);
            try (ResultSet rs = p.executeQuery()) {
                for (int i = 0; i < 3; i++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(i);
                    assertThat(rs.getDouble(2)).isCloseTo(0.5 + i * 0.1, org.assertj.core.data.Offset.offset(1e-12));
                    assertThat(rs.getInt(3)).isEqualTo(2);
                    assertThat(rs.getString(4)).isEqualTo("completed");
                }
            }
        }
        assertThat(sweeps.findSweep(sweep).orElseThrow().toString()).contains(ids.get(2));
        assertThat(search(sweep)).containsExactlyInAnyOrderElementsOf(ids);
    }

    private List<String> search(String words) {
        return queries.query(new RunQuery(Set.of(), null, null, null, words, List.of(), "id", false, 0, 50)).rows().stream()
                .map(r -> r.summary().id()).toList();
    }

    private Set<String> fragments(String id) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT fragment FROM run_search WHERE trial_id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The table's rows of the run as text, sorted, with the run's id and id_seq left out. */
    private List<String> rows(String table, String idColumn, String id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement("SELECT * FROM " + table + " WHERE " + idColumn + " = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        String name = rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                        if (!name.equals(idColumn) && !name.equals("id_seq")) {
                            row.append(name).append('=').append(rs.getString(i)).append(' ');
                        }
                    }
                    out.add(row.toString());
                }
            }
        }
        out.sort(null);
        return out;
    }
}
