package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.run.ModelFiles;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.NewRun;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The dashboard against hostile input, on a real Javalin server over a real H2 file, spoken to over
 * plain sockets where a client library would not send what an attacker can: oversized uploads and
 * images, a busy predictor, unbounded {@code top}, server paths in messages, foreign {@code Host}
 * names (DNS rebinding), the token's cookie and redirect, and the live WebSocket's upgrade.
 */
class HostileInputTest extends ServerTest {
    private static final String WS_UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    private String run() {
        return runs.startRun(new NewRun("mnist", "{}", "{}", 42, "{}", null));
    }

    private static byte[] png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY), "png", out);
        return out.toByteArray();
    }

    /** POSTs a multipart form to /api/predict: the fields, then the image under {@code filename}. */
    private HttpResponse<String> predict(Map<String, String> fields, String filename, byte[] image) throws Exception {
        String boundary = "----workbench-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue()
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + filename
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(image);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/predict"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body()).get("error").asText();
    }

    @Test
    void anUploadOverTheLimitIsRefusedFromItsContentLengthBeforeItsBodyArrives() throws Exception {
        long length = 21L * 1024 * 1024;
        String head = "POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + length + "\r\n\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n\r\n";
        // Only the start of the body is sent: the answer must come without the rest.
        String answer = raw(head.getBytes(StandardCharsets.ISO_8859_1), server.port());
        assertThat(status(answer)).as(answer).isEqualTo(413);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(Json.MAPPER.readTree(body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1)).get("error").asText())
                .contains("21.0 MB").contains("at most 20 MB");
    }

    @Test
    void anUploadWithoutAContentLengthIsCutOffAtTheLimit() throws Exception {
        String boundary = "xyz";
        byte[] start = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/predict HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: multipart/form-data; "
                    + "boundary=" + boundary + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write((Integer.toHexString(start.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(start);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[1024 * 1024];
            try {
                for (int i = 0; i < 22; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (java.net.SocketException e) {
                // the server stopped reading once the limit was passed: its answer is waiting
            }
            String answer = new String(socket.getInputStream().readNBytes(400), StandardCharsets.ISO_8859_1);
            assertThat(status(answer)).as(answer).isEqualTo(413);
            assertThat(answer).contains("larger than the 20 MB allowed");
        }
    }

    @Test
    void anImageOverThePixelCapIsRefusedFromItsHeaderWhileAPhonePhotoPasses() throws Exception {
        String id = run();
        HttpResponse<String> huge = predict(Map.of("run", id), "bomb.png", png(9000, 8000));
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(413);
        assertThat(error(huge)).contains("9000x8000").contains("at most 50");
        // 48 megapixels (a phone's photo) passes the cap; this run has no model, which is the next thing said.
        HttpResponse<String> phone = predict(Map.of("run", id), "phone.png", png(8000, 6000));
        assertThat(phone.statusCode()).as(phone.body()).isEqualTo(400);
        assertThat(error(phone)).contains("has no saved model");
        HttpResponse<String> text = predict(Map.of("run", id), "notes.png", "not an image".getBytes(StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(error(text)).contains("is not a PNG, JPEG, BMP or GIF");
    }

    @Test
    void whenTwoPredictionsAreDecodingAThirdIsToldTheServerIsBusy() throws Exception {
        String id = run();
        server.predictions().acquire(PredictRoutes.DECODING);
        try {
            HttpResponse<String> busy = predict(Map.of("run", id), "a.png", png(28, 28));
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(error(busy)).contains("2 predictions are already running");
        } finally {
            server.predictions().release(PredictRoutes.DECODING);
        }
        HttpResponse<String> free = predict(Map.of("run", id), "a.png", png(28, 28));
        assertThat(free.statusCode()).isEqualTo(400);
        assertThat(error(free)).contains("has no saved model");
    }

    @Test
    void topIsBounded() throws Exception {
        String id = run();
        for (String top : List.of("0", "101", "-3", "many", "99999999999")) {
            HttpResponse<String> r = predict(Map.of("run", id, "top", top), "a.png", png(28, 28));
            assertThat(r.statusCode()).as(top).isEqualTo(400);
            assertThat(error(r)).as(top).startsWith("top must be").contains("1..100");
        }
    }

    @Test
    void errorMessagesNeverShowServerPaths() throws Exception {
        String id = run();
        Path model = Files.createDirectories(home.resolve("runs").resolve(id)).resolve("model.zip");
        Files.write(model, new byte[] {80, 75, 3, 4, 1, 2, 3});
        runs.addArtifact(id, new Artifact("model", "runs/" + id + "/model.zip", 7, "x"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("run", id);
        HttpResponse<String> r = predict(fields, "../../etc/a.png", png(28, 28));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(error(r)).contains("the model of " + id).doesNotContain(home.toString()).doesNotContain(model.toString())
                .doesNotContain(System.getProperty("java.io.tmpdir") + "/");
    }

    /** A real model (one softmax layer over a 4x4 grey image, two classes) saved the way a run saves it. */
    private String runWithModel() throws Exception {
        String id = run();
        Path model = Files.createDirectories(home.resolve("runs").resolve(id)).resolve("model.zip");
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(4, 4, 1)).build());
        net.init();
        ModelSerializer.writeModel(net, model.toFile(), false);
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + model.toUri()), Map.of())) {
            Files.writeString(zip.getPath(ModelFiles.METADATA_ENTRY), Json.pretty(Map.of("class_names", List.of("dark", "light"),
                    "input_shape", Map.of("kind", "image", "channels", 1, "height", 4, "width", 4))));
        }
        runs.addArtifact(id, new Artifact("model", "runs/" + id + "/model.zip", Files.size(model), "x"));
        return id;
    }

    @Test
    void anImageThatFailsToDecodeInThePredictorIsNamedByItsUploadNotItsServerPath() throws Exception {
        String id = runWithModel();
        HttpResponse<String> ok = predict(Map.of("run", id), "a.png", png(28, 28));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(ok.body()).get("top")).hasSize(2);
        // The signature and the header chunk (with the size) are intact, so the route's own check passes; no pixels follow.
        HttpResponse<String> cut = predict(Map.of("run", id), "cut.png", Arrays.copyOf(png(28, 28), 8 + 25));
        assertThat(cut.statusCode()).as(cut.body()).isEqualTo(400);
        assertThat(error(cut)).contains("the image cut.png").doesNotContain(System.getProperty("java.io.tmpdir") + "/")
                .doesNotContain("workbench-predict").doesNotContain(home.toString());
    }

    @Test
    void unexpectedFailuresOnEveryRouteHideServerPaths() throws Exception {
        String id = runWithModel();
        // A closed database names its URL, with the home's path in it, in every failure: each route's 500 must hide it.
        db.close();
        for (String path : List.of("api/export?ids=" + id, "api/export?format=csv&kind=epochs&ids=" + id, "api/export",
                "api/runs/" + id + "/model", "api/runs/" + id, "api/runs", "api/overview", "api/sweeps")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(500);
            assertThat(error(r)).as(path).contains("the workbench home").doesNotContain(home.toString());
        }
        HttpResponse<String> predicted = predict(Map.of("run", "r99"), "a.png", png(28, 28));
        assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(500);
        assertThat(error(predicted)).contains("the workbench home").doesNotContain(home.toString());
    }

    @Test
    void onLoopbackOnlyRequestsForLoopbackNamesAreAnswered() throws Exception {
        int port = server.port();
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "LOCALHOST:" + port)) {
            assertThat(status(raw(get("/api/runs", host, "")))).as(host).isEqualTo(200);
        }
        for (String host : List.of("evil.example:" + port, "evil.example", "127.0.0.1", "127.0.0.1:" + (port + 1),
                "localhost.evil.example:" + port)) {
            String answer = raw(get("/api/runs", host, ""));
            assertThat(status(answer)).as(host).isEqualTo(403);
            assertThat(answer).as(host).contains("answers requests for localhost, 127.0.0.1 or [::1] only");
            assertThat(status(raw(get("/api/live", host, WS_UPGRADE)))).as("WebSocket for " + host).isEqualTo(403);
        }
        assertThat(raw(get("/api/live", "127.0.0.1:" + port, WS_UPGRADE))).startsWith("HTTP/1.1 101");
    }

    private byte[] get(String path, String host, String headers) {
        String connection = headers.contains("Upgrade:") ? "" : "Connection: close\r\n";
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers + connection + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theTokenIsAnHttpOnlyStrictCookieLeavesTheAddressBarAndGuardsTheWebSocket() throws Exception {
        server.close();
        server = serve("s3cret");
        int port = server.port();
        String host = "127.0.0.1:" + port;
        String api = raw(get("/api/runs?token=s3cret", host, ""));
        assertThat(status(api)).isEqualTo(200);
        assertThat(setCookie(api)).startsWith(WebServer.TOKEN_COOKIE + "=s3cret").contains("HttpOnly").contains("SameSite=Strict");
        String page = raw(get("/runs/r1?x=1&token=s3cret&y=2", host, ""));
        assertThat(status(page)).isEqualTo(303);
        assertThat(header(page, "Location")).isEqualTo("/runs/r1?x=1&y=2");
        assertThat(setCookie(page)).contains("HttpOnly").contains("SameSite=Strict");
        assertThat(header(raw(get("//evil.example/?token=s3cret", host, "")), "Location")).isEqualTo("/evil.example/");
        assertThat(status(raw(get("/runs/r1?token=wrong", host, "")))).isEqualTo(401);

        assertThat(status(raw(get("/api/live", host, WS_UPGRADE)))).isEqualTo(401);
        assertThat(status(raw(get("/api/live?token=nope", host, WS_UPGRADE)))).isEqualTo(401);
        assertThat(status(raw(get("/api/live?token=s3cret", host, WS_UPGRADE)))).isEqualTo(101);
        assertThat(status(raw(get("/api/live", host, WS_UPGRADE + "Cookie: " + WebServer.TOKEN_COOKIE + "=s3cret\r\n"))))
                .isEqualTo(101);
        assertThat(status(raw(get("/api/live", host, WS_UPGRADE + "Authorization: Bearer s3cret\r\n")))).isEqualTo(101);
        String cookie = "Cookie: " + WebServer.TOKEN_COOKIE + "=s3cret\r\n";
        assertThat(status(raw(get("/api/live", host, WS_UPGRADE + cookie + "Origin: http://" + host + "\r\n")))).isEqualTo(101);
        for (String origin : List.of("http://evil.example", "http://127.0.0.1:" + (port + 1), "null")) {
            // (the handshake's refusal has no body: Jetty answers the upgrade with the status only)
            String answer = raw(get("/api/live", host, WS_UPGRADE + cookie + "Origin: " + origin + "\r\n"));
            assertThat(status(answer)).as(origin).isEqualTo(403);
        }
    }

    private static String header(String response, String name) {
        return response.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).strip()).findFirst().orElse(null);
    }

    private static String setCookie(String response) {
        String cookie = header(response, "Set-Cookie");
        assertThat(cookie).as("Set-Cookie in " + response).isNotNull();
        return cookie;
    }
}
