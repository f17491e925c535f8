package org.cnnworkbench.web;

import io.javalin.Javalin;

/**
 * A page's routes over the dashboard's read-only sources: a subclass reads through
 * {@link #sources} and finds runs and sweeps (or answers 404) through {@link #lookups}, and adds its
 * handlers in {@link #register}.
 */
abstract class PageRoutes {
    final WebSources sources;
    final Lookups lookups;

    PageRoutes(WebSources sources, Lookups lookups) {
        this.sources = sources;
        this.lookups = lookups;
    }

    /** Adds the page's routes to {@code app}. */
    abstract void register(Javalin app);
}
