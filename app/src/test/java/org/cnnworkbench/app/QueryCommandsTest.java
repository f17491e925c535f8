package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runs --filter/--order-by} and {@code export --filter} on a home with runs recorded through the store. */
class QueryCommandsTest {
    @TempDir
    Path home;

    private final List<String> ids = new ArrayList<>();

    @BeforeEach
    void record() {
        try (H2Database db = new HomeDatabase(home).open(); H2RunStore store = new H2RunStore(db)) {
            Object[][] runs = {{"sgd", 0.01, new double[] {0.5, 0.7, 0.6}}, {"adam", "0.01", new double[] {0.4}},
                    {"adam", 0.003, new double[] {0.9, 0.2}}};
            for (Object[] r : runs) {
                String config = "{\"training\": {\"optimizer\": \"" + r[0] + "\", \"learning_rate\": "
                        + (r[1] instanceof String s ? "\"" + s + "\"" : r[1]) + "}}";
                String id = store.startRun(new NewRun("cli", config, "{}", 1, "{}", null));
                double[] acc = (double[]) r[2];
                for (int e = 0; e < acc.length; e++) {
                    store.recordEpoch(id, e + 1, Map.of("loss", 1 - acc[e], "val_accuracy", acc[e]));
                }
                store.finishRun(id, new RunOutcome(RunStatus.COMPLETED, 0.5, null, "{}", null, null));
                ids.add(id);
            }
        }
    }

    private List<String> listed(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("runs", "--json", "--home", home.toString()));
        all.addAll(List.of(args));
        CliResult r = Cli.inProcess(all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> out = new ArrayList<>();
        Json.MAPPER.readTree(r.out()).get("runs").forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Test
    void runsFiltersAndOrdersWithTheQueryLanguage() throws Exception {
        assertThat(listed("--filter", "params.training.learning_rate in (0.01, 0.5)")).containsExactly(ids.get(1), ids.get(0));
        assertThat(listed("--filter", "max.val_accuracy > 0.65 OR params.training.optimizer = 'sgd'"))
                .containsExactly(ids.get(2), ids.get(0));
        assertThat(listed("--order-by", "max.val_accuracy desc, created")).containsExactly(ids.get(2), ids.get(0), ids.get(1));
        assertThat(listed("--filter", "params.training.optimizer = 'adam'", "--order-by", "params.training.learning_rate"))
                .containsExactly(ids.get(2), ids.get(1));
        CliResult table = Cli.inProcess("runs", "--home", home.toString(), "--filter", "metrics.val_accuracy < 0.3");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains(ids.get(2)).doesNotContain(ids.get(0) + " ");
    }

    @Test
    void aMalformedFilterIsAUsageErrorWithTheColumnAndACaret() {
        CliResult r = Cli.inProcess("runs", "--home", home.toString(), "--filter", "epochs > 3 and");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--filter: expected a field, found the end (column 15)")
                .contains("  epochs > 3 and\n                ^").doesNotContain("Exception");
        CliResult order = Cli.inProcess("export", "--home", home.toString(), "--order-by", "created sideways");
        assertThat(order.exitCode()).isEqualTo(2);
        assertThat(order.err()).contains("--order-by: expected 'asc', 'desc', ',' or the end, found 'sideways' (column 9)");
    }

    @Test
    void exportTakesTheFilter() throws Exception {
        CliResult r = Cli.inProcess("export", "--home", home.toString(), "--filter", "params.training.optimizer = 'adam'",
                "--order-by", "id");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode runs = Json.MAPPER.readTree(r.out()).get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("id").asText()).isEqualTo(ids.get(1));
        assertThat(runs.get(1).get("params").get("training.learning_rate").asDouble()).isEqualTo(0.003);
    }

    @Test
    void notesAreWrittenShownSearchableAndExported() throws Exception {
        CliResult note = Cli.inProcess("note", ids.get(1), "tried stronger augmentation", "--home", home.toString());
        assertThat(note.exitCode()).as(note.err()).isZero();
        assertThat(note.out()).contains("Noted on " + ids.get(1) + ": tried stronger augmentation");
        assertThat(listed("--filter", "note like '%augment%'")).containsExactly(ids.get(1));
        CliResult table = Cli.inProcess("runs", "--home", home.toString());
        assertThat(table.out().lines().filter(l -> l.startsWith(ids.get(1) + " ")).findFirst().orElseThrow())
                .endsWith("tried stronger augmentation");
        JsonNode export = Json.MAPPER.readTree(Cli.inProcess("export", "--home", home.toString(), ids.get(1)).out());
        assertThat(export.get("runs").get(0).get("note").asText()).isEqualTo("tried stronger augmentation");
        // The CSV's note column: this run's note, and empty for a run without one.
        List<String> csv = Cli.inProcess("export", "--format", "csv", "--home", home.toString(), ids.get(1), ids.get(0)).out().lines().toList();
        int column = List.of(csv.get(0).split(",")).indexOf("note");
        assertThat(column).as(csv.get(0)).isPositive();
        assertThat(csv.get(1).split(",", -1)[column]).isEqualTo("tried stronger augmentation");
        assertThat(csv.get(2).split(",", -1)[column]).isEmpty();

        CliResult unknown = Cli.inProcess("note", "r999", "x", "--home", home.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no run 'r999'");
        CliResult bad = Cli.inProcess("note", "x1", "x", "--home", home.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'x1' is not a run id (r12) or a sweep id (s3)");
        assertThat(Cli.inProcess("note", ids.get(1), "--home", home.toString()).exitCode()).isEqualTo(2);
        CliResult clear = Cli.inProcess("note", ids.get(1), "--clear", "--home", home.toString());
        assertThat(clear.exitCode()).as(clear.err()).isZero();
        assertThat(listed("--filter", "note is not null")).isEmpty();
    }
}
