package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.junit.jupiter.api.Test;

/** The JSON API on a real Javalin server (free port) over a real H2 file. */
class ApiTest extends ServerTest {

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
    void runsTakeTheQueryLanguageAndAMalformedExpressionIs400WithItsColumn() throws Exception {
        String a = run("mnist", "{\"training\":{\"learning_rate\":0.001, \"optimizer\": \"sgd\"}}", 0.9, 0.5);
        String b = run("mnist", "{\"training\":{\"learning_rate\":\"0.01\", \"optimizer\": \"adam\"}}", 0.7);
        String c = run("cifar", "{\"training\":{\"learning_rate\":0.01}}", 1.2, 1.3);
        String filter = java.net.URLEncoder.encode("params.training.learning_rate in (0.01, 0.5) OR min.val_loss < 0.6",
                java.nio.charset.StandardCharsets.UTF_8);
        JsonNode page = json("/api/runs?filter=" + filter + "&order_by=" + java.net.URLEncoder.encode("max.val_loss desc",
                java.nio.charset.StandardCharsets.UTF_8) + "&columns=params.training.optimizer,max.val_loss,tags.none");
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("rows")).extracting(r -> r.get("id").asText()).containsExactly(c, a, b);
        assertThat(page.get("rows").get(0).get("values").get("max.val_loss").asDouble()).isEqualTo(1.3);
        assertThat(page.get("rows").get(1).get("values").get("params.training.optimizer").asText()).isEqualTo("sgd");
        assertThat(page.get("rows").get(1).get("values").get("tags.none").isNull()).isTrue();
        assertThat(json("/api/runs?filter=" + java.net.URLEncoder.encode("experiment = 'mnist' and not params.training.optimizer"
                + " like 'a%'", java.nio.charset.StandardCharsets.UTF_8)).get("rows")).extracting(r -> r.get("id").asText())
                .containsExactly(a);

        HttpResponse<String> bad = get("/api/runs?filter=" + java.net.URLEncoder.encode("epochs >> 3",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(bad.body());
        assertThat(error.get("column").asInt()).isEqualTo(9);
        assertThat(error.get("error").asText()).isEqualTo("filter: expected a number or a quoted string, found '>' (column 9)");
        HttpResponse<String> order = get("/api/runs?order_by=bogus");
        assertThat(order.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(order.body()).get("column").asInt()).isEqualTo(1);
        HttpResponse<String> hostile = get("/api/runs?filter=" + java.net.URLEncoder.encode("note = 'x''; DROP TABLE trial; --'",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(hostile.statusCode()).isEqualTo(200);
        assertThat(json("/api/runs").get("total").asInt()).isEqualTo(3);
        HttpResponse<String> export = get("/api/export?format=json&filter=" + java.net.URLEncoder.encode("experiment = 'cifar'",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Json.MAPPER.readTree(export.body()).get("runs")).extracting(r -> r.get("id").asText()).containsExactly(c);
        assertThat(get("/api/runs?columns=bogus").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> post(String path, String type, String origin, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void notesAreWrittenAsJsonFromTheDashboardsOwnOriginAndShownInTablesAndPages() throws Exception {
        String a = run("mnist", "{}", 0.9);
        String sweep = new H2SweepStore(db).createSweep(new org.cnnworkbench.engine.store.NewSweep("mnist", "{}", "random", null,
                "val_accuracy", "maximize", "best", 1, 2, null, 1));
        String own = server.url().replaceAll("/$", "");
        HttpResponse<String> saved = post("/api/runs/" + a + "/note", "application/json", own, "{\"note\": \"augment <b>more</b>\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json("/api/runs/" + a).get("note").asText()).isEqualTo("augment <b>more</b>");
        assertThat(json("/api/runs").get("rows").get(0).get("note").asText()).isEqualTo("augment <b>more</b>");
        assertThat(json("/api/runs?filter=note%20like%20'%25augment%25'").get("total").asInt()).isEqualTo(1);
        assertThat(post("/api/sweeps/" + sweep + "/note", "application/json", null, "{\"note\": \"lr sweep\"}").statusCode())
                .isEqualTo(200);
        assertThat(json("/api/sweeps/" + sweep).get("note").asText()).isEqualTo("lr sweep");
        assertThat(json("/api/overview").get("sweeps").get(0).get("note").asText()).isEqualTo("lr sweep");

        assertThat(post("/api/runs/" + a + "/note", "text/plain", null, "{\"note\": \"x\"}").statusCode()).isEqualTo(400);
        assertThat(post("/api/runs/" + a + "/note", "application/x-www-form-urlencoded", null, "note=x").statusCode()).isEqualTo(400);
        assertThat(post("/api/runs/" + a + "/note", "application/json", "http://evil.example", "{\"note\": \"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(post("/api/runs/" + a + "/note", "application/json", null, "{\"note\": 3}").statusCode()).isEqualTo(400);
        assertThat(post("/api/runs/" + a + "/note", "application/json", null, "not json").statusCode()).isEqualTo(400);
        assertThat(post("/api/runs/r999/note", "application/json", null, "{\"note\": \"x\"}").statusCode()).isEqualTo(404);
        assertThat(post("/api/sweeps/s999/note", "application/json", null, "{\"note\": \"x\"}").statusCode()).isEqualTo(404);
        assertThat(post("/api/runs/" + a + "/note", "application/json", null, "{\"note\": \"" + "x".repeat(10_001) + "\"}")
                .statusCode()).isEqualTo(400);
        assertThat(json("/api/runs/" + a).get("note").asText()).isEqualTo("augment <b>more</b>");
        assertThat(post("/api/runs/" + a + "/note", "application/json", null, "{\"note\": null}").statusCode()).isEqualTo(200);
        assertThat(json("/api/runs/" + a).get("note").isNull()).isTrue();
    }

    @Test
    void perBatchCurvesAreServedLikeMetricsAtFractionalEpochs() throws Exception {
        String a = run("mnist", "{}", 0.9, 0.8);
        List<org.cnnworkbench.engine.store.BatchPoint> points = new java.util.ArrayList<>();
        for (int b = 1; b <= 400; b++) {
            points.add(new org.cnnworkbench.engine.store.BatchPoint("batch_loss", b, b / 200.0, 1.0 / b));
        }
        runs.recordBatches(a, points);
        JsonNode all = json("/api/runs/" + a + "/curves?keys=batch_loss,batch_accuracy,val_loss&points=1000");
        assertThat(all.get("series").has("batch_accuracy")).isFalse();
        assertThat(all.get("series").get("batch_loss").get("points")).hasSize(400);
        assertThat(all.get("series").get("batch_loss").get("points").get(0).get(0).asDouble()).isEqualTo(0.005);
        assertThat(all.get("series").get("val_loss").get("points")).hasSize(2);
        JsonNode reduced = json("/api/runs/" + a + "/curves?keys=batch_loss&points=50&from=1&to=2");
        JsonNode pts = reduced.get("series").get("batch_loss").get("points");
        assertThat(pts.size()).isBetween(4, 50);
        assertThat(reduced.get("series").get("batch_loss").has("band")).isTrue();
        assertThat(pts.get(pts.size() - 1).get(0).asDouble()).isEqualTo(2.0);
    }

    @Test
    void runsGoToTheTrashAndComeBackButRunningOnesAreRefused() throws Exception {
        String a = run("mnist", "{}", 0.9);
        String b = run("mnist", "{}", 0.8);
        runs.finishRun(a, new RunOutcome(RunStatus.COMPLETED, 0.81, 0.5, "{}", null, null));
        HttpResponse<String> busy = post("/api/trash", "application/json", null, "{\"ids\": [\"" + a + "\", \"" + b + "\"]}");
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(Json.MAPPER.readTree(busy.body()).get("error").asText()).contains("run " + b + " is running");
        assertThat(json("/api/runs").get("total").asInt()).isEqualTo(2);
        assertThat(post("/api/trash", "application/json", "http://evil.example", "{\"ids\": [\"" + a + "\"]}").statusCode())
                .isEqualTo(403);
        HttpResponse<String> trashed = post("/api/trash", "application/json", null, "{\"ids\": [\"" + a + "\"]}");
        assertThat(trashed.statusCode()).as(trashed.body()).isEqualTo(200);
        assertThat(json("/api/runs").get("rows")).extracting(r -> r.get("id").asText()).containsExactly(b);
        assertThat(json("/api/runs?trash=1").get("rows")).extracting(r -> r.get("id").asText()).containsExactly(a);
        assertThat(json("/api/overview").get("experiments").get(0).get("runs").asInt()).isEqualTo(1);
        assertThat(post("/api/trash", "application/json", null, "{\"ids\": [\"r999\"]}").statusCode()).isEqualTo(404);
        assertThat(post("/api/trash", "application/json", null, "{\"ids\": []}").statusCode()).isEqualTo(400);
        assertThat(post("/api/restore", "application/json", null, "{\"id\": \"" + a + "\"}").statusCode()).isEqualTo(200);
        assertThat(json("/api/runs").get("total").asInt()).isEqualTo(2);
        assertThat(json("/api/runs?trash=1").get("total").asInt()).isZero();
    }

    @Test
    void compareGroupsSeedsAndTellsADifferenceFromSeedNoise() throws Exception {
        double[][] finals = {{0.81, 0.83, 0.82}, {0.78, 0.80, 0.79}};
        double[] lrs = {0.001, 0.01};
        List<String> ids = new java.util.ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (int seed = 0; seed < 3; seed++) {
                String id = runs.startRun(new NewRun("mnist", "{\"training\":{\"learning_rate\":" + lrs[c] + ",\"seed\":" + seed + "}}",
                        "{}", seed, "{}", null));
                runs.recordEpoch(id, 1, Map.of("loss", 0.5, "val_accuracy", finals[c][seed] - 0.1));
                runs.recordEpoch(id, 2, Map.of("loss", 0.4, "val_accuracy", finals[c][seed]));
                ids.add(id);
            }
        }
        JsonNode doc = json("/api/compare?ids=" + String.join(",", ids));
        JsonNode groups = doc.get("groups");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).get("label").asText()).isEqualTo("learning_rate=0.001");
        assertThat(groups.get(0).get("runs")).hasSize(3);
        JsonNode band = groups.get(0).get("curves").get("val_accuracy").get(1);
        assertThat(band.get("epoch").asInt()).isEqualTo(2);
        assertThat(band.get("mean").asDouble()).isCloseTo(0.82, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(band.get("std").asDouble()).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-9));
        JsonNode test = doc.get("significance").get(0);
        assertThat(test.get("metric").asText()).isEqualTo("final val_accuracy");
        assertThat(test.get("test").get("p").asDouble()).isCloseTo(0.0213116, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(test.get("verdict").asText()).contains("larger than the seed noise");
    }

    @Test
    void aSweepCarriesParameterImportanceAndEachTrialsOverfittingGap() throws Exception {
        H2SweepStore sweeps = new H2SweepStore(db);
        String sweep = sweeps.createSweep(new org.cnnworkbench.engine.store.NewSweep("mnist", "{}", "random", null, "val_accuracy",
                "maximize", "best", 7, 8, null, 1));
        sweeps.registerWorker(new org.cnnworkbench.engine.store.WorkerInfo("w", sweep, "h", 1, "cpu", 1, null));
        var plan = new org.cnnworkbench.engine.store.SweepPlan(8, 1, 7, null, 2);
        org.cnnworkbench.engine.store.Configuration.Source source = (n, f) -> java.util.Optional.of(
                new org.cnnworkbench.engine.store.Configuration(n, Map.of("training.learning_rate", Double.toString(0.001 * (n + 1)),
                        "training.batch_size", n % 2 == 0 ? "32" : "64"), Map.of()));
        for (int i = 0; i < 8; i++) {
            var trial = ((org.cnnworkbench.engine.store.Claim.Trial) sweeps.claim(sweep, "w", plan, source)).trial();
            runs.recordEpoch(trial.id(), 1, Map.of("loss", 0.5, "val_loss", 0.6, "val_accuracy", 0.5 + 0.05 * i));
            runs.finishRun(trial.id(), new RunOutcome(RunStatus.COMPLETED, 0.7, 0.5, "{}", null, null));
        }
        JsonNode doc = json("/api/sweeps/" + sweep);
        JsonNode importance = doc.get("importance").get("importances");
        assertThat(importance.get(0).get("parameter").asText()).isEqualTo("training.learning_rate");
        assertThat(doc.get("importance").get("trials").asInt()).isEqualTo(8);
        assertThat(doc.get("trials").get(0).get("gap_loss_last").asDouble()).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-9));
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

        // A file outside the home, reached by ".." and by a symbolic link inside the home: neither is served.
        Path outside = Files.createTempDirectory("workbench-outside");
        Files.write(outside.resolve("secret.zip"), new byte[] {80, 75, 9, 9});
        Path link = home.resolve("runs").resolve("link-" + id + ".zip");
        Files.createSymbolicLink(link, outside.resolve("secret.zip"));
        Path linkedDir = home.resolve("runs").resolve("linked-dir");
        Files.createSymbolicLink(linkedDir, outside);
        for (String stored : List.of("runs/" + link.getFileName(), "runs/linked-dir/secret.zip")) {
            String other = run("mnist", "{}", 0.5);
            runs.addArtifact(other, new Artifact("model", stored, 4, "x"));
            runs.addArtifact(other, new Artifact("samples", stored, 4, "x"));
            HttpResponse<String> refused = get("/api/runs/" + other + "/model");
            assertThat(refused.statusCode()).as(stored).isEqualTo(404);
            assertThat(refused.body()).as(stored).contains("has no saved model").doesNotContain(outside.toString())
                    .doesNotContain(home.toString());
            JsonNode detail = json("/api/runs/" + other);
            assertThat(detail.get("has_model").asBoolean()).as(stored).isFalse();
            assertThat(detail.get("samples")).as(stored).isEmpty();
        }
        // ".." (the store refuses it, the resolver is the second line) and links through it.
        ArtifactFiles files = new ArtifactFiles(home);
        String dotted = home.relativize(outside.resolve("secret.zip")).toString();
        assertThat(dotted).startsWith("..");
        assertThat(files.resolve(dotted)).isEmpty();
        assertThat(files.resolve("runs/../" + dotted)).isEmpty();
        assertThat(files.resolve(outside.resolve("secret.zip").toString())).isEmpty();
        assertThat(files.resolve("runs/linked-dir/secret.zip")).isEmpty();
        assertThat(files.resolve("runs/" + id + "/model.zip")).contains(model.toRealPath());
        // ".." in the address, raw and encoded, reaches neither a run's files nor anything outside the assets.
        for (String path : List.of("/api/runs/" + id + "/../../../" + dotted, "/api/runs/..%2F..%2F" + id + "/model",
                "/static/../../../../../../etc/passwd", "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                "/webjars/..%2F..%2F..%2F..%2Fetc%2Fpasswd")) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n\r\n");
            assertThat(status(answer)).as(path).isIn(400, 404);
            assertThat(answer).as(path).doesNotContain("root:").doesNotContain("PK\u0009\u0009");
        }
        // A link that stays inside the home is followed.
        String inside = run("mnist", "{}", 0.5);
        Files.createSymbolicLink(home.resolve("runs").resolve("inside.zip"), model);
        runs.addArtifact(inside, new Artifact("model", "runs/inside.zip", 7, "x"));
        assertThat(get("/api/runs/" + inside + "/model").statusCode()).isEqualTo(200);
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
        try (WebServer guarded = serve("s3cret")) {
            String base = guarded.url();
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(Json.MAPPER.readTree(refused.body()).path("error").asText())
                    .isEqualTo("this dashboard needs its token: open the URL that ./workbench serve printed");
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
            assertThat(Json.MAPPER.readTree(wrong.body()).path("error").asText()).contains("needs its token");
        }
    }
}
