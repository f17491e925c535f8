package org.cnnworkbench.web;

import static org.cnnworkbench.web.ApiError.Status.FORBIDDEN;
import static org.cnnworkbench.web.ApiError.Status.TOO_LARGE;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;

/**
 * What every request passes before any route, and the live WebSocket before its upgrade:
 * <ul>
 * <li>on loopback, a {@code Host} header naming the loopback ({@code localhost}, {@code 127.0.0.1}
 *     or {@code [::1]} with the port), else 403: a page on another site whose name was pointed at
 *     127.0.0.1 (DNS rebinding) cannot read the dashboard;</li>
 * <li>the token, when the dashboard has one ({@link Tokens});</li>
 * <li>a request body of at most {@link WebServer#MAX_REQUEST_BYTES}, judged from its
 *     {@code Content-Length} before the body is read (413), so the client gets the answer instead of
 *     a reset connection; uploads (multipart) included;</li>
 * <li>on the WebSocket, an {@code Origin}, when sent, naming the request's own {@code Host} (403).</li>
 * </ul>
 */
final class Guard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final boolean loopback;
    private final String token;
    private final java.util.function.IntSupplier port;

    Guard(boolean loopback, String token, java.util.function.IntSupplier port) {
        this.loopback = loopback;
        this.token = token == null || token.isBlank() ? null : token;
        this.port = port;
    }

    /** The HTTP check, before every route. */
    void request(Context ctx) {
        host(ctx);
        if (token != null) {
            Tokens.check(ctx, token);
        }
        long length = ctx.req().getContentLengthLong();
        if (length > WebServer.MAX_REQUEST_BYTES) {
            throw TOO_LARGE.error("the request is " + megabytes(length) + " MB; at most "
                    + WebServer.MAX_REQUEST_BYTES / (1024 * 1024) + " MB are accepted");
        }
    }

    /** The WebSocket check, before the upgrade: host, token (any of the three ways), origin. */
    void upgrade(Context ctx) {
        host(ctx);
        if (token != null && !Tokens.carries(ctx, token)) {
            throw Tokens.refused();
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null && (host == null || !authority(origin).equalsIgnoreCase(host))) {
            throw FORBIDDEN.error("the live updates answer pages of this dashboard only; the request came from another origin");
        }
    }

    private void host(Context ctx) {
        if (!loopback) {
            return;
        }
        String host = ctx.header("Host");
        if (host == null || !allowedHost(host.toLowerCase(Locale.ROOT))) {
            throw FORBIDDEN.error("this dashboard listens on the loopback interface and answers requests for localhost, "
                    + "127.0.0.1 or [::1] only (port " + port.getAsInt() + ")");
        }
    }

    private boolean allowedHost(String host) {
        int p = port.getAsInt();
        for (String name : LOOPBACK_NAMES) {
            if (host.equals(name + ":" + p) || (p == 80 && host.equals(name))) {
                return true;
            }
        }
        return false;
    }

    /** host[:port] of an origin such as {@code http://localhost:7070}; the origin itself when it has no scheme. */
    private static String authority(String origin) {
        int scheme = origin.indexOf("://");
        String rest = scheme < 0 ? origin : origin.substring(scheme + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
