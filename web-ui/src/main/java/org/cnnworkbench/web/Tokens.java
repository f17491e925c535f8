package org.cnnworkbench.web;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The access token of a dashboard served beyond the loopback interface. */
final class Tokens {
    private Tokens() {
    }

    /** Lets the request through when it carries the token (query, cookie or bearer header); a query token sets the cookie. */
    static void check(Context ctx, String token) {
        String query = ctx.queryParam("token");
        if (query != null && same(query, token)) {
            ctx.cookie(WebServer.TOKEN_COOKIE, token);
            return;
        }
        String cookie = ctx.cookie(WebServer.TOKEN_COOKIE);
        String header = ctx.header("Authorization");
        if ((cookie != null && same(cookie, token)) || (header != null && header.startsWith("Bearer ")
                && same(header.substring(7), token))) {
            return;
        }
        throw new UnauthorizedResponse("this dashboard needs its token: open the URL that ./workbench serve printed");
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
