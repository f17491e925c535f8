package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Javalin server on a free port over a real H2 file in a temporary home, for the API tests;
 * and a plain-socket client for requests a client library would not send as written.
 */
abstract class ServerTest {
    @TempDir
    Path home;

    H2Database db;
    H2RunStore runs;
    WebServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        db = H2Database.open(H2Database.embeddedUrl(home), "sa", "");
        runs = new H2RunStore(db);
        server = serve(null);
    }

    /** Another server on the loopback over the same store; {@code token} required when not null. */
    WebServer serve(String token) {
        return WebServer.start(new WebSources(runs, new H2RunQueries(db), new H2SweepStore(db), () -> Map.of("extensions", List.of()),
                home, new org.cnnworkbench.db.H2RunCuration(db)), "127.0.0.1", 0, token);
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    String raw(String request) throws Exception {
        return raw(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    String raw(byte[] request) throws Exception {
        return raw(request, server.port());
    }

    /** Sends a request as written over a plain socket and returns what came back (until closed or 10 s of quiet). */
    static String raw(byte[] request, int port) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    String text = out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
                    int end = text.indexOf("\r\n\r\n");
                    if (end >= 0 && (text.startsWith("HTTP/1.1 101") || complete(text, end))) {
                        break; // a WebSocket, or a kept-alive connection, stays open
                    }
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
                // what arrived so far is the answer
            }
            return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean complete(String text, int headerEnd) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text.substring(0, headerEnd));
        return m.find() && text.length() - headerEnd - 4 >= Long.parseLong(m.group(1));
    }

    static int status(String response) {
        assertThat(response).as("a response").startsWith("HTTP/1.1 ");
        return Integer.parseInt(response.substring(9, 12));
    }
}
