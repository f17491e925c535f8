package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnnworkbench.engine.store.ExperimentSummary;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunPage;
import org.cnnworkbench.engine.store.RunQuery;
import org.cnnworkbench.engine.store.RunRow;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.Test;

class H2RunQueriesTest extends H2HomeTest {
    @Override
    Clock clock() {
        return new StepClock(1_700_000_000_000L, 1000);
    }

    /** A run of {@code experiment} with one epoch per val_loss value given; finished when {@code status} is. */
    private String run(String experiment, RunStatus status, double... valLoss) {
        String id = runs.startRun(new NewRun(experiment, "{}", "{}", 42, "{}", null));
        for (int i = 0; i < valLoss.length; i++) {
            runs.recordEpoch(id, i + 1, Map.of("loss", 1.0 / (i + 1), "val_loss", valLoss[i], "val_accuracy", 1 - valLoss[i] / 3));
        }
        if (status.isFinished()) {
            runs.finishRun(id, new RunOutcome(status, status == RunStatus.COMPLETED ? 0.8 : null, null, "{}", null, null));
        }
        return id;
    }

    /** Tags the run through the store, as `./workbench tag` does (which also rewrites its search fragments). */
    private void tag(String id, String key, String value) {
        runs.tag(id, key, value);
    }

    private static RunQuery query(String sort, boolean descending, int offset, int limit) {
        return new RunQuery(Set.of(), null, null, null, null, List.of(), sort, descending, offset, limit);
    }

    private static List<String> ids(RunPage page) {
        return page.rows().stream().map(r -> r.summary().id()).toList();
    }

    @Test
    void filtersSortAndPageInTheDatabase() throws SQLException {
        String a = run("mnist", RunStatus.COMPLETED, 0.9, 0.5);
        String b = run("mnist", RunStatus.FAILED, 0.7);
        String c = run("cifar", RunStatus.COMPLETED, 1.2, 1.1, 1.0);
        String d = run("cifar", RunStatus.RUNNING, Double.NaN);
        tag(a, "baseline", null);
        tag(c, "team", "vision");

        RunPage all = queries.query(query("created_at", true, 0, 10));
        assertThat(all.total()).isEqualTo(4);
        assertThat(ids(all)).containsExactly(d, c, b, a);
        RunRow first = all.rows().get(1);
        assertThat(first.latest()).containsEntry("val_loss", 1.0).containsKey("loss");
        assertThat(first.tags()).containsEntry("team", "vision");

        // By a metric's latest value; NaN sorts last either way.
        assertThat(ids(queries.query(query("val_loss", false, 0, 10)))).containsExactly(a, b, c, d);
        assertThat(ids(queries.query(query("val_loss", true, 0, 10)))).containsExactly(c, b, a, d);
        assertThat(ids(queries.query(query("epochs", true, 0, 10)))).containsExactly(c, a, d, b);

        // Pages: the total stays, the rows move.
        RunPage second = queries.query(query("id", false, 2, 2));
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.offset()).isEqualTo(2);
        assertThat(ids(second)).containsExactly(c, d);

        assertThat(ids(queries.query(new RunQuery(Set.of(RunStatus.COMPLETED, RunStatus.FAILED), "mnist", null, null, null,
                List.of(), "id", false, 0, 10)))).containsExactly(a, b);
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, "team=vision", null, List.of(), "id", false, 0, 10))))
                .containsExactly(c);
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, "baseline", null, List.of(), "id", false, 0, 10))))
                .containsExactly(a);
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, "team=audio", null, List.of(), "id", false, 0, 10))))
                .isEmpty();
        // Search: ids, experiment names, tags; LIKE wildcards in the text are literal.
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, null, "CIF", List.of(), "id", false, 0, 10))))
                .containsExactly(c, d);
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, null, "visi", List.of(), "id", false, 0, 10))))
                .containsExactly(c);
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, null, "%", List.of(), "id", false, 0, 10)))).isEmpty();
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, null, a, List.of(), "id", false, 0, 10))))
                .containsExactly(a);

        // Ranges over a column and over a metric (non-finite values never match).
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, null, null,
                List.of(new RunQuery.Range("val_loss", 0.6, 1.05)), "id", false, 0, 10)))).containsExactly(b, c);
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, null, null,
                List.of(new RunQuery.Range("epochs", 2.0, null), new RunQuery.Range("val_loss", null, 0.6)), "id", false, 0, 10))))
                .containsExactly(a);
    }

    @Test
    void experimentsAreCountedByStateNewestActivityFirst() {
        run("mnist", RunStatus.COMPLETED, 0.9);
        run("mnist", RunStatus.FAILED, 0.7);
        run("cifar", RunStatus.COMPLETED, 1.2);
        List<ExperimentSummary> experiments = queries.experiments();
        assertThat(experiments).extracting(ExperimentSummary::name).containsExactly("cifar", "mnist");
        ExperimentSummary mnist = experiments.get(1);
        assertThat(mnist.runs()).isEqualTo(2);
        assertThat(mnist.counts()).containsEntry(RunStatus.COMPLETED, 1).containsEntry(RunStatus.FAILED, 1);
        assertThat(mnist.bestValAccuracy()).isCloseTo(1 - 0.7 / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(mnist.sweeps()).isZero();
    }

    @Test
    void theChangeStampMovesWithEveryEpochAndStateChangeOnly() {
        long empty = queries.changeStamp();
        String id = run("mnist", RunStatus.RUNNING, 0.9);
        long started = queries.changeStamp();
        assertThat(started).isNotEqualTo(empty);
        assertThat(queries.changeStamp()).isEqualTo(started);
        runs.recordEpoch(id, 2, Map.of("loss", 0.4));
        long epoch = queries.changeStamp();
        assertThat(epoch).isNotEqualTo(started);
        runs.finishRun(id, new RunOutcome(RunStatus.COMPLETED, 0.8, null, "{}", null, null));
        assertThat(queries.changeStamp()).isNotEqualTo(epoch);
    }

    /**
     * The stamp is recomputed only when H2's modification counters of the runs' and sweeps' tables moved, and once
     * more after: a write another connection made, even one seen before its commit, moves it.
     */
    @Test
    void theChangeStampSeesAnotherConnectionsWriteOnceItCommits() throws SQLException {
        String id = run("mnist", RunStatus.COMPLETED, 0.9);
        long before = queries.changeStamp();
        assertThat(queries.changeStamp()).isEqualTo(before);
        assertThat(queries.changeStamp()).isEqualTo(before);
        try (java.sql.Connection other = db.connection()) {
            other.setAutoCommit(false);
            try (java.sql.PreparedStatement update = other.prepareStatement("UPDATE trial SET epochs = epochs + 5 WHERE id = ?")) {
                update.setString(1, id);
                update.executeUpdate();
            }
            assertThat(queries.changeStamp()).as("not committed yet").isEqualTo(before);
            other.commit();
        }
        assertThat(queries.changeStamp()).as("committed").isNotEqualTo(before);
    }

    @Test
    void overfittingAnalyticsAreStoredAsEpochsLandSortableAndFilterable() {
        String overfits = run("mnist", RunStatus.RUNNING, 1.0, 0.8, 0.6, 0.7, 0.9);
        String fine = run("mnist", RunStatus.COMPLETED, 1.0, 0.8, 0.6, 0.5, 0.4);
        var s = queries.overfitting(overfits).orElseThrow();
        // loss is 1/epoch: 1, .5, .33, .25, .2 — falling while val_loss rises after epoch 3.
        assertThat(s.bestEpoch()).isEqualTo(3);
        assertThat(s.onsetEpoch()).isEqualTo(3);
        assertThat(s.earlyStopEpoch()).isEqualTo(5);
        assertThat(s.gapLossLast()).isCloseTo(0.9 - 0.2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(queries.overfitting(fine).orElseThrow().onsetEpoch()).isNull();
        runs.recordEpoch(overfits, 6, Map.of("loss", 0.1, "val_loss", 0.3));
        assertThat(queries.overfitting(overfits).orElseThrow().bestEpoch()).isEqualTo(6);
        assertThat(queries.overfitting(overfits).orElseThrow().lastEpoch()).isEqualTo(6);

        RunPage byGap = queries.query(query("gap_loss_last", true, 0, 10));
        assertThat(ids(byGap)).containsExactly(fine, overfits);
        assertThat(byGap.rows().get(0).overfitting().gapLossLast()).isCloseTo(0.4 - 0.2, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ids(queries.query(new RunQuery(Set.of(), null, null, null, null, List.of(new RunQuery.Range("early_stop_epoch", 1.0,
                null)), "id", false, 0, 10)))).containsExactly(overfits);
    }

    @Test
    void aDatabaseFromBeforeTheSummariesGetsThemBackfilledWhenOpened() throws SQLException {
        String a = run("mnist", RunStatus.COMPLETED, 1.0, 0.8, 0.6, 0.7, 0.9);
        String empty = run("mnist", RunStatus.RUNNING);
        // Turn the file back into a version-3 database.
        try (Connection c = db.connection(); var st = c.createStatement()) {
            H2FilterTest.undoVersions8And9(st);
            st.execute("DROP TABLE run_summary");
            st.execute("ALTER TABLE trial DROP COLUMN lease_expires_at");
            st.execute("ALTER TABLE trial DROP COLUMN run_owner");
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('4', '5', '6', '7')");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        runs.close();
        db.close();
        openDatabase();
        assertThat(queries.overfitting(a).orElseThrow().onsetEpoch()).isEqualTo(3);
        assertThat(queries.overfitting(empty)).isEmpty();
    }

    /** The runs whose id, experiment, sweep, tag keys or tag values contain the words, ignoring case (the search's meaning). */
    private static List<String> contains(Map<String, List<String>> texts, String words) {
        String w = words.strip().toLowerCase(java.util.Locale.ROOT);
        return texts.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(t -> t != null
                && t.toLowerCase(java.util.Locale.ROOT).contains(w))).map(Map.Entry::getKey).sorted().toList();
    }

    private List<String> search(String words) {
        return queries.query(new RunQuery(Set.of(), null, null, null, words, List.of(), "id", false, 0, 1000)).rows().stream()
                .map(r -> r.summary().id()).sorted().toList();
    }

    /** Random runs, tags and searched words (wildcards, long words, case): the search finds what a substring test finds. */
    @Test
    void textSearchThroughTheFragmentsFindsExactlyTheRunsContainingTheWords() {
        java.util.Random random = new java.util.Random(11);
        String[] experiments = {"mnist", "Cifar_10", "resnet%50", "a-very-long-experiment-name-that-goes-past-32-chars"};
        String[] values = {"vision", "Audio", "100%", "under_score", "back\\slash", "", null,
                "a tag value that is much longer than thirty-two characters, for the long words"};
        Map<String, List<String>> texts = new java.util.TreeMap<>();
        for (int i = 0; i < 30; i++) {
            String exp = experiments[random.nextInt(experiments.length)];
            String id = run(exp, RunStatus.COMPLETED, 0.5);
            List<String> t = new java.util.ArrayList<>(List.of(id, exp));
            Map<String, String> tags = new java.util.HashMap<>();
            for (int k = 0; k < random.nextInt(4); k++) {
                String key = "k" + random.nextInt(4);
                String value = values[random.nextInt(values.length)];
                tag(id, key, value);
                tags.put(key, value);
            }
            if (random.nextInt(3) == 0 && runs.untag(id, "k0")) {
                tags.remove("k0");
            }
            t.addAll(tags.keySet());
            t.addAll(tags.values());
            texts.put(id, t);
        }
        List<String> words = new java.util.ArrayList<>(List.of("MNIST", "far_1", "%", "_", "\\", "100%", "0%5", "r1", "r2", "k1",
                " vision ", "much longer than thirty-two characters, for", "past-32-chars", "goes-past-32-chars-x", "zzz"));
        for (int i = 0; i < 40; i++) {
            List<String> pool = texts.values().stream().flatMap(List::stream).filter(x -> x != null && !x.isEmpty()).toList();
            String text = pool.get(random.nextInt(pool.size()));
            int from = random.nextInt(text.length());
            words.add(text.substring(from, Math.min(text.length(), from + 1 + random.nextInt(45))));
        }
        for (String w : words) {
            if (!w.isBlank()) {
                assertThat(search(w)).as(w).isEqualTo(contains(texts, w));
            }
        }
    }

    @Test
    void runsFromBeforeVersion11GetTheirSearchFragmentsBackfilled() throws SQLException {
        String a = run("Mnist", RunStatus.COMPLETED, 0.5);
        String b = run("cifar", RunStatus.COMPLETED, 0.5);
        tag(b, "team", "Vision");
        try (Connection c = db.connection(); var st = c.createStatement()) {
            st.execute("DROP TABLE run_search");
            st.execute("DROP INDEX ix_trial_trashed");
            st.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '11'");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        runs.close();
        db.close();
        openDatabase();
        assertThat(search("mni")).containsExactly(a);
        assertThat(search("ISIO")).containsExactly(b);
        assertThat(search(b)).containsExactly(b);
        assertThat(search("tea")).containsExactly(b);
        String c = run("mnist", RunStatus.COMPLETED, 0.5);
        assertThat(search("mnist")).containsExactly(a, c);
    }

    @Test
    void badQueriesAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> query("val loss; DROP TABLE trial", true, 0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a column or metric key");
        assertThatThrownBy(() -> query("id", true, 0, 5000)).hasMessageContaining("limit must be 1..1000");
        assertThatThrownBy(() -> query("id", true, -1, 10)).hasMessageContaining("offset");
        assertThatThrownBy(() -> new RunQuery.Range("epochs", 5.0, 1.0)).hasMessageContaining("is above max");
    }
}
