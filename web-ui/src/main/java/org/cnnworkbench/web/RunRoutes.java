package org.cnnworkbench.web;

import static org.cnnworkbench.web.ApiError.Status.BAD_REQUEST;
import static org.cnnworkbench.web.ApiError.Status.NOT_FOUND;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.analysis.OverfittingAnalysis;
import org.cnnworkbench.engine.json.RunExport;
import org.cnnworkbench.engine.json.RunJson;
import org.cnnworkbench.engine.json.SweepJson;
import org.cnnworkbench.engine.query.Field;
import org.cnnworkbench.engine.query.QueryException;
import org.cnnworkbench.engine.query.RunFilter;
import org.cnnworkbench.engine.query.RunOrder;
import org.cnnworkbench.engine.store.ExperimentSummary;
import org.cnnworkbench.engine.store.RunDetail;
import org.cnnworkbench.engine.store.RunPage;
import org.cnnworkbench.engine.store.RunQuery;
import org.cnnworkbench.engine.store.RunRow;
import org.cnnworkbench.engine.store.RunStatus;

/**
 * The home page's and the run page's routes: {@code /api/overview}, {@code /api/runs} (the server
 * filters, sorts and pages), {@code /api/runs/{id}}, its curves and its model download.
 */
record RunRoutes(WebSources sources, Lookups lookups, ArtifactFiles files) implements PageRoutes {
    private static final Field NOTE = Field.of("note");

    @Override
    public void register(Javalin app) {
        app.get("/api/overview", this::overview);
        app.get("/api/runs", this::runs);
        app.get("/api/runs/{id}", this::run);
        app.get("/api/runs/{id}/model", this::model);
        app.get("/api/runs/{id}/curves", this::curves);
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
        List<Map<String, Object>> sweeps = new ArrayList<>();
        sources.sweeps().listSweeps(200).forEach(s -> sweeps.add(new LinkedHashMap<>(SweepJson.summary(s))));
        Map<String, String> notes = sources.curation() == null ? Map.of()
                : sources.curation().notes(sweeps.stream().map(s -> (String) s.get("id")).toList());
        sweeps.forEach(s -> s.put("note", notes.get((String) s.get("id"))));
        doc.put("sweeps", sweeps);
        ctx.json(doc);
    }

    private void runs(Context ctx) {
        RunPage page = sources.queries().query(query(ctx));
        List<Field> columns = new ArrayList<>();
        for (String c : Params.query(ctx).list("columns")) {
            try {
                columns.add(Field.of(c.strip()));
            } catch (IllegalArgumentException e) {
                throw BAD_REQUEST.error("columns: " + e.getMessage());
            }
        }
        if (columns.size() > 20) {
            throw BAD_REQUEST.error("columns: 20 at most, found " + columns.size());
        }
        List<Field> read = new ArrayList<>(columns);
        read.add(NOTE);
        Map<String, Map<String, Object>> values = sources.queries().values(
                page.rows().stream().map(r -> r.summary().id()).toList(), read);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("total", page.total());
        doc.put("offset", page.offset());
        List<Map<String, Object>> rows = new ArrayList<>(page.rows().size());
        for (RunRow r : page.rows()) {
            Map<String, Object> m = new LinkedHashMap<>(RunJson.summary(r.summary()));
            m.put("latest", r.latest());
            m.put("tags", r.tags());
            m.put("overfitting", r.overfitting());
            Map<String, Object> v = values.getOrDefault(r.summary().id(), Map.of());
            m.put("note", v.get(NOTE.text()));
            if (!columns.isEmpty()) {
                Map<String, Object> chosen = new LinkedHashMap<>();
                columns.forEach(c -> chosen.put(c.text(), v.get(c.text())));
                m.put("values", chosen);
            }
            rows.add(m);
        }
        doc.put("rows", rows);
        ctx.json(doc);
    }

    /**
     * The runs query of {@code /api/runs}: status, experiment, sweep, tag, q, range=KEY:MIN:MAX, sort, order, offset, limit,
     * and the query language's filter= and order_by= (which replaces sort and order).
     */
    static RunQuery query(Context ctx) {
        Params params = Params.query(ctx);
        Set<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
        for (String s : params.list("status")) {
            try {
                statuses.add(RunStatus.fromLabel(s));
            } catch (IllegalArgumentException e) {
                throw BAD_REQUEST.error("status '" + s + "' is not one of " + Arrays.stream(RunStatus.values())
                        .map(RunStatus::label).toList());
            }
        }
        List<RunQuery.Range> ranges = new ArrayList<>();
        for (String r : ctx.queryParams("range")) {
            String[] p = r.split(":", -1);
            if (p.length != 3) {
                throw BAD_REQUEST.error("range '" + r + "' must be KEY:MIN:MAX (either bound may be empty), e.g. val_loss::0.5");
            }
            try {
                ranges.add(new RunQuery.Range(p[0], Params.number(p[1], "range " + r), Params.number(p[2], "range " + r)));
            } catch (IllegalArgumentException e) {
                throw BAD_REQUEST.error(e.getMessage());
            }
        }
        String order = params.choice("order", "desc", "asc");
        RunFilter filter = null;
        List<RunOrder.Key> orderBy = List.of();
        try {
            String f = params.text("filter");
            filter = f == null || f.isBlank() ? null : RunFilter.parse(f);
        } catch (QueryException e) {
            throw ApiError.badQuery("filter", e);
        }
        try {
            String o = params.text("order_by");
            orderBy = o == null || o.isBlank() ? List.of() : RunOrder.parse(o);
        } catch (QueryException e) {
            throw ApiError.badQuery("order_by", e);
        }
        try {
            return new RunQuery(statuses, params.text("experiment"), params.text("sweep"), params.text("tag"), params.text("q"),
                    ranges, params.text("sort"), order.equals("desc"), params.integer("offset", 0), params.integer("limit", 50),
                    filter, orderBy, "1".equals(params.text("trash")) || "true".equals(params.text("trash")));
        } catch (IllegalArgumentException e) {
            throw BAD_REQUEST.error(e.getMessage());
        }
    }

    private void run(Context ctx) {
        String id = ctx.pathParam("id");
        RunDetail run = lookups.run(id);
        List<EpochMetrics> epochs = sources.runs().epochs(id);
        Map<String, Object> doc = new LinkedHashMap<>(RunJson.detail(run, epochs));
        doc.put("flat_params", RunExport.flatten(RunJson.tree(run.configJson())));
        doc.put("has_model", files.of(run, "model").isPresent());
        doc.put("note", sources.queries().values(List.of(id), List.of(NOTE)).getOrDefault(id, Map.of()).get(NOTE.text()));
        doc.put("notes_editable", sources.curation() != null);
        doc.put("samples", samples(run));
        // The stored analytics use the default patience; another patience is computed from the epochs.
        Integer patience = Params.query(ctx).optionalInteger("patience", 1, 1000);
        if (patience == null) {
            doc.put("overfitting", sources.queries().overfitting(id).orElse(null));
        } else {
            doc.put("overfitting", epochs.isEmpty() ? null : OverfittingAnalysis.of(epochs, patience));
        }
        ctx.json(doc);
    }

    /**
     * A run's curves, downsampled honestly to at most {@code points} per curve over the range from..to; per-batch keys
     * ({@code batch_loss}, {@code batch_accuracy}) at fractional epochs on the same x axis.
     */
    private void curves(Context ctx) {
        String id = ctx.pathParam("id");
        lookups.run(id);
        Params params = Params.query(ctx);
        List<String> keys = params.list("keys");
        if (keys.isEmpty()) {
            throw BAD_REQUEST.error("keys: name the metrics, e.g. ?keys=loss,val_loss");
        }
        int points = params.integer("points", 600, 4, 100_000);
        List<String> batchKeys = keys.stream().filter(k -> k.startsWith("batch_")).toList();
        Map<String, List<double[]>> batches = batchKeys.isEmpty() ? Map.of() : sources.runs().batchCurves(id, batchKeys);
        ctx.json(Curves.of(sources.runs().epochs(id), batches, keys, params.optionalInteger("from", Integer.MIN_VALUE, Integer.MAX_VALUE),
                params.optionalInteger("to", Integer.MIN_VALUE, Integer.MAX_VALUE), points));
    }

    private void model(Context ctx) {
        String id = ctx.pathParam("id");
        Path file = files.of(lookups.run(id), "model").orElseThrow(() -> NOT_FOUND.error("run " + id + " has no saved model"));
        ctx.header("Content-Disposition", "attachment; filename=\"" + id + "-model.zip\"");
        ctx.contentType("application/zip");
        ctx.result(ArtifactFiles.open(file));
    }

    /** The run's test images with predictions (misclassified first), from its samples artifact. */
    private Object samples(RunDetail run) {
        Optional<Path> file = files.of(run, "samples");
        if (file.isEmpty()) {
            return List.of();
        }
        try {
            return Json.MAPPER.readTree(file.get().toFile());
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
