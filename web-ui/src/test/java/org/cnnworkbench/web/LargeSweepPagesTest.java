package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.db.H2BulkImport;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A sweep of 3,000 trials (completed, pruned and failed) on its page in a real headless Chromium: the page
 * draws in steps (the first trial rows, then the charts, then the rest of the rows) and still shows every
 * trial: 500 rows in the table, every trial with an objective in the parallel coordinates, best-so-far and
 * scatter (pruned and failed in their own colours), a best-so-far line that is the running best, and picks
 * on rows drawn last.
 */
class LargeSweepPagesTest {
    private static final int TRIALS = 3000;

    @TempDir
    static Path home;

    private static H2Database db;
    private static WebServer server;
    private static WebDriver browser;
    private static String sweep;

    @BeforeAll
    static void start() {
        db = HeadlessChromium.database(home);
        H2RunStore runs = new H2RunStore(db);
        H2SweepStore sweeps = new H2SweepStore(db);
        sweep = sweeps.createSweep(new NewSweep("big", """
                {"sweep": {"strategy": "random", "trials": %d, "objective": {"metric": "val_accuracy", "direction": "maximize"},
                  "parameters": {"training.learning_rate": {"log_uniform": [0.0001, 0.1]}, "training.optimizer": {"choice": ["adam", "sgd"]}}}}"""
                .formatted(TRIALS), "random", null, "val_accuracy", "maximize", "best", 1, TRIALS, null, 1));
        List<H2BulkImport.Run> trials = new ArrayList<>();
        for (int n = 0; n < TRIALS; n++) {
            double lr = Math.pow(10, -4 + 3 * ((n * 7919) % 1000) / 1000.0);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("training.learning_rate", String.valueOf(lr));
            params.put("training.optimizer", n % 2 == 0 ? "\"adam\"" : "\"sgd\"");
            RunStatus status = n % 10 == 3 ? RunStatus.FAILED : n % 10 == 7 ? RunStatus.PRUNED : RunStatus.COMPLETED;
            trials.add(new H2BulkImport.Run(new NewRun("big", "{}", "{}", n, "{}", null),
                    List.of(Map.of("loss", 0.5, "val_loss", 0.6, "val_accuracy", 0.5 + ((n * 37) % 400) / 1000.0)),
                    new RunOutcome(status, null, null, "{}", status == RunStatus.FAILED ? "out of memory" : null), Map.of(), sweep, n, params));
        }
        new H2BulkImport(db).importRuns(trials);
        sweeps.setSweepState(sweep, SweepState.COMPLETED, null);
        server = WebServer.start(new WebSources(runs, new H2RunQueries(db), sweeps, () -> Map.of("extensions", List.of()), home),
                "127.0.0.1", 0, null);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        HeadlessChromium.closeAll(browser, server, db);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTrialIsDrawnInTheTableAndChartsOfA3000TrialSweep() throws Exception {
        JsonNode data = Json.MAPPER.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "api/sweeps/" + sweep))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        int withObjective = 0;
        int failed = 0;
        int pruned = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (JsonNode t : data.get("trials")) {
            if (t.get("objective").isNumber()) {
                withObjective++;
                failed += "failed".equals(t.get("status").asText()) ? 1 : 0;
                pruned += "pruned".equals(t.get("status").asText()) ? 1 : 0;
                best = Math.max(best, t.get("objective").asDouble());
            }
        }
        assertThat(withObjective).isGreaterThan(2000);
        assertThat(failed).isPositive();
        assertThat(pruned).isPositive();

        browser.get(server.url() + "sweeps/" + sweep);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        // All 500 rows once the page has drawn everything (the first 100 come before the charts).
        wait.until(d -> d.findElements(By.cssSelector("#trials tbody tr")).size() == 500);
        assertThat(browser.findElement(By.cssSelector("#trials .more-rows")).getText()).contains("Showing 500 of " + TRIALS);
        Map<String, Object> drawn = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const o = css => echarts.getInstanceByDom(document.querySelector(css)).getOption();
                const best = o('#best-so-far'), scatter = o('#scatter'), parallel = o('#parallel');
                const ys = best.series[2].data.map(p => p[1]);
                return { parallel: parallel.series[0].data.length,
                  bestTrials: best.series[0].data.length + best.series[1].data.length, bestPruned: best.series[1].data.length,
                  bestNames: best.series.map(s => s.name), lineLast: ys[ys.length - 1],
                  lineRising: ys.every((y, i) => i === 0 || y > ys[i - 1] || (i === ys.length - 1 && y === ys[i - 1])),
                  scatter: scatter.series.map(s => s.data.length), large: scatter.series.every(s => s.large) };""");
        assertThat(((Number) drawn.get("parallel")).intValue()).isEqualTo(withObjective);
        assertThat(((Number) drawn.get("bestTrials")).intValue()).isEqualTo(withObjective);
        assertThat(((Number) drawn.get("bestPruned")).intValue()).isEqualTo(pruned);
        assertThat((List<String>) drawn.get("bestNames")).containsExactly("trial", "trial", "best so far");
        assertThat(((Number) drawn.get("lineLast")).doubleValue()).isEqualTo(best);
        assertThat(drawn.get("lineRising")).isEqualTo(true);
        assertThat(((List<Number>) drawn.get("scatter")).stream().map(Number::intValue).toList())
                .containsExactly(withObjective - pruned - failed, pruned, failed);
        assertThat(drawn.get("large")).isEqualTo(true);

        // A row drawn after the charts picks its trial for the compare page like the first ones.
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
        var box = browser.findElements(By.cssSelector("#trials tbody input.pick")).get(400);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        box.click();
        assertThat((String) ((JavascriptExecutor) browser).executeScript("return localStorage.getItem('workbench.compare')"))
                .contains(box.getAttribute("data-id"));
    }
}
