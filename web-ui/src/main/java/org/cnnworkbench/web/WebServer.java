package org.cnnworkbench.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.Objects;
import org.cnnworkbench.engine.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP server: pages, their assets, the JSON API and live events, on the
 * workbench's store. Binds to the loopback interface unless told otherwise; anywhere else a token
 * is required ({@code ?token=...} once, then a cookie; or an {@code Authorization: Bearer} header).
 * Every request passes the {@link Guard} first (loopback host names, token, request size), and the
 * live WebSocket passes it before its upgrade.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final String TOKEN_COOKIE = "workbench_token";
    /** The largest request (an upload included) the API accepts. */
    static final long MAX_REQUEST_BYTES = 20L * 1024 * 1024;

    private final Javalin app;
    private final LiveEvents events;
    private final String host;
    private final Api api;

    private WebServer(Javalin app, LiveEvents events, String host, Api api) {
        this.app = app;
        this.events = events;
        this.host = host;
        this.api = api;
    }

    /**
     * Starts the server on {@code host:port} (port 0: any free one).
     *
     * @param token required on every request when not null
     * @throws IllegalArgumentException when {@code host} is not a loopback address and {@code token} is null
     */
    public static WebServer start(WebSources sources, String host, int port, String token) {
        return start(sources, host, port, token, null);
    }

    /**
     * As {@link #start(WebSources, String, int, String)}, with what the dashboard may launch and control
     * (null: nothing; the New page and the sweep controls then say so).
     */
    public static WebServer start(WebSources sources, String host, int port, String token, Launches launches) {
        Objects.requireNonNull(sources, "sources");
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        if (!loopback && (token == null || token.isBlank())) {
            throw new IllegalArgumentException("serving on " + host + " exposes the dashboard to other machines: give it a "
                    + "token (--token), or bind 127.0.0.1");
        }
        ArtifactFiles artifacts = new ArtifactFiles(sources.home());
        Api api = new Api(sources, artifacts, launches);
        LiveEvents events = new LiveEvents(sources.queries());
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            // The fastest gzip level: a sweep page's 5 MB of JSON takes a few hundred milliseconds to compress at
            // the default level 6 and about a third of that at 1, for a slightly larger body.
            config.http.gzipOnlyCompression(1);
            // Uploads sent without a Content-Length are cut off by Jetty's multipart limits.
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_REQUEST_BYTES, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxFileSize(MAX_REQUEST_BYTES, SizeUnit.BYTES);
        });
        Guard guard = new Guard(loopback, token, app::port);
        app.before(guard::request);
        app.wsBeforeUpgrade(guard::upgrade);
        api.register(app);
        app.ws("/api/live", events::configure);
        for (String page : Pages.PATHS) {
            app.get(page, Pages::serve);
        }
        app.exception(ApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(Map.of("error", artifacts.hidePaths(e.getClass().getSimpleName() + ": " + e.getMessage())));
        });
        app.start(host, port);
        events.start();
        return new WebServer(app, events, host, api);
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** The address to open in a browser. */
    public String url() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** The predict route's decoding permits (tests hold them). */
    java.util.concurrent.Semaphore predictions() {
        return api.predict().decoding();
    }

    @Override
    public void close() {
        events.close();
        app.stop();
    }
}
