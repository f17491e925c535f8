package org.cnnworkbench.app.cli.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.json.RunJson;
import org.cnnworkbench.engine.store.RunDetail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.cnnworkbench.app.ExitCodes;
import org.cnnworkbench.app.cli.HomeCommand;
import org.cnnworkbench.app.cli.RunIdParameter;
import org.cnnworkbench.app.cli.JsonOption;
import org.cnnworkbench.app.text.ExperimentYaml;
import org.cnnworkbench.app.text.Reports;
import org.cnnworkbench.app.text.Table;
import org.cnnworkbench.app.home.Workbench;

/** {@code workbench show RUN_ID}: everything recorded about one run. */
@Command(name = "show", mixinStandardHelpOptions = true,
        header = "Show one run: parameters, epochs, model summary, confusion matrix, report.")
public final class ShowCommand extends HomeCommand {
    @Mixin
    RunIdParameter runId;

    @Mixin
    JsonOption json;

    @Override
    protected int run(Workbench workbench) throws Exception {
        RunDetail run = runId.find(workbench);
        List<EpochMetrics> epochs = workbench.store().epochs(runId.id());
        JsonNode result = RunJson.tree(run.resultJson());
        if (json.on()) {
            json.print(RunJson.detail(run, epochs));
            return ExitCodes.OK;
        }
        var s = run.summary();
        System.out.printf("Run %s  experiment %s  status %s  epochs %d  seed %d%n", s.id(), s.experiment(), s.status().label(),
                s.epochs(), run.seed());
        if (s.testAccuracy() != null) {
            System.out.printf("Test accuracy %.4f  test loss %s%n", s.testAccuracy(), Table.metric(run.testLoss()));
        }
        if (!result.path("stop_reason").isMissingNode() && !result.path("stop_reason").isNull()) {
            System.out.println("Stopped early: " + result.path("stop_reason").asText());
        }
        System.out.println("\nParameters:");
        System.out.println(ExperimentYaml.indent(ExperimentYaml.toYaml(RunJson.tree(run.configJson())), "  "));
        JsonNode overrides = RunJson.tree(run.overridesJson());
        if (overrides.size() > 0) {
            List<String> given = new ArrayList<>();
            overrides.forEach(o -> given.add(o.asText()));
            System.out.println("Overrides: " + String.join(" ", given));
        }
        if (!epochs.isEmpty()) {
            System.out.println("\nEpochs:");
            System.out.print(epochTable(epochs));
        }
        if (result.has("model_summary")) {
            System.out.println("\nModel summary:");
            System.out.print(modelSummary(result.get("model_summary")));
        }
        if (result.path("confusion").size() > 0) {
            System.out.println("\nConfusion matrix (test):");
            System.out.print(Reports.confusionMatrix(result.get("confusion"), result.get("class_names")));
            System.out.println("\nClassification report (test):");
            System.out.print(Reports.classificationReport(result.get("report")));
        }
        JsonNode provenance = RunJson.tree(run.provenanceJson());
        if (provenance.path("extensions").size() > 0) {
            System.out.println("\nPlugins used:");
            Table plugins = new Table("kind", "id", "plugin", "version", "jar sha256");
            provenance.get("extensions").forEach(e -> plugins.add(e.path("kind").asText(), e.path("id").asText(),
                    e.path("plugin").asText() + (e.path("built_in").asBoolean() ? " (built-in)" : ""), e.path("version").asText(),
                    e.path("sha256").asText().isEmpty() ? "-" : e.path("sha256").asText().substring(0, 16) + "…"));
            System.out.print(ExperimentYaml.indent(plugins.toString().stripTrailing(), "  ") + "\n");
            System.out.printf("  workbench %s, DL4J %s, Java %s, %s, backend %s%n", provenance.path("workbench_version").asText(),
                    provenance.path("dl4j_version").asText(), provenance.path("java_version").asText(),
                    provenance.path("os").asText() + " " + provenance.path("arch").asText(),
                    provenance.path("backend").path("backend").asText());
        }
        if (!run.artifacts().isEmpty()) {
            System.out.println("\nArtifacts (under " + workbench.home() + "):");
            run.artifacts().forEach(a -> System.out.printf("  %-10s %s (%,d bytes)%n", a.kind(), a.relativePath(), a.sizeBytes()));
        }
        if (run.error() != null) {
            System.out.println("\nError:\n" + run.error());
        }
        return ExitCodes.OK;
    }

    static String epochTable(List<EpochMetrics> epochs) {
        Set<String> keys = new LinkedHashSet<>();
        epochs.forEach(e -> keys.addAll(e.values().keySet()));
        List<String> headers = new ArrayList<>();
        headers.add("epoch");
        headers.addAll(keys);
        Table table = new Table(headers.toArray(String[]::new));
        for (EpochMetrics e : epochs) {
            List<Object> cells = new ArrayList<>();
            cells.add(e.epoch());
            for (String key : keys) {
                Double v = e.values().get(key);
                cells.add(v == null ? null : key.equals("samples_per_second") ? String.format("%.0f", v)
                        : key.equals("epoch_seconds") ? String.format("%.2f", v) : key.equals("lr") ? String.format("%.6g", v)
                        : Table.metric(v));
            }
            table.add(cells.toArray());
        }
        return table.toString();
    }

    static String modelSummary(JsonNode summary) {
        Table table = new Table("layer (type)", "output shape", "params");
        for (JsonNode row : summary.path("layers")) {
            table.add(row.path("name").asText() + " (" + row.path("type").asText() + ")", row.path("output_shape").asText(),
                    String.format("%,d", row.path("params").asLong()));
        }
        long total = summary.path("total_params").asLong();
        long trainable = summary.path("trainable_params").asLong();
        return table + String.format("Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n", total, trainable,
                total - trainable);
    }

}
