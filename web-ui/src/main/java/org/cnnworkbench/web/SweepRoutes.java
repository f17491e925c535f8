package org.cnnworkbench.web;

import static org.cnnworkbench.web.ApiError.Status.NOT_FOUND;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.analysis.OverfittingSummary;
import org.cnnworkbench.engine.analysis.ParameterImportance;
import org.cnnworkbench.engine.json.SweepJson;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepJob;

/**
 * The sweep page's routes: {@code /api/sweeps} and {@code /api/sweeps/{id}}, a sweep with each trial's
 * overfitting analytics, parameter importance, its jobs and its search space (each parameter's
 * distribution, so plots can follow a log scale).
 */
record SweepRoutes(WebSources sources, Lookups lookups) implements PageRoutes {
    @Override
    public void register(Javalin app) {
        app.get("/api/sweeps", this::sweeps);
        app.get("/api/sweeps/{id}", this::sweep);
    }

    private void sweeps(Context ctx) {
        ctx.json(Map.of("sweeps", sources.sweeps().listSweeps(Params.query(ctx).integer("limit", 200)).stream()
                .map(SweepJson::summary).toList()));
    }

    private void sweep(Context ctx) {
        String id = ctx.pathParam("id");
        SweepDetail detail = sources.sweeps().findSweep(id).orElseThrow(() -> NOT_FOUND.error("no sweep " + id));
        Map<String, Object> doc = new LinkedHashMap<>(SweepJson.of(detail));
        // Each trial with its overfitting analytics, for the trials table and the gap-vs-parameter plot.
        Map<String, OverfittingSummary> analytics = sources.queries().sweepOverfitting(id);
        List<Map<String, Object>> trials = new ArrayList<>();
        for (Object t : (List<?>) doc.get("trials")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> trial = new LinkedHashMap<>((Map<String, Object>) t);
            OverfittingSummary o = analytics.get((String) trial.get("id"));
            trial.put("gap_loss_last", o == null ? null : o.gapLossLast());
            trial.put("gap_loss_best", o == null ? null : o.gapLossBest());
            trial.put("onset_epoch", o == null ? null : o.onsetEpoch());
            trial.put("early_stop_epoch", o == null ? null : o.earlyStopEpoch());
            trials.add(trial);
        }
        doc.put("trials", trials);
        doc.put("importance", importance(trials));
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (SweepJob j : sources.sweeps().jobs(id)) {
            jobs.add(Map.of("launcher", j.launcher(), "job_id", j.jobId(), "tasks", j.tasks(), "submitted_at", j.submittedAt()));
        }
        doc.put("jobs", jobs);
        doc.put("search_space", searchSpace(detail.specJson()));
        doc.put("note", sources.curation() == null ? null : sources.curation().notes(List.of(id)).get(id));
        doc.put("notes_editable", sources.curation() != null);
        ctx.json(doc);
    }

    private static Map<String, Object> importance(List<Map<String, Object>> trials) {
        List<ParameterImportance.Trial> finished = new ArrayList<>();
        for (Map<String, Object> t : trials) {
            Object objective = t.get("objective");
            if (objective instanceof Number n && !"failed".equals(t.get("status"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> params = (Map<String, Object>) t.get("params");
                finished.add(new ParameterImportance.Trial(params, n.doubleValue()));
            }
        }
        ParameterImportance.Result importance = ParameterImportance.of(finished);
        Map<String, Object> imp = new LinkedHashMap<>();
        imp.put("importances", importance.importances().stream().map(e -> Map.of("parameter", e.parameter(),
                "importance", e.importance(), "eta2", e.eta2())).toList());
        imp.put("trials", importance.trials());
        imp.put("method", importance.method());
        imp.put("reason", importance.reason());
        return imp;
    }

    /**
     * The sweep section's parameters as stored with the sweep: path to distribution as written, e.g.
     * {@code {"training.learning_rate": {"log_uniform": [1e-4, 1e-2]}}}; empty when not recorded. Only
     * this part of the stored definition is sent (it also holds the experiment file's server path).
     */
    static Object searchSpace(String specJson) {
        try {
            JsonNode parameters = Json.MAPPER.readTree(specJson).path("sweep").path("parameters");
            return parameters.isObject() ? parameters : Map.of();
        } catch (java.io.IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
