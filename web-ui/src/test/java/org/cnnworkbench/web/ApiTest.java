package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API on a real Javalin server (free port) over a real H2 file. */
class ApiTest {
    @TempDir
    Path home;

    private H2Database db;
    private H2RunStore runs;
    private WebServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        db = H2Database.open(H2Database.embeddedUrl(home), "sa", "");
        runs = new H2RunStore(db);
        server = WebServer.start(new WebSources(runs, new H2RunQueries(db), new H2SweepStore(db),
                () -> Map.of("extensions", java.util.List.of()), home), "127.0.0.1", 0, null);
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private String run(String experiment, String configJson, double... valLoss) {
        String id = runs.startRun(new NewRun(experiment, configJson, "{}", 42, "{}", null));
        for (int i = 0; i < valLoss.length; i++) {
            runs.recordEpoch(id, i + 1, Map.of("loss", 1.0 / (i + 1), "val_loss", valLoss[i]));
        }
        return id;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void runsArePagedFilteredAndSortedByTheServer() throws Exception {
        String a = run("mnist", "{\"training\":{\"learning_rate\":0.001}}", 0.9, 0.5);
        String b = run("mnist", "{\"training\":{\"learning_rate\":0.01}}", 0.7);
        String c = run("cifar", "{}", 1.2);
        runs.finishRun(a, new RunOutcome(RunStatus.COMPLETED, 0.81, 0.5, "{}", null, null));

        JsonNode page = json("/api/runs?limit=2&sort=val_loss&order=asc");
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("rows")).hasSize(2);
        assertThat(page.get("rows").get(0).get("id").asText()).isEqualTo(a);
        assertThat(page.get("rows").get(0).get("latest").get("val_loss").asDouble()).isEqualTo(0.5);
        assertThat(json("/api/runs?offset=2&limit=2&sort=val_loss&order=asc").get("rows").get(0).get("id").asText())
                .isEqualTo(c);
        assertThat(json("/api/runs?status=completed").get("rows")).extracting(r -> r.get("id").asText()).containsExactly(a);
        assertThat(json("/api/runs?experiment=mnist&range=val_loss:0.6:").get("rows")).extracting(r -> r.get("id").asText())
                .containsExactly(b);

        JsonNode overview = json("/api/overview");
        assertThat(overview.get("experiments")).extracting(e -> e.get("name").asText()).containsExactlyInAnyOrder("mnist", "cifar");

        JsonNode detail = json("/api/runs/" + a);
        assertThat(detail.get("status").asText()).isEqualTo("completed");
        assertThat(detail.get("epoch_metrics")).hasSize(2);
        assertThat(detail.get("flat_params").get("training.learning_rate").asDouble()).isEqualTo(0.001);
        assertThat(detail.get("has_model").asBoolean()).isFalse();

        JsonNode compare = json("/api/compare?ids=" + a + "," + b);
        assertThat(compare.get("runs")).hasSize(2);
        JsonNode lr = compare.get("params").get(0);
        assertThat(lr.get("key").asText()).isEqualTo("training.learning_rate");
        assertThat(lr.get("differs").asBoolean()).isTrue();
        assertThat(lr.get("values")).extracting(JsonNode::asDouble).containsExactly(0.001, 0.01);
    }

    @Test
    void badRequestsGetTheirReasonAndTheRightStatus() throws Exception {
        HttpResponse<String> badStatus = get("/api/runs?status=finished");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(badStatus.body()).get("error").asText()).contains("status 'finished' is not one of");
        assertThat(get("/api/runs?sort=val%20loss").statusCode()).isEqualTo(400);
        assertThat(get("/api/runs?limit=100000").body()).contains("limit must be 1..1000");
        assertThat(get("/api/runs?range=val_loss:abc:").body()).contains("is not a number");
        assertThat(get("/api/runs/r999").statusCode()).isEqualTo(404);
        assertThat(get("/api/runs/x;drop").statusCode()).isEqualTo(400);
        assertThat(get("/api/sweeps/s42").statusCode()).isEqualTo(404);
        assertThat(get("/api/compare").body()).contains("give the runs to compare");
    }

    @Test
    void aSavedModelDownloadsAndPathsOutsideTheHomeAreNeverServed() throws Exception {
        String id = run("mnist", "{}", 0.5);
        Path model = Files.createDirectories(home.resolve("runs").resolve(id)).resolve("model.zip");
        Files.write(model, new byte[] {80, 75, 3, 4, 1, 2, 3});
        runs.addArtifact(id, new Artifact("model", "runs/" + id + "/model.zip", 7, "x"));
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/runs/" + id + "/model")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).containsExactly(80, 75, 3, 4, 1, 2, 3);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains(id + "-model.zip");
        assertThat(json("/api/runs/" + id).get("has_model").asBoolean()).isTrue();
    }

    @Test
    void pagesAndAssetsAreServed() throws Exception {
        String id = run("mnist", "{}", 0.5);
        for (String page : new String[] {"/", "/runs/" + id, "/sweeps/s1", "/compare?ids=" + id, "/predict", "/plugins"}) {
            HttpResponse<String> r = get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        }
        assertThat(get("/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(200);
    }

    @Test
    void beyondLoopbackATokenIsRequired() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebServer.start(new WebSources(runs, new H2RunQueries(db),
                new H2SweepStore(db), Map::of, home), "0.0.0.0", 0, null)).hasMessageContaining("give it a token");
        try (WebServer guarded = WebServer.start(new WebSources(runs, new H2RunQueries(db), new H2SweepStore(db), Map::of, home),
                "127.0.0.1", 0, "s3cret")) {
            String base = guarded.url();
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            HttpResponse<String> withQuery = http.send(HttpRequest.newBuilder(URI.create(base + "api/runs?token=s3cret")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withQuery.statusCode()).isEqualTo(200);
            assertThat(withQuery.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(WebServer.TOKEN_COOKIE + "=s3cret"));
            HttpResponse<String> bearer = http.send(HttpRequest.newBuilder(URI.create(base + "api/runs"))
                    .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bearer.statusCode()).isEqualTo(200);
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "api/runs"))
                    .header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
        }
    }
}
