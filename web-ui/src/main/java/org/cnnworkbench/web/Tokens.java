package org.cnnworkbench.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The access token of a dashboard served beyond the loopback interface, accepted the same three
 * ways on every route and on the live WebSocket's upgrade: {@code ?token=}, the cookie, or an
 * {@code Authorization: Bearer} header. A query token sets the cookie (HttpOnly, SameSite=Strict),
 * and a page opened with one is redirected to the same address without it, so the token leaves the
 * address bar (and the history).
 */
final class Tokens {
    private Tokens() {
    }

    /** Lets the request through when it carries the token; a query token sets the cookie (and a page redirects). */
    static void check(Context ctx, String token) {
        String query = ctx.queryParam("token");
        if (query != null && same(query, token)) {
            ctx.header("Set-Cookie", WebServer.TOKEN_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
            if (ctx.method().name().equals("GET") && !ctx.path().startsWith("/api/")) {
                ctx.redirect(withoutToken(ctx), HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
            }
            return;
        }
        if (carries(ctx, token)) {
            return;
        }
        throw refused();
    }

    /** The 401 of a request without the token, with its reason as {@code {"error": ...}} like every refusal. */
    static ApiError refused() {
        return ApiError.Status.UNAUTHORIZED.error("this dashboard needs its token: open the URL that ./workbench serve printed");
    }

    /** True when the request carries the token as a cookie or a bearer header (or in the query). */
    static boolean carries(Context ctx, String token) {
        String query = ctx.queryParam("token");
        String cookie = ctx.cookie(WebServer.TOKEN_COOKIE);
        String header = ctx.header("Authorization");
        return (query != null && same(query, token)) || (cookie != null && same(cookie, token))
                || (header != null && header.startsWith("Bearer ") && same(header.substring(7), token));
    }

    /** The request's path and query without the token parameter. */
    private static String withoutToken(Context ctx) {
        String query = ctx.queryString();
        StringBuilder kept = new StringBuilder();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !pair.equals("token") && !pair.startsWith("token=")) {
                    kept.append(kept.length() == 0 ? "?" : "&").append(pair);
                }
            }
        }
        // One leading slash: "//host" or "/\\host" would send the browser to another site.
        return "/" + ctx.path().replaceFirst("^[/\\\\]+", "") + kept;
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
