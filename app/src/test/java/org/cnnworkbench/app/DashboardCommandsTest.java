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
import org.cnnworkbench.engine.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}, {@code run --serve} and {@code export} as processes on a home with a real trained run. */
class DashboardCommandsTest {
    @TempDir
    Path dir;

    private String trainOne(Path home, String... extra) {
        Path file = ExperimentFile.tiny().withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 100")
                .withLine(ExperimentFile.EPOCHS, "  epochs: 2").write(dir, "tiny.yaml");
        List<String> args = new java.util.ArrayList<>(List.of("run", file.toString(), "--home", home.toString(), "--no-progress"));
        args.addAll(List.of(extra));
        CliResult run = Cli.process(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run.out().lines().findFirst().orElseThrow();
    }

    @Test
    void serveAnswersTheApiAndPagesUntilStopped() throws Exception {
        Path home = dir.resolve("home");
        String runId = trainOne(home, "--serve", "--serve-port", "0");
        Cli.Started serve = Cli.startTraining("serve", "--port", "0", "--home", home.toString());
        try {
            String url = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (url == null && System.nanoTime() < deadline) {
                url = serve.output().lines().filter(l -> l.startsWith("http://127.0.0.1:")).findFirst().orElse(null);
                assertThat(serve.process().isAlive()).as(serve.output()).isTrue();
                Thread.sleep(100);
            }
            assertThat(url).as(serve.output()).isNotNull();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> runs = http.send(HttpRequest.newBuilder(URI.create(url + "api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(runs.statusCode()).isEqualTo(200);
            JsonNode doc = Json.MAPPER.readTree(runs.body());
            assertThat(doc.get("rows").get(0).get("id").asText()).isEqualTo(runId);
            HttpResponse<String> run = http.send(HttpRequest.newBuilder(URI.create(url + "api/runs/" + runId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode detail = Json.MAPPER.readTree(run.body());
            assertThat(detail.get("has_model").asBoolean()).isTrue();
            assertThat(detail.get("provenance").get("launched_by").asText()).as("trained by ./workbench run").isEqualTo("cli");
            // Test images with predictions: misclassified first, then correct ones.
            JsonNode samples = detail.get("samples");
            assertThat(samples.size()).isBetween(1, 48);
            boolean seenRight = false;
            for (JsonNode sample : samples) {
                assertThat(sample.get("image").asText()).startsWith("data:image/png;base64,");
                boolean right = sample.get("actual").asText().equals(sample.get("predicted").asText());
                assertThat(!right && seenRight).as("a misclassified image after a correct one").isFalse();
                seenRight |= right;
            }
            assertThat(detail.get("overfitting").get("last_epoch").asInt()).isEqualTo(2);
            // Per-batch curves (log_every_n_batches: auto = every batch of these small epochs), recorded while training.
            HttpResponse<String> curves = http.send(HttpRequest.newBuilder(URI.create(url + "api/runs/" + runId
                    + "/curves?keys=batch_loss,batch_accuracy&points=1000")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(curves.statusCode()).as(curves.body()).isEqualTo(200);
            JsonNode series = Json.MAPPER.readTree(curves.body()).get("series");
            JsonNode batchLoss = series.get("batch_loss").get("points");
            assertThat(batchLoss.size()).as("every batch of 2 epochs of about 90 images in batches of 32").isBetween(4, 8);
            assertThat(batchLoss.size() % 2).as("the same number of batches in each epoch").isZero();
            double previous = 0;
            for (JsonNode point : batchLoss) {
                assertThat(point.get(0).asDouble()).as("fractional epochs, increasing").isGreaterThan(previous).isLessThanOrEqualTo(2.0);
                previous = point.get(0).asDouble();
                assertThat(point.get(1).asDouble()).as("a batch's loss").isPositive();
            }
            assertThat(batchLoss.get(batchLoss.size() / 2 - 1).get(0).asDouble()).as("the last batch of epoch 1").isEqualTo(1.0);
            assertThat(previous).isEqualTo(2.0);
            assertThat(series.get("batch_accuracy").get("points")).hasSize(batchLoss.size());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url + "runs/" + runId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("<main id=\"app\">");
            // Predict: an uploaded image through the run's model, as multipart form data.
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            img.getGraphics().fillRect(8, 4, 12, 20);
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(img, "png", png);
            HttpResponse<String> predicted = http.send(multipart(url + "api/predict", runId, "shirt.png", png.toByteArray()),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(predicted.statusCode()).as(predicted.body()).isEqualTo(200);
            JsonNode top = Json.MAPPER.readTree(predicted.body()).get("top");
            assertThat(top).hasSize(5);
            double sum = 0;
            for (JsonNode c : top) {
                sum += c.get("probability").asDouble();
            }
            assertThat(sum).isBetween(0.0, 1.0 + 1e-6);
            assertThat(top.get(0).get("probability").asDouble()).isGreaterThanOrEqualTo(top.get(1).get("probability").asDouble());
            HttpResponse<String> corrupt = http.send(multipart(url + "api/predict", runId, "broken.png", new byte[] {1, 2, 3}),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(corrupt.statusCode()).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(corrupt.body()).get("error").asText()).contains("broken.png");
            // While it serves, other commands reach the home's database through it.
            CliResult list = Cli.process("runs", "--json", "--home", home.toString());
            assertThat(list.exitCode()).as(list.err()).isZero();
        } finally {
            serve.process().destroy();
            assertThat(serve.finish(30).exitCode()).isNotEqualTo(-1);
        }
        CliResult busy = Cli.process("serve", "--port", "-3", "--home", home.toString());
        assertThat(busy.exitCode()).isEqualTo(2);
        assertThat(busy.err()).contains("--port must be 0..65535");
        CliResult open = Cli.process("serve", "--bind", "0.0.0.0", "--port", "70000", "--home", home.toString());
        assertThat(open.exitCode()).isEqualTo(2);
    }

    /** A multipart/form-data POST of run, top and one image file. */
    private static HttpRequest multipart(String url, String runId, String fileName, byte[] image) {
        String boundary = "----workbench-test-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.io.PrintStream w = new java.io.PrintStream(body, true, java.nio.charset.StandardCharsets.UTF_8);
        w.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"run\"\r\n\r\n" + runId + "\r\n");
        w.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"top\"\r\n\r\n5\r\n");
        w.print("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n");
        w.write(image, 0, image.length);
        w.print("\r\n--" + boundary + "--\r\n");
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    @Test
    void exportWritesJsonAndCsvPerRunAndPerEpoch() throws Exception {
        Path home = dir.resolve("home");
        String runId = trainOne(home);
        CliResult json = Cli.process("export", "--home", home.toString());
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode runs = json.json().get("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("id").asText()).isEqualTo(runId);
        assertThat(runs.get(0).get("epochs")).hasSize(2);
        assertThat(runs.get(0).get("params").has("training.learning_rate")).isTrue();

        Path csv = dir.resolve("runs.csv");
        CliResult perRun = Cli.process("export", runId, "--format", "csv", "--out", csv.toString(), "--home", home.toString());
        assertThat(perRun.exitCode()).as(perRun.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("id,experiment,sweep_id,status,epochs").contains("param.training.learning_rate")
                .contains("final.val_accuracy");
        assertThat(lines.get(1)).startsWith(runId + ",");

        CliResult perEpoch = Cli.process("export", "--format", "csv", "--epochs", "--home", home.toString());
        assertThat(perEpoch.out().lines().toList()).hasSize(3).first().asString().startsWith("id,epoch,loss");

        // Tags: set, shown in the export, filterable on the dashboard, removable; bad keys refused.
        CliResult tagged = Cli.process("tag", runId, "baseline", "team=vision", "--home", home.toString());
        assertThat(tagged.exitCode()).as(tagged.err()).isZero();
        CliResult removed = Cli.process("tag", runId, "--remove", "baseline", "--home", home.toString());
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        CliResult badTag = Cli.process("tag", runId, "bad key", "--home", home.toString());
        assertThat(badTag.exitCode()).isEqualTo(2);
        assertThat(badTag.err()).contains("tag 'bad key'");
        try (org.cnnworkbench.db.H2Database db = new org.cnnworkbench.db.HomeDatabase(home).open()) {
            var page = new org.cnnworkbench.db.H2RunQueries(db).query(new org.cnnworkbench.engine.store.RunQuery(java.util.Set.of(),
                    null, null, "team=vision", null, List.of(), "id", false, 0, 10));
            assertThat(page.rows()).hasSize(1);
            assertThat(page.rows().get(0).tags()).containsExactly(java.util.Map.entry("team", "vision"));
        }

        CliResult bad = Cli.process("export", "--format", "xml", "--home", home.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--format must be json or csv");
        CliResult unknown = Cli.process("export", "r999", "--home", home.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no run 'r999'");
    }

    /** The URL {@code serve} prints on standard output once it listens. */
    private static String awaitUrl(Cli.Started serve) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String url = serve.output().lines().filter(l -> l.startsWith("http://127.0.0.1:")).findFirst().orElse(null);
            if (url != null) {
                return url;
            }
            assertThat(serve.process().isAlive()).as(serve.output()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("serve printed no URL within 60 s: " + serve.output());
    }

    @Test
    void serveTakesHostOnAFreePortAndRequiresTheTokenOfWorkbenchToken() throws Exception {
        Cli.Started serve = Cli.startTraining(java.util.Map.of("WORKBENCH_TOKEN", "tok-from-env-42"), "serve", "--host",
                "127.0.0.1", "--port", "0", "--home", dir.resolve("home").toString());
        try {
            String url = awaitUrl(serve);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> without = http.send(HttpRequest.newBuilder(URI.create(url + "api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(without.statusCode()).as(without.body()).isIn(401, 403);
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(url + "api/runs"))
                    .header("Authorization", "Bearer not-the-token").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as(wrong.body()).isIn(401, 403);
            HttpResponse<String> with = http.send(HttpRequest.newBuilder(URI.create(url + "api/runs"))
                    .header("Authorization", "Bearer tok-from-env-42").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(with.body()).get("rows")).isEmpty();
            assertThat(serve.process().info().commandLine().orElse("")).doesNotContain("tok-from-env-42");
        } finally {
            serve.process().destroy();
            serve.process().waitFor();
        }
    }

    @Test
    void bindStillWorksAsTheOldNameOfHostAndAnExplicitTokenWinsOverTheEnvironment() throws Exception {
        Cli.Started serve = Cli.startTraining(java.util.Map.of("WORKBENCH_TOKEN", "tok-from-env-42"), "serve", "--bind",
                "127.0.0.1", "--port", "0", "--token", "explicit-7", "--home", dir.resolve("home").toString());
        try {
            String url = awaitUrl(serve);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> env = http.send(HttpRequest.newBuilder(URI.create(url + "api/runs"))
                    .header("Authorization", "Bearer tok-from-env-42").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(env.statusCode()).as(env.body()).isIn(401, 403);
            HttpResponse<String> explicit = http.send(HttpRequest.newBuilder(URI.create(url + "api/runs"))
                    .header("Authorization", "Bearer explicit-7").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(explicit.statusCode()).as(explicit.body()).isEqualTo(200);
        } finally {
            serve.process().destroy();
            serve.process().waitFor();
        }
    }
}
