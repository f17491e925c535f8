package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.WorkerInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** delete, restore and gc on a home with runs, a finished sweep, a running run and files, checked against the database. */
class TrashCommandsTest {
    @TempDir
    Path home;

    private final List<String> done = new ArrayList<>();
    private String running;
    private String sweep;
    private final List<String> trials = new ArrayList<>();

    @BeforeEach
    void record() throws Exception {
        try (H2Database db = new HomeDatabase(home).open(); H2RunStore store = new H2RunStore(db)) {
            for (int i = 0; i < 3; i++) {
                String id = store.startRun(new NewRun("trash", "{\"training\": {\"optimizer\": \"" + (i == 2 ? "adam" : "sgd") + "\"}}",
                        "{}", 1, "{}", null));
                store.recordEpoch(id, 1, Map.of("loss", 0.5, "val_accuracy", 0.1 * i));
                files(store, id);
                store.finishRun(id, new RunOutcome(RunStatus.COMPLETED, 0.5, null, "{}", null, null));
                done.add(id);
            }
            running = store.startRun(new NewRun("trash", "{}", "{}", 1, "{}", null));
            files(store, running);
            H2SweepStore sweeps = new H2SweepStore(db);
            sweep = sweeps.createSweep(new NewSweep("trash", "{}", "random", null, "val_accuracy", "maximize", "best", 7, 2, null, 1));
            sweeps.registerWorker(new WorkerInfo("w1", sweep, "host", 1, "cpu", 1, null));
            SweepPlan plan = new SweepPlan(2, 1, 7, null, 2);
            Configuration.Source source = (number, finished) -> Optional.of(new Configuration(number, Map.of("x", "1"), Map.of()));
            for (int t = 0; t < 2; t++) {
                String trial = ((Claim.Trial) sweeps.claim(sweep, "w1", plan, source)).trial().id();
                store.recordEpoch(trial, 1, Map.of("loss", 0.5, "val_accuracy", 0.5));
                files(store, trial);
                store.finishRun(trial, new RunOutcome(RunStatus.COMPLETED, 0.7, null, "{}", null, null));
                trials.add(trial);
            }
            sweeps.completeIfDone(sweep, plan);
            try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                    "INSERT INTO tag (entity_id, tag_key, tag_value) VALUES (?, 'k', 'v')")) {
                p.setString(1, done.get(0));
                p.executeUpdate();
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        }
        Files.createDirectories(home.resolve("runs/r999"));
        Files.writeString(home.resolve("runs/r999/model.zip"), "orphan");
    }

    /** A run's files: a model (an artifact row), checkpoints, an old and a young temporary file. */
    private void files(H2RunStore store, String id) throws Exception {
        Path dir = home.resolve("runs").resolve(id);
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.write(dir.resolve("model.zip"), new byte[1000]);
        Files.write(dir.resolve("checkpoints/epoch-1.zip"), new byte[500]);
        Path old = Files.writeString(dir.resolve("model.zip.123.tmp"), "old");
        Files.setLastModifiedTime(old, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000L));
        Files.writeString(dir.resolve("young.tmp"), "being written");
        store.addArtifact(id, new Artifact("model", "runs/" + id + "/model.zip", 1000, null));
    }

    private List<String> listed(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("runs", "--json", "--home", home.toString()));
        args.addAll(List.of(extra));
        CliResult r = Cli.inProcess(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> ids = new ArrayList<>();
        Json.MAPPER.readTree(r.out()).get("runs").forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    private CliResult cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        return Cli.inProcess(all.toArray(String[]::new));
    }

    @Test
    void deleteMovesToTheTrashRestoreBringsBackAndGcLeavesNoOrphanRowsOrFiles() throws Exception {
        CliResult ask = cli("delete", done.get(0));
        assertThat(ask.exitCode()).isEqualTo(2);
        assertThat(ask.err()).contains("no terminal to confirm on: add --yes");
        CliResult refused = cli("delete", done.get(1), running, "--yes");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("run " + running + " is running").contains("nothing was moved");
        assertThat(listed()).contains(done.get(1));
        assertThat(cli("delete", "--filter", "epochs >", "--yes").err()).contains("(column 9)");

        CliResult deleted = cli("delete", done.get(0), "--yes");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(listed()).doesNotContain(done.get(0)).contains(done.get(1), running);
        assertThat(listed("--trash")).containsExactly(done.get(0));
        assertThat(cli("restore", done.get(0)).out()).contains("Restored " + done.get(0));
        assertThat(listed()).contains(done.get(0));
        assertThat(cli("delete", done.get(0), "--yes").exitCode()).isZero();
        assertThat(cli("delete", "--filter", "params.training.optimizer = 'adam'", "--yes").exitCode()).isZero();
        CliResult sweepDeleted = cli("delete", "--sweep", sweep, "--yes");
        assertThat(sweepDeleted.exitCode()).as(sweepDeleted.err()).isZero();
        assertThat(listed()).containsExactlyInAnyOrder(done.get(1), running);
        assertThat(Json.MAPPER.readTree(cli("sweeps", "--json").out()).toString()).doesNotContain("\"" + sweep + "\"");

        CliResult gc = cli("gc");
        assertThat(gc.exitCode()).as(gc.err()).isZero();
        assertThat(gc.out()).matches("(?s)Freed [1-9][0-9.]* kB: .*").contains("4 trashed runs and 1 sweep removed, 1 orphan run directory,"
                + " 1 run's checkpoints, 2 temporary files.");
        assertThat(cli("restore", done.get(0)).exitCode()).isEqualTo(2);

        // The home's files against the database: every run directory has its run, no trashed run left anything.
        try (H2Database db = new HomeDatabase(home).open(); Connection c = db.connection()) {
            Set<String> rows = new HashSet<>(ids(c, "SELECT id FROM trial"));
            assertThat(rows).containsExactlyInAnyOrder(done.get(1), running);
            Set<String> dirs = new HashSet<>();
            try (Stream<Path> s = Files.list(home.resolve("runs"))) {
                s.forEach(p -> dirs.add(p.getFileName().toString()));
            }
            assertThat(dirs).isEqualTo(rows);
            for (String table : List.of("epoch_metric", "latest_metric", "artifact", "run_summary", "run_param")) {
                assertThat(ids(c, "SELECT DISTINCT trial_id FROM " + table)).as(table).allMatch(rows::contains);
            }
            assertThat(ids(c, "SELECT entity_id FROM tag")).isEmpty();
            assertThat(ids(c, "SELECT id FROM sweep")).isEmpty();
            assertThat(ids(c, "SELECT id FROM worker")).isEmpty();
            for (String row : rows) {
                assertThat(ids(c, "SELECT relative_path FROM artifact WHERE trial_id = '" + row + "'"))
                        .allMatch(p -> Files.isRegularFile(home.resolve(p)));
            }
        }
        assertThat(home.resolve("runs").resolve(done.get(1)).resolve("checkpoints")).doesNotExist();
        assertThat(home.resolve("runs").resolve(running).resolve("checkpoints/epoch-1.zip")).isRegularFile();
        assertThat(home.resolve("runs").resolve(running).resolve("young.tmp")).isRegularFile();
        assertThat(home.resolve("runs").resolve(running).resolve("model.zip.123.tmp")).doesNotExist();
        assertThat(home.resolve("runs").resolve(done.get(1)).resolve("model.zip")).isRegularFile();
    }

    private static List<String> ids(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
