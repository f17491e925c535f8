package org.cnnworkbench.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunSummary;

/** Runs as JSON documents (snake_case), the same for {@code runs --json}, {@code show --json} and the web API. */
public final class RunJson {
    private RunJson() {
    }

    /** A row of the runs list. */
    public static Map<String, Object> summary(RunSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("experiment", r.experiment());
        m.put("sweep_id", r.sweepId());
        m.put("status", r.status().label());
        m.put("epochs", r.epochs());
        m.put("best_val_accuracy", r.bestValAccuracy());
        m.put("test_accuracy", r.testAccuracy());
        m.put("created_at", r.createdAt());
        m.put("started_at", r.startedAt());
        m.put("ended_at", r.endedAt());
        m.put("duration_seconds", r.startedAt() == null || r.endedAt() == null ? null : (r.endedAt() - r.startedAt()) / 1000.0);
        return m;
    }

    /** Epochs as rows: {@code {"epoch": 3, "loss": ..., "val_loss": ...}}. */
    public static List<Map<String, Object>> epochRows(List<EpochMetrics> epochs) {
        List<Map<String, Object>> rows = new ArrayList<>(epochs.size());
        for (EpochMetrics e : epochs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", e.epoch());
            row.putAll(e.values());
            rows.add(row);
        }
        return rows;
    }

    /** A run in full: parameters, per-epoch metrics, model summary, confusion matrix, report, provenance. */
    public static Map<String, Object> detail(RunDetail run, List<EpochMetrics> epochs) {
        Map<String, Object> m = new LinkedHashMap<>(summary(run.summary()));
        m.put("seed", run.seed());
        m.put("test_loss", run.testLoss());
        m.put("params", tree(run.configJson()));
        m.put("overrides", tree(run.overridesJson()));
        m.put("epoch_metrics", epochRows(epochs));
        JsonNode result = tree(run.resultJson());
        m.put("model_summary", result.get("model_summary"));
        m.put("class_names", result.get("class_names"));
        m.put("confusion_matrix", result.get("confusion"));
        m.put("classification_report", result.get("report"));
        m.put("stop_reason", result.get("stop_reason"));
        m.put("summary", result.get("summary"));
        m.put("dataset", result.get("dataset"));
        m.put("provenance", tree(run.provenanceJson()));
        m.put("artifacts", run.artifacts());
        m.put("error", run.error());
        return m;
    }

    /** A recorded JSON column; an empty object when the run never got that far (e.g. a trial still queued). */
    public static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a recorded JSON column is not JSON", e);
        }
    }
}
