package org.cnnworkbench.web;

import io.javalin.Javalin;
import java.util.List;

/**
 * The JSON API the pages use (and scripts may), one route class per page: every document is the
 * one the CLI prints with {@code --json}, plus what only pages need (pages of runs, parameter diffs).
 * Request parameters are read by {@link Params}; files under the home by {@link ArtifactFiles}.
 */
final class Api {
    private final WebSources sources;
    private final PredictRoutes predict;
    private final List<PageRoutes> pages;

    Api(WebSources sources, ArtifactFiles files, Launches launches) {
        Lookups lookups = new Lookups(sources);
        this.sources = sources;
        this.predict = new PredictRoutes(lookups, files);
        this.pages = List.of(new RunRoutes(sources, lookups, files), new SweepRoutes(sources, lookups),
                new CompareRoutes(sources, lookups), new ExportRoutes(sources, lookups), new CurationRoutes(sources, lookups),
                new LaunchRoutes(launches, files));
    }

    void register(Javalin app) {
        pages.forEach(page -> page.register(app));
        predict.register(app);
        app.get("/api/plugins", ctx -> ctx.json(sources.plugins().get()));
    }

    PredictRoutes predict() {
        return predict;
    }
}
