package org.cnnworkbench.web;

import static org.cnnworkbench.web.ApiError.Status.BAD_REQUEST;
import static org.cnnworkbench.web.ApiError.Status.CONFLICT;
import static org.cnnworkbench.web.ApiError.Status.FORBIDDEN;
import static org.cnnworkbench.web.ApiError.Status.NOT_FOUND;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.store.RunCuration;

/**
 * The dashboard's writes: {@code POST /api/runs/{id}/note} and {@code POST /api/sweeps/{id}/note} with
 * {@code {"note": "text"}} (null or blank clears it). Past the {@link Guard} (host, token), a write must
 * be JSON ({@code Content-Type: application/json}, which a form on another site cannot send without a
 * CORS preflight this server never grants) and, when the browser names an {@code Origin}, come from
 * this dashboard's own.
 */
record CurationRoutes(WebSources sources, Lookups lookups) implements PageRoutes {

    @Override
    public void register(Javalin app) {
        app.post("/api/runs/{id}/note", ctx -> note(ctx, ctx.pathParam("id"), true));
        app.post("/api/sweeps/{id}/note", ctx -> note(ctx, ctx.pathParam("id"), false));
        app.post("/api/trash", this::trash);
        app.post("/api/restore", this::restore);
    }

    /** {@code {"ids": ["r12", "s3"]}}: to the trash, all or none (409 for a queued or running one). */
    private void trash(Context ctx) {
        RunCuration curation = writable(ctx);
        JsonNode ids = body(ctx).get("ids");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 10_000) {
            throw BAD_REQUEST.error("the body must be {\"ids\": [\"r12\", \"s3\", ...]} with 1 to 10000 ids");
        }
        java.util.List<String> list = new java.util.ArrayList<>();
        ids.forEach(n -> list.add(n.asText()));
        try {
            ctx.json(Map.of("trashed", curation.trash(list)));
        } catch (IllegalStateException e) {
            throw CONFLICT.error(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw NOT_FOUND.error(e.getMessage());
        }
    }

    /** {@code {"id": "r12"}}: back from the trash. */
    private void restore(Context ctx) {
        RunCuration curation = writable(ctx);
        JsonNode id = body(ctx).get("id");
        if (id == null || !id.isTextual()) {
            throw BAD_REQUEST.error("the body must be {\"id\": \"r12\"} (a run or a sweep)");
        }
        try {
            ctx.json(Map.of("restored", curation.restore(id.asText())));
        } catch (IllegalStateException e) {
            throw CONFLICT.error(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw NOT_FOUND.error(e.getMessage());
        }
    }

    private void note(Context ctx, String id, boolean run) {
        RunCuration curation = writable(ctx);
        if (run) {
            lookups.run(id);
        } else if (!id.matches("s\\d{1,18}") || sources.sweeps().findSweep(id).isEmpty()) {
            throw NOT_FOUND.error("no sweep " + id);
        }
        JsonNode body = body(ctx);
        JsonNode note = body.get("note");
        if (note == null || !(note.isTextual() || note.isNull())) {
            throw BAD_REQUEST.error("the body must be {\"note\": \"text\"} (null or \"\" clears the note)");
        }
        try {
            curation.setNote(id, note.isNull() ? null : note.asText());
        } catch (IllegalArgumentException e) {
            throw BAD_REQUEST.error(e.getMessage());
        }
        ctx.json(Map.of("id", id, "note", curation.notes(java.util.List.of(id)).getOrDefault(id, "")));
    }

    /** The curation interface, after the checks every write passes. */
    static RunCuration writable(Context ctx, WebSources sources) {
        if (sources.curation() == null) {
            throw FORBIDDEN.error("this dashboard is read-only");
        }
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw BAD_REQUEST.error("a write must be JSON (Content-Type: application/json)");
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null && (host == null || !origin.replaceFirst("^[a-zA-Z]+://", "").equalsIgnoreCase(host))) {
            throw FORBIDDEN.error("writes are accepted from this dashboard's own pages only");
        }
        return sources.curation();
    }

    private RunCuration writable(Context ctx) {
        return writable(ctx, sources);
    }

    static JsonNode body(Context ctx) {
        try {
            JsonNode body = Json.MAPPER.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw BAD_REQUEST.error("the body must be a JSON object");
            }
            return body;
        } catch (java.io.IOException e) {
            throw BAD_REQUEST.error("the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
