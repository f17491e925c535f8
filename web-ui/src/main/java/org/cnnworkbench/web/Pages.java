package org.cnnworkbench.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The pages: one HTML shell whose script draws the page the path names. */
final class Pages {
    static final List<String> PATHS = List.of("/", "/runs/{id}", "/sweeps/{id}", "/compare", "/predict", "/plugins", "/new");

    private static final byte[] SHELL = load();

    private Pages() {
    }

    static void serve(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(SHELL);
    }

    private static byte[] load() {
        try (InputStream in = Pages.class.getResourceAsStream("/web/index.html")) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's page /web/index.html is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
