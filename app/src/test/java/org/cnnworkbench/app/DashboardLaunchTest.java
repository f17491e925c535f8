package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.api.EpochMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launch and control from the dashboard, on a real {@code serve} process: the YAML validated with line
 * and column, a run and a sweep launched (202, then completed in the store, {@code launched_by:
 * dashboard}), a pause then a resume with every epoch recorded once, and the refusals (another site's
 * Origin; no token off the loopback).
 */
class DashboardLaunchTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Cli.Started serve;

    @AfterEach
    void stop() throws Exception {
        if (serve != null) {
            serve.process().destroy();
            serve.process().waitFor();
        }
    }

    private String start(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("serve", "--port", "0", "--home", dir.resolve("home").toString(),
                "--experiments", dir.resolve("experiments").toString()));
        args.addAll(List.of(extra));
        Files.createDirectories(dir.resolve("experiments"));
        serve = Cli.startTraining(args.toArray(String[]::new));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String url = serve.output().lines().filter(l -> l.startsWith("http://")).findFirst().orElse(null);
            if (url != null) {
                return url.replace("0.0.0.0", "127.0.0.1");
            }
            assertThat(serve.process().isAlive()).as(serve.output()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start: " + serve.output());
    }

    private HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(240))
                .header("Content-Type", body.startsWith("{") ? "application/json" : "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::setHeader);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private JsonNode await(String url, Predicate<JsonNode> condition, long seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get(url);
            if (condition.test(last)) {
                return last;
            }
            assertThat(serve.process().isAlive()).as(serve.output()).isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("not reached within " + seconds + " s: " + last);
    }

    private static String tiny(int train, int epochs, String... sweep) {
        ExperimentFile file = ExperimentFile.tiny().withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: " + train)
                .withLine(ExperimentFile.TRAIN_LIMIT + 1, "    test_limit: 100")
                .withLine(ExperimentFile.EPOCHS, "  epochs: " + epochs);
        if (sweep.length > 0) {
            List<String> lines = new java.util.ArrayList<>(List.of("sweep:"));
            for (String line : sweep) {
                lines.add("  " + line);
            }
            file = file.append(lines.toArray(String[]::new));
        }
        return file.text();
    }

    @Test
    void aServerStartedWithLauncherSlurmLaunchesSweepsAsSlurmJobArrays() throws Exception {
        SlurmCluster.assumeUp();
        String url = start("--launcher", "slurm");
        HttpResponse<String> launched = post(url + "api/sweeps", tiny(100, 1, "strategy: grid", "parameters:",
                "  training.learning_rate: {choice: [0.001, 0.002]}"), Map.of());
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
        String sweepId = Json.MAPPER.readTree(launched.body()).get("id").asText();
        JsonNode done = await(url + "api/sweeps/" + sweepId, s -> !Set.of("queued", "running").contains(s.get("status").asText()), 400);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("trials")).hasSize(2);
        assertThat(done.get("jobs")).as("the sweep's workers ran as a Slurm job array").isNotEmpty()
                .allSatisfy(job -> assertThat(job.get("launcher").asText()).isEqualTo("slurm"));
    }

    @Test
    void validatesLaunchesARunAndASweepAndRefusesOtherSites() throws Exception {
        String url = start();
        String invalid = tiny(100, 1).replace("  epochs: 1", "  epochs: many");
        HttpResponse<String> check = post(url + "api/check", invalid, Map.of());
        assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
        JsonNode doc = Json.MAPPER.readTree(check.body());
        assertThat(doc.get("valid").asBoolean()).isFalse();
        JsonNode error = doc.get("errors").get(0);
        assertThat(error.get("line").asInt()).as(check.body()).isEqualTo(ExperimentFile.EPOCHS);
        assertThat(error.get("column").asInt()).as("the value's column").isEqualTo(11);
        assertThat(error.get("message").asText()).contains("epochs");

        HttpResponse<String> refused = post(url + "api/runs", invalid, Map.of());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(refused.body()).get("errors").get(0).get("line").asInt()).isEqualTo(ExperimentFile.EPOCHS);

        HttpResponse<String> syntax = post(url + "api/check", "name: x\ndataset: [unclosed\n", Map.of());
        JsonNode syntaxDoc = Json.MAPPER.readTree(syntax.body());
        assertThat(syntaxDoc.get("valid").asBoolean()).isFalse();
        assertThat(syntaxDoc.get("errors").get(0).get("line").asInt()).as(syntax.body()).isPositive();

        HttpResponse<String> valid = post(url + "api/check", tiny(100, 1), Map.of());
        JsonNode validDoc = Json.MAPPER.readTree(valid.body());
        assertThat(validDoc.get("valid").asBoolean()).as(valid.body()).isTrue();
        assertThat(validDoc.get("summary").get("total_params").asLong()).isPositive();

        HttpResponse<String> otherSite = post(url + "api/runs", tiny(100, 1), Map.of("Origin", "http://evil.example"));
        assertThat(otherSite.statusCode()).as(otherSite.body()).isEqualTo(403);
        String origin = url.substring(0, url.length() - 1);
        HttpResponse<String> ownSite = post(url + "api/check", tiny(100, 1), Map.of("Origin", origin));
        assertThat(ownSite.statusCode()).as(ownSite.body()).isEqualTo(200);

        // The experiments folder: its YAML files, one's text; nothing outside it.
        Files.createDirectories(dir.resolve("experiments/sub"));
        Files.writeString(dir.resolve("experiments/sub/a.yaml"), tiny(100, 1));
        Files.writeString(dir.resolve("experiments/notes.txt"), "not an experiment");
        assertThat(get(url + "api/experiments").get("files")).extracting(JsonNode::asText).containsExactly("sub/a.yaml");
        assertThat(get(url + "api/experiments?file=sub/a.yaml").get("text").asText()).isEqualTo(tiny(100, 1));
        for (String outside : List.of("../home/db/server.properties", "notes.txt", "/etc/passwd")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "api/experiments?file="
                    + java.net.URLEncoder.encode(outside, java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(outside + ": " + r.body()).isEqualTo(404);
        }
        HttpResponse<String> escape = post(url + "api/check?file=..%2Fescape.yaml", tiny(100, 1), Map.of());
        assertThat(escape.statusCode()).as(escape.body()).isEqualTo(400);
        assertThat(escape.body()).contains("outside the dashboard's experiments folder");
        HttpResponse<String> form = post(url + "api/check", tiny(100, 1), Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.statusCode()).as(form.body()).isEqualTo(400);

        HttpResponse<String> run = post(url + "api/runs", tiny(100, 1), Map.of());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(202);
        String runId = Json.MAPPER.readTree(run.body()).get("id").asText();
        assertThat(runId).matches("r\\d+");
        HttpResponse<String> sweep = post(url + "api/sweeps", tiny(100, 1, "strategy: random", "trials: 2", "seed: 3",
                "parameters:", "  training.learning_rate: {log_uniform: [0.0005, 0.005]}"), Map.of());
        assertThat(sweep.statusCode()).as(sweep.body()).isEqualTo(202);
        String sweepId = Json.MAPPER.readTree(sweep.body()).get("id").asText();
        assertThat(sweepId).matches("s\\d+");

        HttpResponse<String> requeuePlain = post(url + "api/runs/" + runId + "/requeue", "{}", Map.of());
        assertThat(requeuePlain.statusCode()).as(requeuePlain.body()).isEqualTo(409);
        assertThat(requeuePlain.body()).contains("not a trial of a sweep");
        JsonNode done = await(url + "api/runs/" + runId, r -> !Set.of("queued", "running").contains(r.get("status").asText()), 300);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("provenance").get("launched_by").asText()).isEqualTo("dashboard");
        JsonNode swept = await(url + "api/sweeps/" + sweepId, s -> !Set.of("queued", "running").contains(s.get("status").asText()), 400);
        assertThat(swept.get("status").asText()).as(swept.toString()).isEqualTo("completed");
        assertThat(swept.get("launched_by").asText()).isEqualTo("dashboard");
        assertThat(swept.get("trials")).hasSize(2);
        for (JsonNode t : swept.get("trials")) {
            assertThat(t.get("status").asText()).isEqualTo("completed");
            JsonNode trial = get(url + "api/runs/" + t.get("id").asText());
            assertThat(trial.get("provenance").get("launched_by").asText()).isEqualTo("dashboard");
        }
    }

    @Test
    void pauseThenResumeFromTheApiRecordsEveryEpochOnce() throws Exception {
        String url = start();
        HttpResponse<String> sweep = post(url + "api/sweeps", tiny(900, 6, "strategy: random", "trials: 1", "seed: 3",
                "parameters:", "  training.learning_rate: {log_uniform: [0.0005, 0.005]}"), Map.of());
        assertThat(sweep.statusCode()).as(sweep.body()).isEqualTo(202);
        String sweepId = Json.MAPPER.readTree(sweep.body()).get("id").asText();
        await(url + "api/sweeps/" + sweepId, s -> s.get("trials").size() == 1
                && s.get("trials").get(0).get("status").asText().equals("running") && s.get("trials").get(0).get("epochs").asInt() >= 1, 300);
        HttpResponse<String> pause = post(url + "api/sweeps/" + sweepId + "/pause", "{}", Map.of());
        assertThat(pause.statusCode()).as(pause.body()).isEqualTo(200);
        assertThat(pause.body()).contains("paused");
        JsonNode paused = await(url + "api/sweeps/" + sweepId, s -> !s.get("trials").get(0).get("status").asText().equals("running"), 120);
        assertThat(paused.get("status").asText()).isEqualTo("paused");
        assertThat(paused.get("trials").get(0).get("status").asText()).isEqualTo("queued");
        int before = paused.get("trials").get(0).get("epochs").asInt();
        assertThat(before).isBetween(1, 5);

        HttpResponse<String> extendRunning = post(url + "api/sweeps/s999/extend", "{\"trials\": 1}", Map.of());
        assertThat(extendRunning.statusCode()).isEqualTo(404);
        HttpResponse<String> resume = post(url + "api/sweeps/" + sweepId + "/resume", "{}", Map.of());
        assertThat(resume.statusCode()).as(resume.body()).isEqualTo(200);
        // Once it trains again, send the running trial back to the queue: it stops at its next batch and
        // resumes from its checkpoint.
        await(url + "api/sweeps/" + sweepId, s -> s.get("trials").get(0).get("status").asText().equals("running")
                && s.get("trials").get(0).get("epochs").asInt() > before, 300);
        HttpResponse<String> requeueRunning = post(url + "api/runs/" + paused.get("trials").get(0).get("id").asText() + "/requeue",
                "{}", Map.of());
        assertThat(requeueRunning.statusCode()).as(requeueRunning.body()).isIn(200, 409);
        if (requeueRunning.statusCode() == 409) {
            // It finished between the look and the request: only then may the re-queue be refused.
            assertThat(requeueRunning.body()).contains("is completed");
        }
        JsonNode done = await(url + "api/sweeps/" + sweepId, s -> s.get("status").asText().equals("completed"), 400);
        String trialId = done.get("trials").get(0).get("id").asText();
        assertThat(done.get("trials").get(0).get("status").asText()).isEqualTo("completed");
        try (H2Database db = new HomeDatabase(dir.resolve("home")).open()) {
            assertThat(new H2RunStore(db).epochs(trialId)).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3, 4, 5, 6);
        }
        HttpResponse<String> again = post(url + "api/sweeps/" + sweepId + "/pause", "{}", Map.of());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("has already completed");

        // Extend the finished sweep by one trial: it runs, and the sweep completes again with two.
        HttpResponse<String> extend = post(url + "api/sweeps/" + sweepId + "/extend", "{\"trials\": 1}", Map.of());
        assertThat(extend.statusCode()).as(extend.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(extend.body()).get("message").asText()).startsWith("Extended " + sweepId);
        JsonNode extended = await(url + "api/sweeps/" + sweepId, s -> s.get("status").asText().equals("completed")
                && s.get("trials").size() == 2, 400);
        assertThat(extended.get("trials")).extracting(t -> t.get("status").asText()).containsOnly("completed");
        HttpResponse<String> badTrials = post(url + "api/sweeps/" + sweepId + "/extend", "{\"trials\": 0}", Map.of());
        assertThat(badTrials.statusCode()).isEqualTo(400);
        assertThat(badTrials.body()).contains("N from 1 to 10000");
        HttpResponse<String> requeue = post(url + "api/runs/" + trialId + "/requeue", "{}", Map.of());
        assertThat(requeue.statusCode()).as(requeue.body()).isEqualTo(409);
        assertThat(requeue.body()).contains("only a running trial");
        HttpResponse<String> stop = post(url + "api/runs/" + trialId + "/stop", "{}", Map.of());
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
        assertThat(stop.body()).contains("had already ended");
        assertThat(post(url + "api/runs/r999/stop", "{}", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void serveRefusesAnUnknownLauncher() {
        CliResult r = Cli.process("serve", "--launcher", "kubernetes", "--home", dir.resolve("home").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--launcher is local or slurm, found 'kubernetes'");
    }

    @Test
    void offTheLoopbackEveryPostNeedsTheToken() throws Exception {
        String url = start("--host", "0.0.0.0", "--token", "s3cret");
        HttpResponse<String> without = post(url + "api/check", tiny(100, 1), Map.of());
        assertThat(without.statusCode()).as(without.body()).isEqualTo(401);
        HttpResponse<String> launch = post(url + "api/runs", tiny(100, 1), Map.of());
        assertThat(launch.statusCode()).isEqualTo(401);
        HttpResponse<String> with = post(url + "api/check", "name: x\n", Map.of("Authorization", "Bearer s3cret"));
        assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(with.body()).get("valid").asBoolean()).isFalse();
        HttpResponse<String> otherSite = post(url + "api/sweeps/s1/pause", "{}", Map.of("Authorization", "Bearer s3cret",
                "Origin", "http://evil.example"));
        assertThat(otherSite.statusCode()).isEqualTo(403);
    }
}
