package org.cnnworkbench.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.analysis.OverfittingAnalysis;
import org.cnnworkbench.engine.analysis.OverfittingSummary;
import org.cnnworkbench.engine.analysis.ParameterImportance;
import org.cnnworkbench.engine.analysis.RepeatGroups;
import org.cnnworkbench.engine.analysis.Welch;
import org.cnnworkbench.engine.json.RunExport;
import org.cnnworkbench.engine.json.RunJson;
import org.cnnworkbench.engine.json.SweepJson;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.ExperimentSummary;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunPage;
import org.cnnworkbench.engine.store.RunQuery;
import org.cnnworkbench.engine.store.RunRow;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepJob;

/**
 * The JSON API the pages use (and scripts may): every document is the one the CLI prints with
 * {@code --json}, plus what only pages need (pages of runs, parameter diffs).
 */
final class Api {
    /** Runs a compare page takes at most. */
    static final int MAX_COMPARE = 20;
    /** Runs one export holds at most. */
    static final int EXPORT_LIMIT = 100_000;

    private final WebSources sources;

    Api(WebSources sources) {
        this.sources = sources;
    }

    void register(Javalin app) {
        app.get("/api/overview", this::overview);
        app.get("/api/runs", this::runs);
        app.get("/api/runs/{id}", this::run);
        app.get("/api/runs/{id}/model", this::model);
        app.get("/api/runs/{id}/curves", this::curves);
        app.get("/api/sweeps", this::sweeps);
        app.get("/api/sweeps/{id}", this::sweep);
        app.get("/api/compare", this::compare);
        app.get("/api/plugins", ctx -> ctx.json(sources.plugins().get()));
        app.get("/api/export", this::export);
        app.post("/api/predict", new PredictHandler(sources)::handle);
    }

    private void overview(Context ctx) {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Map<String, Object>> experiments = new ArrayList<>();
        for (ExperimentSummary e : sources.queries().experiments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("runs", e.runs());
            m.put("sweeps", e.sweeps());
            Map<String, Integer> counts = new LinkedHashMap<>();
            e.counts().forEach((s, n) -> counts.put(s.label(), n));
            m.put("counts", counts);
            m.put("best_val_accuracy", e.bestValAccuracy());
            m.put("last_activity", e.lastActivity());
            experiments.add(m);
        }
        doc.put("experiments", experiments);
        doc.put("sweeps", sources.sweeps().listSweeps(200).stream().map(SweepJson::summary).toList());
        ctx.json(doc);
    }

    private void runs(Context ctx) {
        RunPage page = sources.queries().query(query(ctx));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("total", page.total());
        doc.put("offset", page.offset());
        List<Map<String, Object>> rows = new ArrayList<>(page.rows().size());
        for (RunRow r : page.rows()) {
            Map<String, Object> m = new LinkedHashMap<>(RunJson.summary(r.summary()));
            m.put("latest", r.latest());
            m.put("tags", r.tags());
            m.put("overfitting", r.overfitting());
            rows.add(m);
        }
        doc.put("rows", rows);
        ctx.json(doc);
    }

    /** The runs query of {@code /api/runs}: status, experiment, sweep, tag, q, range=KEY:MIN:MAX, sort, order, offset, limit. */
    static RunQuery query(Context ctx) {
        Set<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
        for (String s : list(ctx.queryParam("status"))) {
            try {
                statuses.add(RunStatus.fromLabel(s));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("status '" + s + "' is not one of " + Arrays.stream(RunStatus.values())
                        .map(RunStatus::label).toList());
            }
        }
        List<RunQuery.Range> ranges = new ArrayList<>();
        for (String r : ctx.queryParams("range")) {
            String[] p = r.split(":", -1);
            if (p.length != 3) {
                throw new BadRequest("range '" + r + "' must be KEY:MIN:MAX (either bound may be empty), e.g. val_loss::0.5");
            }
            try {
                ranges.add(new RunQuery.Range(p[0], number(p[1], "range " + r), number(p[2], "range " + r)));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        }
        String order = Objects.requireNonNullElse(ctx.queryParam("order"), "desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw new BadRequest("order must be asc or desc, found '" + order + "'");
        }
        try {
            return new RunQuery(statuses, blankToNull(ctx.queryParam("experiment")), blankToNull(ctx.queryParam("sweep")),
                    blankToNull(ctx.queryParam("tag")), blankToNull(ctx.queryParam("q")), ranges,
                    blankToNull(ctx.queryParam("sort")), order.equals("desc"), integer(ctx.queryParam("offset"), 0, "offset"),
                    integer(ctx.queryParam("limit"), 50, "limit"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private void run(Context ctx) {
        String id = ctx.pathParam("id");
        RunDetail run = findRun(id);
        List<EpochMetrics> epochs = sources.runs().epochs(id);
        Map<String, Object> doc = new LinkedHashMap<>(RunJson.detail(run, epochs));
        doc.put("flat_params", RunExport.flatten(RunJson.tree(run.configJson())));
        doc.put("has_model", model(run) != null);
        doc.put("samples", samples(run));
        // The stored analytics use the default patience; another patience is computed from the epochs.
        String patience = ctx.queryParam("patience");
        if (patience == null || patience.isBlank()) {
            doc.put("overfitting", sources.queries().overfitting(id).orElse(null));
        } else {
            int p = integer(patience, OverfittingAnalysis.DEFAULT_PATIENCE, "patience");
            if (p < 1 || p > 1000) {
                throw new BadRequest("patience must be 1..1000, found " + p);
            }
            doc.put("overfitting", epochs.isEmpty() ? null : OverfittingAnalysis.of(epochs, p));
        }
        ctx.json(doc);
    }

    /** A run's curves, downsampled honestly to at most {@code points} per curve over the range from..to. */
    private void curves(Context ctx) {
        String id = ctx.pathParam("id");
        findRun(id);
        List<String> keys = list(ctx.queryParam("keys"));
        if (keys.isEmpty()) {
            throw new BadRequest("keys: name the metrics, e.g. ?keys=loss,val_loss");
        }
        int points = integer(ctx.queryParam("points"), 600, "points");
        if (points < 4 || points > 100_000) {
            throw new BadRequest("points must be 4..100000, found " + points);
        }
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        ctx.json(Curves.of(sources.runs().epochs(id), keys, from == null || from.isBlank() ? null : integer(from, 0, "from"),
                to == null || to.isBlank() ? null : integer(to, 0, "to"), points));
    }

    private void model(Context ctx) {
        String id = ctx.pathParam("id");
        Path file = model(findRun(id));
        if (file == null) {
            throw BadRequest.notFound("run " + id + " has no saved model");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + id + "-model.zip\"");
        ctx.contentType("application/zip");
        try {
            ctx.result(Files.newInputStream(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The run's test images with predictions (misclassified first), from its samples artifact. */
    private Object samples(RunDetail run) {
        for (Artifact a : run.artifacts()) {
            Path file = sources.home().resolve(a.relativePath()).normalize();
            if (a.kind().equals("samples") && file.startsWith(sources.home().normalize()) && Files.isRegularFile(file)) {
                try {
                    return org.cnnworkbench.engine.Json.MAPPER.readTree(file.toFile());
                } catch (java.io.IOException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    private Path model(RunDetail run) {
        for (Artifact a : run.artifacts()) {
            if (a.kind().equals("model")) {
                Path file = sources.home().resolve(a.relativePath()).normalize();
                if (file.startsWith(sources.home().normalize()) && Files.isRegularFile(file)) {
                    return file;
                }
            }
        }
        return null;
    }

    private void sweeps(Context ctx) {
        ctx.json(Map.of("sweeps", sources.sweeps().listSweeps(integer(ctx.queryParam("limit"), 200, "limit")).stream()
                .map(SweepJson::summary).toList()));
    }

    private void sweep(Context ctx) {
        String id = ctx.pathParam("id");
        SweepDetail detail = sources.sweeps().findSweep(id).orElseThrow(() -> BadRequest.notFound("no sweep " + id));
        Map<String, Object> doc = new LinkedHashMap<>(SweepJson.of(detail));
        // Each trial with its overfitting analytics, for the trials table and the gap-vs-parameter plot.
        Map<String, OverfittingSummary> analytics = new java.util.HashMap<>();
        for (int offset = 0; ; offset += RunQuery.MAX_LIMIT) {
            RunPage page = sources.queries().query(new RunQuery(Set.of(), null, id, null, null, List.of(), "id", false, offset,
                    RunQuery.MAX_LIMIT));
            page.rows().forEach(r -> analytics.put(r.summary().id(), r.overfitting()));
            if (page.rows().size() < RunQuery.MAX_LIMIT) {
                break;
            }
        }
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
        doc.put("importance", imp);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (SweepJob j : sources.sweeps().jobs(id)) {
            jobs.add(Map.of("launcher", j.launcher(), "job_id", j.jobId(), "tasks", j.tasks(), "submitted_at", j.submittedAt()));
        }
        doc.put("jobs", jobs);
        ctx.json(doc);
    }

    /** Several runs side by side: their summaries, the parameters (which differ), the final metrics. */
    private void compare(Context ctx) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(list(ctx.queryParam("ids"))));
        if (ids.isEmpty()) {
            throw new BadRequest("ids: give the runs to compare, e.g. ?ids=r3,r7");
        }
        if (ids.size() > MAX_COMPARE) {
            throw new BadRequest("at most " + MAX_COMPARE + " runs can be compared, found " + ids.size());
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        List<Map<String, Object>> flat = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        Map<String, List<EpochMetrics>> curves = new LinkedHashMap<>();
        for (String id : ids) {
            RunDetail run = findRun(id);
            List<EpochMetrics> epochs = sources.runs().epochs(id);
            curves.put(id, epochs);
            Map<String, Object> m = new LinkedHashMap<>(RunJson.summary(run.summary()));
            m.put("seed", run.seed());
            m.put("final", epochs.isEmpty() ? Map.of() : epochs.get(epochs.size() - 1).values());
            m.put("test_loss", run.testLoss());
            runs.add(m);
            Map<String, Object> f = RunExport.flatten(RunJson.tree(run.configJson()));
            flat.add(f);
            keys.addAll(f.keySet());
        }
        List<Map<String, Object>> params = new ArrayList<>();
        for (String key : keys) {
            List<Object> values = new ArrayList<>();
            for (Map<String, Object> f : flat) {
                values.add(f.get(key));
            }
            boolean differs = values.stream().map(v -> v == null ? "\u0000" : v.toString()).distinct().count() > 1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", key);
            row.put("values", values);
            row.put("differs", differs);
            params.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runs", runs);
        doc.put("params", params);
        List<RepeatGroups.Run> grouping = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            grouping.add(new RepeatGroups.Run(ids.get(i), flat.get(i)));
        }
        List<RepeatGroups.Group> groups = RepeatGroups.of(grouping);
        Set<String> metricKeys = new LinkedHashSet<>();
        curves.values().forEach(list -> list.forEach(e -> metricKeys.addAll(e.values().keySet())));
        List<Map<String, Object>> groupDocs = new ArrayList<>();
        for (RepeatGroups.Group g : groups) {
            Map<String, Object> gd = new LinkedHashMap<>();
            gd.put("label", g.label());
            gd.put("runs", g.runs());
            Map<String, Object> bands = new LinkedHashMap<>();
            if (g.runs().size() > 1) {
                for (String key : metricKeys) {
                    List<Map<Integer, Double>> perRun = new ArrayList<>();
                    for (String id : g.runs()) {
                        Map<Integer, Double> c = new LinkedHashMap<>();
                        curves.get(id).forEach(e -> c.put(e.epoch(), e.values().get(key)));
                        perRun.add(c);
                    }
                    bands.put(key, RepeatGroups.bands(perRun));
                }
            }
            gd.put("curves", bands);
            groupDocs.add(gd);
        }
        doc.put("groups", groupDocs);
        doc.put("significance", significance(groups, curves, metricKeys));
        ctx.json(doc);
    }

    /** Welch's test and a bootstrap interval between every two groups that both have repeats, on the final metric. */
    private static List<Map<String, Object>> significance(List<RepeatGroups.Group> groups, Map<String, List<EpochMetrics>> curves,
                                                          Set<String> metricKeys) {
        String metric = metricKeys.contains("val_accuracy") ? "val_accuracy" : metricKeys.contains("val_loss") ? "val_loss"
                : metricKeys.contains("loss") ? "loss" : null;
        List<Map<String, Object>> out = new ArrayList<>();
        List<RepeatGroups.Group> repeated = groups.stream().filter(g -> g.runs().size() > 1).toList();
        if (metric == null || groups.size() < 2) {
            return out;
        }
        for (int i = 0; i < groups.size() && out.size() < 10; i++) {
            for (int j = i + 1; j < groups.size() && out.size() < 10; j++) {
                RepeatGroups.Group a = groups.get(i);
                RepeatGroups.Group b = groups.get(j);
                if (!repeated.contains(a) && !repeated.contains(b)) {
                    continue;
                }
                Welch w = Welch.test(finals(a, curves, metric), finals(b, curves, metric), 42);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("a", a.label() + " (" + a.runs().size() + " run" + (a.runs().size() == 1 ? "" : "s") + ")");
                m.put("b", b.label() + " (" + b.runs().size() + " run" + (b.runs().size() == 1 ? "" : "s") + ")");
                m.put("metric", "final " + metric);
                m.put("test", w);
                m.put("verdict", w.verdict());
                out.add(m);
            }
        }
        return out;
    }

    private static double[] finals(RepeatGroups.Group g, Map<String, List<EpochMetrics>> curves, String metric) {
        return g.runs().stream().mapToDouble(id -> {
            List<EpochMetrics> e = curves.get(id);
            Double v = e.isEmpty() ? null : e.get(e.size() - 1).values().get(metric);
            return v == null ? Double.NaN : v;
        }).toArray();
    }

    /** Runs picked by ids=, else by sweep=, else by the runs table's filters; as JSON or CSV (kind=runs|epochs). */
    private void export(Context ctx) {
        String format = Objects.requireNonNullElse(ctx.queryParam("format"), "json");
        String kind = Objects.requireNonNullElse(ctx.queryParam("kind"), "runs");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new BadRequest("format must be json or csv, found '" + format + "'");
        }
        if (!kind.equals("runs") && !kind.equals("epochs")) {
            throw new BadRequest("kind must be runs or epochs, found '" + kind + "'");
        }
        List<String> ids = list(ctx.queryParam("ids"));
        if (ids.isEmpty()) {
            RunQuery base = query(ctx);
            List<String> all = new ArrayList<>();
            for (int offset = 0; all.size() < EXPORT_LIMIT; offset += RunQuery.MAX_LIMIT) {
                RunPage page = sources.queries().query(new RunQuery(base.statuses(), base.experiment(), base.sweepId(), base.tag(),
                        base.search(), base.ranges(), base.sort(), base.descending(), offset, RunQuery.MAX_LIMIT));
                page.rows().forEach(r -> all.add(r.summary().id()));
                if (page.rows().size() < RunQuery.MAX_LIMIT) {
                    break;
                }
            }
            ids = all;
        } else {
            ids.forEach(this::findRun);
        }
        String name = "workbench-" + (ctx.queryParam("sweep") != null ? ctx.queryParam("sweep") : "runs")
                + (kind.equals("epochs") ? "-epochs" : "") + "." + format;
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        if (format.equals("json")) {
            ctx.json(RunExport.json(sources.runs(), ids));
            return;
        }
        java.io.StringWriter out = new java.io.StringWriter();
        if (kind.equals("runs")) {
            RunExport.runsCsv(sources.runs(), ids, out);
        } else {
            RunExport.epochsCsv(sources.runs(), ids, out);
        }
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    private RunDetail findRun(String id) {
        if (!id.matches("r\\d+")) {
            throw new BadRequest("'" + id + "' is not a run id (r12)");
        }
        return sources.runs().findRun(id).orElseThrow(() -> BadRequest.notFound("no run " + id));
    }

    static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static int integer(String text, int fallback, String name) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number, found '" + text + "'");
        }
    }

    private static Double number(String text, String what) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequest(what + ": '" + text + "' is not a number");
        }
    }
}
