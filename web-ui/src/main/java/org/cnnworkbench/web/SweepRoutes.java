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
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepJob;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.sweep.SweepObjectives;
import org.cnnworkbench.sweep.Pareto;

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
        // SweepJson's trial maps are fresh and mutable: the fields are added to them, not to copies.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> trials = (List<Map<String, Object>>) doc.get("trials");
        for (Map<String, Object> trial : trials) {
            OverfittingSummary o = analytics.get((String) trial.get("id"));
            trial.put("gap_loss_last", o == null ? null : o.gapLossLast());
            trial.put("gap_loss_best", o == null ? null : o.gapLossBest());
            trial.put("onset_epoch", o == null ? null : o.onsetEpoch());
            trial.put("early_stop_epoch", o == null ? null : o.earlyStopEpoch());
        }
        objectives(detail, doc, trials);
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

    /**
     * The sweep's objectives, each trial's values, the Pareto-optimal trials (as {@code sweep-status --json})
     * and, with two objectives or more, the hypervolume of the completed trials' front after each trial.
     */
    private void objectives(SweepDetail detail, Map<String, Object> doc, List<Map<String, Object>> trials) {
        SweepObjectives.Report report;
        try {
            report = SweepObjectives.report(detail, sources.runs());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return;   // a stored definition without a parseable sweep section: the page shows no objectives
        }
        doc.put("objectives", report.objectivesJson());
        doc.put("pareto", report.pareto());
        for (Map<String, Object> t : trials) {
            t.put("objectives", report.byTrial().getOrDefault((String) t.get("id"), List.of()));
        }
        if (report.objectives().size() >= 2) {
            doc.put("hypervolume", hypervolume(detail, report));
        }
    }

    /**
     * {@code {"reference": [...], "by_trial": [[number, volume], ...]}}: the volume the completed trials up to
     * each trial number dominate, in loss space (each objective turned so that smaller is better), bounded
     * by a reference point 10 % of each objective's range beyond its worst completed value.
     */
    static Map<String, Object> hypervolume(SweepDetail detail, SweepObjectives.Report report) {
        List<TrialRow> done = detail.trials().stream().filter(t -> t.status() == RunStatus.COMPLETED)
                .sorted(java.util.Comparator.comparingInt(TrialRow::number)).toList();
        List<double[]> points = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (TrialRow t : done) {
            double[] p = Pareto.losses(report.objectives(), report.byTrial().getOrDefault(t.id(), List.of()));
            if (java.util.Arrays.stream(p).allMatch(Double::isFinite)) {
                points.add(p);
                numbers.add(t.number());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (points.isEmpty()) {
            out.put("reference", null);
            out.put("by_trial", List.of());
            return out;
        }
        int d = points.get(0).length;
        double[] reference = new double[d];
        for (int i = 0; i < d; i++) {
            final int k = i;
            double max = points.stream().mapToDouble(p -> p[k]).max().orElse(0);
            double min = points.stream().mapToDouble(p -> p[k]).min().orElse(0);
            double margin = max > min ? 0.1 * (max - min) : Math.max(1e-9, 0.1 * Math.abs(max));
            reference[i] = max + margin;
        }
        List<List<Number>> byTrial = new ArrayList<>();
        for (int n = 0; n < points.size(); n++) {
            byTrial.add(List.of(numbers.get(n), Pareto.hypervolume(points.subList(0, n + 1), reference)));
        }
        out.put("reference", reference);
        out.put("by_trial", byTrial);
        return out;
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
