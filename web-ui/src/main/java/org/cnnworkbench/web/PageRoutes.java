package org.cnnworkbench.web;

import io.javalin.Javalin;

/**
 * A page's routes over the dashboard's read-only sources: each implementation is a record of the
 * {@link WebSources} it reads through and the {@link Lookups} that find runs and sweeps (or answer
 * 404), and adds its handlers in {@link #register}.
 */
interface PageRoutes {
    /** Adds the page's routes to {@code app}. */
    void register(Javalin app);
}
