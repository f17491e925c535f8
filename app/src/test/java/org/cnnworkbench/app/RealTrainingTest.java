package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real training through the CLI: small-cnn on 540 real Fashion-MNIST images for two epochs,
 * recorded in the home's H2 database. One reference run is trained once for the class (with
 * {@code --set} overrides), and the tests read what was printed and recorded.
 */
class RealTrainingTest {
    private static final List<String> KERAS_KEYS =
            List.of("loss", "accuracy", "val_loss", "val_accuracy", "lr", "epoch_seconds", "samples_per_second");

    @TempDir
    static Path dir;

    private static Path home;
    private static Path file;
    private static CliResult reference;
    private static String referenceId;
    private static JsonNode recorded;

    @BeforeAll
    static void trainTheReferenceRun() {
        home = dir.resolve("home");
        // The file asks for 9 epochs; the command line brings it down to 2 and adds dropout.
        file = ExperimentFile.tiny().withLine(ExperimentFile.EPOCHS, "  epochs: 9").write(dir, "tiny.yaml");
        reference = run(file);
        assertThat(reference.exitCode()).as(reference.describe()).isZero();
        referenceId = reference.outLines().get(0);
        recorded = show(referenceId);
    }

    private static CliResult run(Path experiment) {
        return Cli.inProcess("run", experiment.toString(), "--home", home.toString(), "--no-progress",
                "--set", "training.epochs=2", "--set", "architecture.params.dropout=0.2");
    }

    private static JsonNode show(String runId) {
        CliResult show = Cli.inProcess("show", runId, "--json", "--home", home.toString());
        assertThat(show.exitCode()).as(show.describe()).isZero();
        return show.json();
    }

    @Test
    void runPrintsTheRunIdFirstThenOneLinePerEpochTheTestReportAndWhereTheModelIs() {
        assertThat(referenceId).matches("r[0-9]+");
        assertThat(reference.out())
                .contains("Epoch 1/2  loss ", "Epoch 2/2  loss ", "val_accuracy", "Test accuracy ")
                .contains("class", "precision", "recall", "f1-score", "support", "macro avg", "weighted avg")
                .contains("Model saved to " + home.resolve("runs").resolve(referenceId).resolve("model.zip"));
        assertThat(home.resolve("runs").resolve(referenceId).resolve("model.zip")).isRegularFile();
        assertThat(reference.err()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void lossFallsFromTheFirstToTheSecondEpoch() {
        JsonNode epochs = recorded.get("epoch_metrics");
        assertThat(epochs).hasSize(2);
        double first = epochs.get(0).get("loss").asDouble();
        double second = epochs.get(1).get("loss").asDouble();
        assertThat(second).as("training loss of epoch 2 vs epoch 1 (%s)", epochs).isLessThan(first);
        assertThat(epochs.get(1).get("val_loss").asDouble()).as("val_loss of epoch 2 vs epoch 1")
                .isLessThan(epochs.get(0).get("val_loss").asDouble());
    }

    @Test
    void testAccuracyIsWellAboveChanceForTenClasses() {
        // Chance is 0.1; two epochs on 540 images reach about 0.6 with these settings.
        assertThat(recorded.get("status").asText()).isEqualTo("completed");
        assertThat(recorded.get("test_accuracy").asDouble()).isGreaterThan(0.3);
        assertThat(recorded.get("best_val_accuracy").asDouble()).isGreaterThan(0.2);
        assertThat(recorded.get("class_names")).hasSize(10);
    }

    @Test
    void showJsonHasEachEpochOnceWithEveryKerasMetricKey() {
        JsonNode epochs = recorded.get("epoch_metrics");
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode epoch : epochs) {
            numbers.add(epoch.get("epoch").asInt());
            Set<String> keys = new TreeSet<>();
            epoch.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as("keys of epoch %s", epoch.get("epoch")).containsAll(KERAS_KEYS);
            for (String key : KERAS_KEYS) {
                assertThat(epoch.get(key).isNumber()).as("%s of epoch %s is a number", key, epoch.get("epoch")).isTrue();
            }
            assertThat(epoch.get("lr").asDouble()).isEqualTo(0.001);
            assertThat(epoch.get("samples_per_second").asDouble()).isPositive();
        }
        assertThat(numbers).containsExactly(1, 2);
        assertThat(recorded.get("epochs").asInt()).isEqualTo(2);
    }

    @Test
    void theH2StoreHoldsExactlyOneRowPerMetricForEachEpoch() throws Exception {
        String url = "jdbc:h2:file:" + home.resolve("db").resolve("workbench");
        List<Tuple> perEpoch = new ArrayList<>();
        // The home's database is protected by its generated credentials.
        String password = new org.cnnworkbench.db.HomeDatabase(home).password();
        try (Connection c = DriverManager.getConnection(url, "sa", password);
             PreparedStatement q = c.prepareStatement("SELECT epoch, COUNT(*), COUNT(DISTINCT metric_key) FROM epoch_metric "
                     + "WHERE trial_id = ? GROUP BY epoch ORDER BY epoch")) {
            q.setString(1, referenceId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    perEpoch.add(tuple(rs.getInt(1), rs.getInt(2), rs.getInt(3)));
                }
            }
            try (PreparedStatement keys = c.prepareStatement("SELECT DISTINCT metric_key FROM epoch_metric WHERE trial_id = ?")) {
                keys.setString(1, referenceId);
                List<String> found = new ArrayList<>();
                try (ResultSet rs = keys.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                assertThat(found).containsExactlyInAnyOrderElementsOf(KERAS_KEYS);
            }
        }
        assertThat(perEpoch).containsExactly(tuple(1, 7, 7), tuple(2, 7, 7));
    }

    @Test
    void showPrintsParametersEpochTableModelSummaryConfusionMatrixAndReport() {
        CliResult show = Cli.inProcess("show", referenceId, "--home", home.toString());
        assertThat(show.exitCode()).as(show.describe()).isZero();
        assertThat(show.out())
                .contains("Run " + referenceId, "experiment tiny", "status completed", "epochs 2", "seed 42")
                .contains("Parameters:", "small-cnn", "dropout: 0.2")
                .contains("Epochs:", "val_accuracy", "samples_per_second")
                .contains("Model summary:", "Conv2D", "Total params: 93,322", "Trainable params: 93,322")
                .contains("Confusion matrix (test):", "Classification report (test):", "macro avg", "weighted avg");
    }

    @Test
    void showAcceptsTheRunNumberWithoutItsPrefix() {
        CliResult show = Cli.inProcess("show", referenceId.substring(1), "--json", "--home", home.toString());

        assertThat(show.exitCode()).as(show.describe()).isZero();
        assertThat(show.json().get("id").asText()).isEqualTo(referenceId);
    }

    @Test
    void overridesAreAppliedAndRecordedWithTheRun() {
        assertThat(recorded.get("epochs").asInt()).as("--set training.epochs=2 replaced the file's 9").isEqualTo(2);
        assertThat(recorded.at("/params/training/epochs").asInt()).isEqualTo(2);
        assertThat(recorded.at("/params/architecture/params/dropout").asDouble()).isEqualTo(0.2);
        assertThat(recorded.get("overrides").toString()).contains("training.epochs=2", "architecture.params.dropout=0.2");
        assertThat(recorded.get("overrides")).hasSize(2);
    }

    @Test
    void anOverrideIsValidatedLikeTheFileAndRecordsNoRun() {
        int runsBefore = runCount();
        CliResult bad = Cli.inProcess("run", file.toString(), "--home", home.toString(), "--no-progress",
                "--set", "architecture.params.dropout=1.5");
        assertThat(bad.exitCode()).as(bad.describe()).isEqualTo(2);
        assertThat(bad.err()).contains("--set architecture.params.dropout=1.5", "dropout", "small-cnn", "1.5",
                "out of range", "allowed [0.0, 0.9]");
        assertThat(bad.err()).doesNotContain("\tat ", "Exception");
        assertThat(bad.out()).isEmpty();
        assertThat(runCount()).isEqualTo(runsBefore);
    }

    @Test
    void theSameSeedGivesIdenticalMetricsInEveryEpoch() {
        CliResult again = run(file);
        assertThat(again.exitCode()).as(again.describe()).isZero();
        // And once more in a fresh JVM, as a user re-running the command would.
        CliResult fresh = Cli.trainingProcess(Cli.builtInPlugins(), "run", file.toString(), "--home", home.toString(), "--no-progress",
                "--set", "training.epochs=2", "--set", "architecture.params.dropout=0.2");
        assertThat(fresh.exitCode()).as(fresh.describe()).isZero();
        List<Tuple> expected = trainingMetrics(recorded);
        assertThat(trainingMetrics(show(again.outLines().get(0)))).as("second run in the same JVM").isEqualTo(expected);
        assertThat(trainingMetrics(show(fresh.outLines().get(0)))).as("run in a fresh process").isEqualTo(expected);
        assertThat(show(fresh.outLines().get(0)).get("test_accuracy").asDouble())
                .isEqualTo(recorded.get("test_accuracy").asDouble());
    }

    private static List<Tuple> trainingMetrics(JsonNode run) {
        List<Tuple> rows = new ArrayList<>();
        for (JsonNode e : run.get("epoch_metrics")) {
            rows.add(tuple(e.get("epoch").asInt(), e.get("loss").asDouble(), e.get("accuracy").asDouble(),
                    e.get("val_loss").asDouble(), e.get("val_accuracy").asDouble()));
        }
        return rows;
    }

    @Test
    void earlyStoppingStopsBeforeTheEpochBudgetAndRecordsWhy() {
        // min_delta 1000 makes every epoch after the first "no improvement", so with patience 0
        // training must stop after epoch 2 of 5, whatever the losses turn out to be.
        Path stopping = ExperimentFile.tiny()
                .withLine(ExperimentFile.EPOCHS, "  epochs: 5")
                .append("callbacks:",
                        "  - type: early-stopping",
                        "    params: {monitor: val_loss, patience: 0, min_delta: 1000, restore_best_weights: true}")
                .write(dir, "stopping.yaml");
        CliResult result = Cli.inProcess("run", stopping.toString(), "--home", home.toString(), "--no-progress");
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out()).contains("Epoch 2/5").doesNotContain("Epoch 3/5").contains("Stopped early: val_loss did not improve");

        JsonNode run = show(result.outLines().get(0));
        assertThat(run.get("epochs").asInt()).isEqualTo(2).isLessThan(5);
        assertThat(run.get("epoch_metrics")).hasSize(2);
        assertThat(run.get("stop_reason").isNull()).isFalse();
        assertThat(run.get("stop_reason").asText()).contains("val_loss did not improve", "epoch 1");
        assertThat(run.at("/summary/early-stopping/stopped_epoch").asInt()).isEqualTo(2);
        assertThat(run.at("/summary/early-stopping/best_epoch").asInt()).isEqualTo(1);
        assertThat(run.get("status").asText()).isEqualTo("completed");
    }

    private static int runCount() {
        CliResult runs = Cli.inProcess("runs", "--json", "--home", home.toString());
        assertThat(runs.exitCode()).as(runs.describe()).isZero();
        return runs.json().get("runs").size();
    }

    @Test
    void theHomeHoldsTheDatabaseAndTheSavedModels() {
        assertThat(Files.exists(home.resolve("db").resolve("workbench.mv.db"))).isTrue();
        assertThat(recorded.get("artifacts").toString()).contains("runs/" + referenceId + "/model.zip");
    }
}
