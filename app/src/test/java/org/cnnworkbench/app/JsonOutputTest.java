package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on every listing command, run as real processes: standard output is exactly one
 * JSON document (all of it parses, nothing else is printed there) with snake_case field names
 * that scripts can rely on.
 */
class JsonOutputTest {
    @TempDir
    static Path dir;

    private static Path home;
    private static Path file;
    private static String runId;

    @BeforeAll
    static void recordOneRun() {
        home = dir.resolve("home");
        file = ExperimentFile.tiny().write(dir, "tiny.yaml");
        CliResult run = Cli.inProcess("run", file.toString(), "--home", home.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        runId = run.outLines().get(0);
    }

    @Test
    void runsJsonListsTheRunWithItsSummaryFields() {
        CliResult result = Cli.process("runs", "--json", "--home", home.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode doc = result.json();
        assertSnakeCase(doc, "");
        assertThat(doc.get("runs")).hasSize(1);
        JsonNode run = doc.get("runs").get(0);
        assertThat(fieldNames(run)).contains("id", "experiment", "status", "epochs", "best_val_accuracy", "test_accuracy");
        assertThat(run.get("id").asText()).isEqualTo(runId);
        assertThat(run.get("experiment").asText()).isEqualTo("tiny");
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("epochs").asInt()).isEqualTo(2);
        assertThat(run.get("best_val_accuracy").isNumber()).isTrue();
        assertThat(run.get("test_accuracy").isNumber()).isTrue();
    }

    @Test
    void runsJsonOfAnEmptyHomeIsAnEmptyList() {
        CliResult result = Cli.process("runs", "--json", "--home", dir.resolve("empty-home").toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.json().get("runs")).isEmpty();
    }

    @Test
    void showJsonHasTheRunItsParametersEpochsAndModelSummary() {
        CliResult result = Cli.process("show", runId, "--json", "--home", home.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode run = result.json();
        assertSnakeCase(run, "");
        assertThat(fieldNames(run)).contains("id", "experiment", "status", "epochs", "best_val_accuracy", "test_accuracy",
                "seed", "params", "overrides", "epoch_metrics", "model_summary", "confusion_matrix", "classification_report",
                "stop_reason", "provenance", "artifacts");
        assertThat(run.get("id").asText()).isEqualTo(runId);
        assertThat(run.get("epoch_metrics")).hasSize(2);
        assertThat(run.at("/model_summary/total_params").asLong()).isEqualTo(93_322);
        assertThat(run.at("/params/architecture/type").asText()).isEqualTo("small-cnn");
        assertThat(run.get("confusion_matrix")).hasSize(10);
        assertThat(run.get("seed").asLong()).isEqualTo(42);
    }

    @Test
    void pluginsJsonListsEveryBuiltInExtensionByKindWithItsParameters() {
        CliResult result = Cli.process("plugins", "--json", "--home", home.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode doc = result.json();
        assertSnakeCase(doc, "");
        List<String> kindAndId = new ArrayList<>();
        for (JsonNode e : doc.get("extensions")) {
            kindAndId.add(e.get("kind").asText() + ":" + e.get("id").asText());
            assertThat(fieldNames(e)).contains("kind", "id", "plugin", "version", "parameters");
            for (JsonNode p : e.get("parameters")) {
                assertThat(fieldNames(p)).as("parameter of %s", e.get("id")).contains("name", "type", "default", "range");
            }
        }
        assertThat(kindAndId).containsExactlyInAnyOrderElementsOf(BuiltInCatalogue.all());
        assertThat(parameter(doc, "idx", "validation_split"))
                .containsEntry("type", "number").containsEntry("default", "0.1").containsEntry("range", "[0.0, 0.9]");
        assertThat(parameter(doc, "early-stopping", "monitor"))
                .containsEntry("type", "choice").containsEntry("default", "val_loss")
                .containsEntry("range", "loss | accuracy | val_loss | val_accuracy");
        assertThat(parameter(doc, "horizontal-flip", "probability")).containsEntry("default", "0.5").containsEntry("range", "[0.0, 1.0]");
        assertThat(parameter(doc, "lenet5", "activation")).containsEntry("default", "tanh");
        assertThat(doc.get("problems")).isEmpty();
    }

    @Test
    void checkJsonGivesTheParameterCountsAndLayersOfSmallCnn() {
        CliResult result = Cli.process("check", file.toString(), "--json", "--home", home.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode doc = result.json();
        assertSnakeCase(doc, "");
        assertThat(doc.get("total_params").asLong()).isEqualTo(93_322);
        assertThat(doc.get("trainable_params").asLong()).isEqualTo(93_322);
        assertLayersAddUp(doc);
        assertThat(doc.get("layers").get(0).get("output_shape").asText()).isEqualTo("(None, 26, 26, 32)");
    }

    @Test
    void checkJsonGivesTheParameterCountOfLenet5OnTheQuickstart() {
        // The quickstart's paths are relative to its own folder.
        Path quickstart = Cli.root().resolve("experiments/quickstart.yaml");

        CliResult result = Cli.process("check", quickstart.toString(), "--json", "--set", "dataset.params.train_limit=600",
                "--home", home.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        JsonNode doc = result.json();
        assertThat(doc.get("total_params").asLong()).isEqualTo(545_546);
        assertThat(doc.get("trainable_params").asLong()).isEqualTo(545_546);
        assertLayersAddUp(doc);
        assertThat(doc.get("classes").get(9).asText()).isEqualTo("Ankle boot");
    }

    @Test
    void checkTrainsNothingAndRecordsNoRun() {
        CliResult check = Cli.inProcess("check", file.toString(), "--home", home.toString());
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(check.out()).contains("is valid", "Total params: 93,322", "Trainable params: 93,322");

        CliResult runs = Cli.inProcess("runs", "--json", "--home", home.toString());
        assertThat(runs.json().get("runs")).hasSize(1);
    }

    @Test
    void runsWithoutJsonPrintsATableOfRuns() {
        CliResult runs = Cli.inProcess("runs", "--home", home.toString());

        assertThat(runs.exitCode()).as(runs.describe()).isZero();
        assertThat(runs.outLines().get(0)).contains("id", "experiment", "status", "epochs", "best val_acc", "test acc", "started",
                "duration");
        assertThat(runs.out()).contains(runId, "tiny", "completed");
    }

    private static void assertLayersAddUp(JsonNode doc) {
        long sum = 0;
        for (JsonNode layer : doc.get("layers")) {
            assertThat(fieldNames(layer)).contains("name", "type", "output_shape", "params");
            sum += layer.get("params").asLong();
        }
        assertThat(doc.get("layers")).isNotEmpty();
        assertThat(sum).as("layer parameters add up to total_params").isEqualTo(doc.get("total_params").asLong());
    }

    private static Map<String, String> parameter(JsonNode doc, String extensionId, String name) {
        for (JsonNode e : doc.get("extensions")) {
            if (e.get("id").asText().equals(extensionId)) {
                for (JsonNode p : e.get("parameters")) {
                    if (p.get("name").asText().equals(name)) {
                        return Map.of("type", p.get("type").asText(), "default", p.get("default").asText(),
                                "range", p.get("range").asText());
                    }
                }
            }
        }
        throw new AssertionError("no parameter " + name + " of " + extensionId + " in " + doc);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every field name is snake_case, except the keys of "overrides" (JSON pointers of the file). */
    private static void assertSnakeCase(JsonNode node, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertSnakeCase(node.get(i), path + "/" + i);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertThat(field.getKey()).as("field name at %s", path).matches("[a-z][a-z0-9_]*");
                if (!field.getKey().equals("overrides")) {
                    assertSnakeCase(field.getValue(), path + "/" + field.getKey());
                }
            }
        }
    }
}
