package org.cnnworkbench.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.json.RunExport;

/**
 * The export route, {@code /api/export}: runs picked by ids=, else by sweep=, else by the runs table's
 * filters; as JSON or CSV (kind=runs|epochs), downloaded as a file.
 */
record ExportRoutes(WebSources sources, Lookups lookups) implements PageRoutes {
    /** Runs one export holds at most. */
    static final int EXPORT_LIMIT = 100_000;

    @Override
    public void register(Javalin app) {
        app.get("/api/export", this::export);
    }

    @SuppressWarnings("unchecked")
    private void export(Context ctx) {
        Params params = Params.query(ctx);
        String format = params.choice("format", "json", "csv");
        String kind = params.choice("kind", "runs", "epochs");
        List<String> ids = params.list("ids");
        if (ids.isEmpty()) {
            ids = lookups.all(RunRoutes.query(ctx), EXPORT_LIMIT).stream().map(r -> r.summary().id()).toList();
        } else {
            ids.forEach(lookups::run);
        }
        String sweep = params.text("sweep");
        String name = "workbench-" + (sweep != null ? sweep.replaceAll("[^A-Za-z0-9_-]", "_") : "runs")
                + (kind.equals("epochs") ? "-epochs" : "") + "." + format;
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        if (format.equals("json")) {
            Map<String, Object> doc = RunExport.json(sources.runs(), ids);
            if (sources.curation() != null) {
                Map<String, String> notes = sources.curation().notes(ids);
                ((List<Map<String, Object>>) doc.get("runs")).forEach(m -> m.put("note", notes.get((String) m.get("id"))));
            }
            ctx.json(doc);
            return;
        }
        StringWriter out = new StringWriter();
        if (kind.equals("runs")) {
            RunExport.runsCsv(sources.runs(), ids, sources.curation() == null ? Map.of() : sources.curation().notes(ids), out);
        } else {
            RunExport.epochsCsv(sources.runs(), ids, out);
        }
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }
}
