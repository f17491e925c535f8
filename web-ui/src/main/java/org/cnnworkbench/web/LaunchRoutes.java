package org.cnnworkbench.web;

import static org.cnnworkbench.web.ApiError.Status.BAD_REQUEST;
import static org.cnnworkbench.web.ApiError.Status.FORBIDDEN;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Launch and control, through the {@link Launches} the serving process gives: {@code POST /api/check},
 * {@code POST /api/runs} and {@code POST /api/sweeps} with an experiment's YAML as the body;
 * {@code POST /api/sweeps/{id}/pause|resume|extend|cancel} and {@code POST /api/runs/{id}/stop|requeue};
 * {@code GET /api/experiments} (the files of the server's experiments folder, one with {@code ?file=}).
 * Past the {@link Guard} (host, token), a POST is refused when its {@code Origin} names another site, and
 * when it is a form (which a page on another site can send without asking).
 */
record LaunchRoutes(Launches launches, ArtifactFiles files) implements PageRoutes {
    /** The largest experiment text accepted. */
    static final int MAX_YAML_CHARS = 256 * 1024;

    @Override
    public void register(Javalin app) {
        app.post("/api/check", ctx -> ctx.json(refusals(() -> launches(ctx).check(yaml(ctx), ctx.queryParam("file"))).toJson()));
        app.post("/api/runs", ctx -> launched(ctx, refusals(() -> launches(ctx).launchRun(yaml(ctx), ctx.queryParam("file")))));
        app.post("/api/sweeps", ctx -> launched(ctx, refusals(() -> launches(ctx).launchSweep(yaml(ctx), ctx.queryParam("file")))));
        app.post("/api/sweeps/{id}/pause", ctx -> control(ctx, () -> launches.pause(sweepId(ctx))));
        app.post("/api/sweeps/{id}/resume", ctx -> control(ctx, () -> launches.resume(sweepId(ctx))));
        app.post("/api/sweeps/{id}/cancel", ctx -> control(ctx, () -> launches.cancel(sweepId(ctx))));
        app.post("/api/sweeps/{id}/extend", ctx -> control(ctx, () -> launches.extend(sweepId(ctx), trials(ctx))));
        app.post("/api/runs/{id}/stop", ctx -> control(ctx, () -> launches.cancel(runId(ctx))));
        app.post("/api/runs/{id}/requeue", ctx -> control(ctx, () -> launches.requeue(runId(ctx))));
        app.get("/api/experiments", this::experiments);
    }

    private void experiments(Context ctx) {
        if (launches == null) {
            ctx.json(Map.of("launches", false, "files", java.util.List.of()));
            return;
        }
        String file = ctx.queryParam("file");
        refusals(() -> {
            if (file != null) {
                ctx.json(Map.of("file", file, "text", launches.experiment(file)));
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("launches", true);
                m.put("launcher", launches.launcher());
                m.put("files", launches.experiments());
                ctx.json(m);
            }
            return null;
        });
    }

    private void launched(Context ctx, Launches.Launched launched) {
        if (launched.id() == null) {
            Map<String, Object> body = new LinkedHashMap<>(launched.check().toJson());
            body.put("error", "the experiment is not valid: " + launched.check().errors().size() + " problem"
                    + (launched.check().errors().size() == 1 ? "" : "s"));
            ctx.status(400).json(body);
            return;
        }
        ctx.status(202).json(Map.of("id", launched.id()));
    }

    private void control(Context ctx, Supplier<Map<String, Object>> action) {
        launches(ctx);
        ctx.json(refusals(action));
    }

    /** A refusal's message without server paths (the home, the files a launch writes). */
    private <T> T refusals(Supplier<T> action) {
        try {
            return action.get();
        } catch (Launches.Refused e) {
            throw status(e.status()).error(files.hidePaths(e.getMessage()));
        }
    }

    private static ApiError.Status status(int code) {
        for (ApiError.Status s : ApiError.Status.values()) {
            if (s.error("").status() == code) {
                return s;
            }
        }
        return BAD_REQUEST;
    }

    /** The checks every POST here passes, and the launches. */
    private Launches launches(Context ctx) {
        if (launches == null) {
            throw FORBIDDEN.error("this dashboard does not launch or control runs; start it with ./workbench serve");
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null && (host == null || !authority(origin).equalsIgnoreCase(host))) {
            throw FORBIDDEN.error("launches and controls are accepted from this dashboard's own pages only; the request "
                    + "came from " + origin);
        }
        String type = ctx.contentType();
        if (type != null) {
            String t = type.toLowerCase(Locale.ROOT);
            if (t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/form-data")) {
                throw BAD_REQUEST.error("the body is the experiment's YAML (Content-Type: application/yaml or text/plain) "
                        + "or JSON for a control, not a form (Content-Type: " + type + ")");
            }
        }
        return launches;
    }

    private static String yaml(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw BAD_REQUEST.error("the body must be the experiment's YAML (as in an experiment file); it is empty");
        }
        if (body.length() > MAX_YAML_CHARS) {
            throw BAD_REQUEST.error("the experiment's YAML is " + body.length() + " characters; at most " + MAX_YAML_CHARS
                    + " are accepted");
        }
        return body;
    }

    private static String sweepId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("s\\d{1,18}")) {
            throw BAD_REQUEST.error("'" + id + "' is not a sweep id; sweep ids look like s3");
        }
        return id;
    }

    private static String runId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("r\\d{1,18}")) {
            throw BAD_REQUEST.error("'" + id + "' is not a run id; run ids look like r12");
        }
        return id;
    }

    /** {@code {"trials": N}} with N from 1 to 10000. */
    private static int trials(Context ctx) {
        JsonNode trials = CurationRoutes.body(ctx).get("trials");
        if (trials == null || !trials.canConvertToInt() || !trials.isIntegralNumber() || trials.asInt() < 1 || trials.asInt() > 10_000) {
            throw BAD_REQUEST.error("the body must be {\"trials\": N}, the configurations to add, N from 1 to 10000");
        }
        return trials.asInt();
    }

    /** host[:port] of an origin such as {@code http://localhost:7070}. */
    private static String authority(String origin) {
        int scheme = origin.indexOf("://");
        String rest = scheme < 0 ? origin : origin.substring(scheme + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
