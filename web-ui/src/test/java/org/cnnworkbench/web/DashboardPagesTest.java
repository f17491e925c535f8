package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunCuration;
import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.WorkerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real headless Chromium (Debian's chromium and chromium-driver) against a real
 * server and H2 file: what each page shows, sorting and filtering, picking runs to compare, and a
 * run recorded while the home page is open appearing without a reload. Screenshots go to
 * web-ui/target/dashboard-screenshots. Skipped, saying why, without Chromium (CI installs it and
 * sets WORKBENCH_REQUIRE_BROWSER=1, which turns the skip into a failure).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DashboardPagesTest {
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

    @TempDir
    static Path home;

    private static H2Database db;
    private static H2RunStore runs;
    private static WebServer server;
    private static WebDriver browser;
    private static String overfit;
    private static String failed;
    private static String sweepId;

    @BeforeAll
    static void start() throws Exception {
        db = HeadlessChromium.database(home);
        runs = new H2RunStore(db);
        H2SweepStore sweeps = new H2SweepStore(db);
        seed(sweeps);
        server = WebServer.start(new WebSources(runs, new H2RunQueries(db), sweeps,
                () -> Map.of("extensions", List.of(Map.of("kind", "architecture", "id", "small-cnn", "description", "Two conv blocks",
                        "plugin", "builtin-architectures", "version", "0.1.0", "built_in", true, "parameters", List.of())),
                        "training_settings", List.of(), "problems", List.of()), home, new H2RunCuration(db)), "127.0.0.1", 0, null);
        browser = HeadlessChromium.start();
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        HeadlessChromium.closeAll(browser, server, db);
    }

    /** Three runs (one overfitting, one failed) and a sweep of four trials. */
    private static void seed(H2SweepStore sweeps) {
        String result = """
                {"class_names": ["<b id=injected>cat</b>", "dog", "<img src=x onerror=window.__xss=1>"], "confusion": [[8, 1, 1], [2, 7, 1], [0, 1, 9]],
                 "report": [{"class_name": "cat", "precision": 0.8, "recall": 0.8, "f1": 0.8, "support": 10},
                            {"class_name": "dog", "precision": 0.78, "recall": 0.7, "f1": 0.74, "support": 10},
                            {"class_name": "fox", "precision": 0.82, "recall": 0.9, "f1": 0.86, "support": 10}],
                 "model_summary": {"layers": [{"name": "conv2d", "type": "Conv2D", "output_shape": "(None, 26, 26, 32)", "params": 320},
                                              {"name": "dense", "type": "Dense", "output_shape": "(None, 3)", "params": 64899}]}}""";
        overfit = runs.startRun(new NewRun("shapes-cnn", "{\"training\": {\"learning_rate\": 0.001, \"batch_size\": 64}}", "{}", 42,
                "{}", null));
        for (int e = 1; e <= 12; e++) {
            double loss = 1.2 * Math.exp(-e / 3.0);
            double val = 0.9 * Math.exp(-e / 3.0) + 0.02 * Math.max(0, e - 5) * Math.max(0, e - 5);
            runs.recordEpoch(overfit, e, Map.of("loss", loss, "val_loss", val, "accuracy", 1 - loss / 2, "val_accuracy", 1 - val / 2,
                    "lr", 0.001, "epoch_seconds", 2.0 + 0.2 * (e % 3), "samples_per_second", 1500.0 / (1 + 0.1 * (e % 3))));
        }
        List<org.cnnworkbench.engine.store.BatchPoint> batches = new java.util.ArrayList<>();
        for (int b = 1; b <= 120; b++) {
            batches.add(new org.cnnworkbench.engine.store.BatchPoint("batch_loss", b, b / 10.0, 1.3 * Math.exp(-b / 30.0) + 0.05 * (b % 3)));
            batches.add(new org.cnnworkbench.engine.store.BatchPoint("batch_accuracy", b, b / 10.0, 0.4 + b / 240.0));
        }
        runs.recordBatches(overfit, batches);
        runs.finishRun(overfit, new RunOutcome(RunStatus.COMPLETED, 0.8, 0.6, result, null, null));
        String second = runs.startRun(new NewRun("shapes-cnn", "{\"training\": {\"learning_rate\": 0.01, \"batch_size\": 64}}", "{}",
                43, "{}", null));
        for (int e = 1; e <= 8; e++) {
            runs.recordEpoch(second, e, Map.of("loss", 1.0 / e, "val_loss", 1.1 / e, "accuracy", 0.5 + e / 20.0, "val_accuracy", 0.5 + e / 22.0));
        }
        runs.finishRun(second, new RunOutcome(RunStatus.COMPLETED, 0.75, 0.7, result, null, null));
        failed = runs.startRun(new NewRun("mnist-mlp", "{}", "{}", 1, "{}", null));
        runs.recordEpoch(failed, 1, Map.of("loss", Double.NaN, "val_loss", Double.POSITIVE_INFINITY));
        runs.finishRun(failed, new RunOutcome(RunStatus.FAILED, null, null, "{}",
                "java.lang.IllegalStateException: loss became NaN\n\tat org.example.Trainer.fit(Trainer.java:42)", "loss became NaN"));

        // The search space as stored with a sweep: learning rate searched on a log scale, dropout linearly.
        String spec = """
                {"file": "/somewhere/sweep.yaml", "sweep": {"strategy": "random", "parameters": {
                  "training.learning_rate": {"log_uniform": [0.0001, 0.1]}, "architecture.params.dropout": {"uniform": [0.0, 0.5]},
                  "architecture.params.activation": {"choice": ["relu", "<b id=injected-sweep>tanh</b>"]}}}}""";
        sweepId = sweeps.createSweep(new NewSweep("shapes-cnn", spec, "random", null, "val_accuracy", "maximize", "best", 7, 4, null, 1));
        sweeps.registerWorker(new WorkerInfo("w1", sweepId, "host", 1, "cpu", 1, null));
        SweepPlan plan = new SweepPlan(4, 1, 7, null, 2);
        Configuration.Source source = (number, finished) -> Optional.of(new Configuration(number,
                Map.of("training.learning_rate", Double.toString(0.001 * (number + 1)), "architecture.params.dropout",
                        Double.toString(0.1 * number), "architecture.params.activation",
                        number % 2 == 0 ? "\"relu\"" : "\"<b id=injected-sweep>tanh</b>\""), Map.of()));
        for (int t = 0; t < 4; t++) {
            var trial = ((Claim.Trial) sweeps.claim(sweepId, "w1", plan, source)).trial();
            for (int e = 1; e <= 3; e++) {
                runs.recordEpoch(trial.id(), e, Map.of("loss", 1.0 / e, "val_loss", 1.0 / e + 0.1 * t, "val_accuracy", 0.6 + 0.05 * e - 0.02 * t));
            }
            runs.finishRun(trial.id(), new RunOutcome(RunStatus.COMPLETED, 0.7, 0.8, "{}", null, null));
        }
        sweeps.completeIfDone(sweepId, plan);
    }

    private static void open(String path) {
        browser.get(server.url() + path.substring(1));
    }

    /** A wait that retries when the page re-renders the element it was reading (a stale reference). */
    private static org.openqa.selenium.support.ui.FluentWait<WebDriver> waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    private static WebElement await(String css) {
        return waitUpTo(20).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    private static void awaitText(String css, String text) {
        try {
            waitUpTo(20).until(d -> d.findElements(By.cssSelector(css)).stream()
                    .anyMatch(e -> e.getText().contains(text)));
        } catch (org.openqa.selenium.TimeoutException e) {
            String shown = browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList().toString();
            try {
                shot("failed-" + css.replaceAll("[^A-Za-z0-9]+", "_"));
            } catch (Exception ignored) {
                // the screenshot is a help only
            }
            String console = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                    .map(Object::toString).reduce("", (a, b) -> a + "\n" + b);
            throw new AssertionError("waited 20 s for '" + text + "' in " + css + " on " + browser.getCurrentUrl() + "; it shows "
                    + shown + "; browser console:" + console, e);
        }
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @SuppressWarnings("unchecked")
    private static List<String> runIds() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#runs table.runs tbody tr')].map(r => r.dataset.id)");
    }

    @Test
    void homeListsExperimentsSweepsAndRunsWhichSortAndFilterOnTheServer() throws Exception {
        open("/");
        awaitText("#runs .page-info", "of 7");
        assertThat(browser.findElement(By.cssSelector("#experiments")).getText()).contains("shapes-cnn").contains("mnist-mlp");
        assertThat(browser.findElement(By.cssSelector("#sweeps")).getText()).contains(sweepId).contains("completed");
        assertThat(runIds()).hasSize(7);
        shot("home");

        browser.findElement(By.cssSelector("#runs th[data-key=val_loss]")).click();
        waitUpTo(10).until(d -> d.findElement(By.cssSelector("#runs th.sorted")).getText().equals("val_loss"));
        // Descending by val_loss: the failed run's +inf is not finite, so it sorts last.
        waitUpTo(10).until(d -> runIds().size() == 7 && runIds().get(6).equals(failed));

        WebElement search = browser.findElement(By.cssSelector("#filters input[name=q]"));
        search.sendKeys("mnist");
        awaitText("#runs .page-info", "of 1");
        assertThat(runIds()).containsExactly(failed);
        search.clear();
        search.sendKeys(" ");
        awaitText("#runs .page-info", "of 7");
    }

    @Test
    void theSearchBoxTakesFiltersShowsTheirErrorsUnderItAndTheTableShowsChosenColumns() throws Exception {
        open("/");
        awaitText("#runs .page-info", "of 7");
        WebElement search = browser.findElement(By.cssSelector("#filters input[name=q]"));
        search.sendKeys("params.training.learning_rate = 0.01 and");
        awaitText("#filter-error", "expected a field, found the end (column 41)");
        assertThat(browser.findElement(By.id("filter-error")).getText()).endsWith("and\n" + " ".repeat(40) + "^");
        assertThat(runIds()).hasSize(7);
        search.sendKeys(" max.val_accuracy > 0.6");
        awaitText("#runs .page-info", "of 1");
        waitUpTo(10).until(d -> !d.findElement(By.id("filter-error")).isDisplayed());
        assertThat(runIds()).hasSize(1).doesNotContain(overfit, failed);
        search.clear();
        search.sendKeys("shapes");
        awaitText("#runs .page-info", "of 6");

        WebElement columns = browser.findElement(By.id("columns"));
        columns.sendKeys("params.training.learning_rate, max.val_accuracy", org.openqa.selenium.Keys.TAB);
        awaitText("#runs table.runs thead", "params.training.learning_rate");
        awaitText("#runs table.runs tbody", "0.0010");
        shot("home-filter-columns");
        open("/");
        awaitText("#runs table.runs thead", "max.val_accuracy");
        assertThat(browser.findElement(By.id("columns")).getAttribute("value")).isEqualTo("params.training.learning_rate, max.val_accuracy");
        ((JavascriptExecutor) browser).executeScript("localStorage.removeItem('workbench.columns')");
    }

    @Test
    void notesAreEditedOnRunAndSweepPagesAndShownInTheTables() throws Exception {
        open("/runs/" + failed);
        WebElement area = await("#note textarea.note-text");
        area.sendKeys("NaN from epoch 1: lower the <b>rate</b>");
        browser.findElement(By.cssSelector("#note .note-save")).click();
        awaitText("#note .note-state", "saved");
        open("/sweeps/" + sweepId);
        await("#note textarea.note-text").sendKeys("first lr sweep");
        browser.findElement(By.cssSelector("#note .note-save")).click();
        awaitText("#note .note-state", "saved");
        open("/");
        awaitText("#runs table.runs tbody", "NaN from epoch 1: lower the <b>rate</b>");
        awaitText("#sweeps", "first lr sweep");
        assertNothingInjected("injected");
        open("/runs/" + failed);
        waitUpTo(20).until(d -> "NaN from epoch 1: lower the <b>rate</b>".equals(
                d.findElement(By.cssSelector("#note textarea.note-text")).getAttribute("value")));
        shot("run-note");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunPageShowsPerBatchCurvesOnTheEpochAxisAndARunWithoutThemHidesTheChart() throws Exception {
        open("/runs/" + overfit);
        await("#batch-chart canvas");
        Map<String, Object> option = chartOption("#batch-chart");
        assertThat((Map<String, Object>) option.get("seriesAxes")).containsEntry("batch_loss", 0L).containsEntry("batch_accuracy", 1L);
        assertThat(option.get("yAxisNames").toString()).contains("batch_loss").contains("batch_accuracy");
        shot("run-batches");
        open("/runs/" + failed);
        await("#loss-chart canvas");
        assertThat(browser.findElement(By.id("batch-card")).isDisplayed()).isFalse();
    }

    @Test
    void runsPickedOnTheHomePageGoToTheTrashAndComeBack() throws Exception {
        open("/");
        awaitText("#runs .page-info", "of 7");
        ((JavascriptExecutor) browser).executeScript("localStorage.removeItem('workbench.compare')");
        open("/");
        awaitText("#runs .page-info", "of 7");
        waitUpTo(10).until(d -> {
            d.findElement(By.cssSelector("#runs input.pick[data-id=" + failed + "]")).click();
            return true;
        });
        browser.findElement(By.id("trash-selected")).click();
        awaitText("#runs .page-info", "of 6");
        assertThat(runIds()).doesNotContain(failed);
        browser.findElement(By.id("show-trash")).click();
        awaitText("#runs .page-info", "of 1");
        assertThat(runIds()).containsExactly(failed);
        shot("trash");
        browser.findElement(By.cssSelector("#runs input.pick[data-id=" + failed + "]")).click();
        browser.findElement(By.id("restore-selected")).click();
        awaitText("#runs .page-info", "no runs match");
        browser.findElement(By.id("show-trash")).click();
        awaitText("#runs .page-info", "of 7");
        assertThat(runIds()).contains(failed);
    }

    @Test
    void aRunPageShowsItsCurvesOverfittingEvaluationAndParameters() throws Exception {
        open("/runs/" + overfit);
        awaitText("h1", overfit);
        await("#loss-chart canvas");
        await("#accuracy-chart canvas");
        await("#confusion canvas");
        assertThat(browser.findElements(By.cssSelector("#report tbody tr"))).hasSize(3);
        assertThat(browser.findElement(By.cssSelector("#layers")).getText()).contains("Conv2D").contains("(None, 26, 26, 32)");
        assertThat(browser.findElement(By.cssSelector("#params")).getText()).contains("training.learning_rate");
        assertThat(browser.findElement(By.cssSelector("#error-card")).isDisplayed()).isFalse();
        // val_loss is lowest at epoch 6 and rises from there while the training loss falls.
        awaitText("#overfitting", "Validation loss turned up after epoch 6");
        assertThat(browser.findElement(By.cssSelector("#overfitting")).getText()).contains("best epoch (min val_loss)");
        shot("run");
        // Samples/s on the left axis, seconds per epoch on a second axis on the right (not flat at zero).
        Map<String, Object> speed = chartOption("#speed-chart");
        assertThat((List<?>) speed.get("yAxis")).hasSize(2);
        assertThat(speed.get("yAxisNames")).isEqualTo(List.of("samples/s", "s/epoch"));
        assertThat(speed.get("seriesAxes")).isEqualTo(Map.of("samples_per_second", 0L, "epoch_seconds", 1L));
        WebElement speedChart = browser.findElement(By.id("speed-chart"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", speedChart);
        Files.write(SHOTS.resolve("run-speed.png"), speedChart.getScreenshotAs(OutputType.BYTES));
        WebElement patience = browser.findElement(By.id("patience"));
        patience.clear();
        patience.sendKeys("7");
        patience.sendKeys(org.openqa.selenium.Keys.TAB);
        awaitText("#overfitting", "did not rise for 7 epochs");

        open("/runs/" + failed);
        awaitText("#error", "loss became NaN");
        assertThat(browser.findElement(By.cssSelector("#error pre.trace")).getText()).contains("at org.example.Trainer.fit");
    }

    @Test
    void aSweepPageShowsTrialsParallelCoordinatesAndBestSoFar() throws Exception {
        open("/sweeps/" + sweepId);
        awaitText("h1", sweepId);
        assertThat(browser.findElements(By.cssSelector("#trials tbody tr"))).hasSize(4);
        await("#parallel canvas");
        await("#best-so-far canvas");
        await("#scatter canvas");
        assertThat(browser.findElement(By.cssSelector("#trials thead")).getText()).contains("learning_rate").contains("dropout");
        // Axes follow each parameter's distribution: the log-uniform learning rate on a log axis (its
        // values 0.001..0.004 span too little for the old guess), the uniform dropout on a linear one.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> axes = (List<Map<String, Object>>) chartOption("#parallel").get("parallelAxis");
        Map<String, Object> types = new LinkedHashMap<>();
        axes.forEach(a -> types.put((String) a.get("name"), a.get("type")));
        assertThat(types).containsEntry("learning_rate", "log").containsEntry("dropout", "value").containsEntry("activation", "category");
        chooseScatterParameter("training.learning_rate");
        assertThat(((List<Map<String, Object>>) chartOption("#scatter").get("xAxis")).get(0).get("type")).isEqualTo("log");
        chooseScatterParameter("architecture.params.dropout");
        assertThat(((List<Map<String, Object>>) chartOption("#scatter").get("xAxis")).get(0).get("type")).isEqualTo("value");
        chooseScatterParameter("training.learning_rate");
        shot("sweep");
        WebElement parallel = browser.findElement(By.id("parallel"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", parallel);
        Files.write(SHOTS.resolve("sweep-parallel.png"), parallel.getScreenshotAs(OutputType.BYTES));
        WebElement scatter = browser.findElement(By.id("scatter"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", scatter);
        Files.write(SHOTS.resolve("sweep-scatter.png"), scatter.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void chartTooltipsShowClassNamesAndParameterValuesAsTextNeverAsMarkup() throws Exception {
        open("/runs/" + overfit);
        awaitText("h1", overfit);
        await("#confusion canvas");
        // Hover over the confusion matrix's first cell, whose class is "<b id=injected>cat</b>".
        hover("#confusion", "const c = echarts.getInstanceByDom(document.querySelector('#confusion'));"
                + "return c.convertToPixel({seriesIndex: 0}, [0, 0]);");
        awaitText("#confusion", "predicted <b id=injected>cat</b>");
        assertNothingInjected("injected");

        open("/sweeps/" + sweepId);
        awaitText("h1", sweepId);
        await("#scatter canvas");
        chooseScatterParameter("architecture.params.activation");
        hover("#scatter", "const c = echarts.getInstanceByDom(document.querySelector('#scatter'));"
                + "const d = c.getModel().getSeriesByIndex(0).getData();"
                + "for (let i = 0; i < d.count(); i++) { if (String(d.getRawDataItem(i).value[0]).includes('<b')) return d.getItemLayout(i); }"
                + "return null;");
        awaitText("#scatter", "<b id=injected-sweep>tanh</b>");
        assertNothingInjected("injected-sweep");
    }

    /** Moves the real mouse pointer onto the chart's pixel that {@code script} returns ([x, y] within the chart). */
    private static void hover(String css, String script) {
        WebElement chart = browser.findElement(By.cssSelector(css));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) ((JavascriptExecutor) browser).executeScript(script);
        assertThat(at).as("a point to hover in " + css).isNotNull();
        int dx = (int) Math.round(at.get(0).doubleValue() - chart.getSize().getWidth() / 2.0);
        int dy = (int) Math.round(at.get(1).doubleValue() - chart.getSize().getHeight() / 2.0);
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(chart, dx + 3, dy + 3).pause(Duration.ofMillis(100))
                .moveToElement(chart, dx, dy).perform();
    }

    private static void assertNothingInjected(String id) {
        assertThat(browser.findElements(By.id(id))).as("an element made from a server string").isEmpty();
        assertThat(browser.findElements(By.cssSelector("div.chart img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__xss === undefined")).isEqualTo(true);
    }

    /** The chart's option in #css as ECharts holds it, with its y axes' names and each line series' axis. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> chartOption(String css) {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const o = echarts.getInstanceByDom(document.querySelector(arguments[0])).getOption();
                const axes = {};
                (o.series || []).filter(s => s.type === 'line').forEach(s => { axes[s.name] = s.yAxisIndex || 0; });
                return { yAxis: o.yAxis, yAxisNames: (o.yAxis || []).map(a => a.name), seriesAxes: axes,
                  parallelAxis: o.parallelAxis, xAxis: o.xAxis };""", css);
    }

    private static void chooseScatterParameter(String key) {
        ((JavascriptExecutor) browser).executeScript("const s = document.querySelector('#scatter-param'); s.value = arguments[0];"
                + "s.dispatchEvent(new Event('change'));", key);
        waitUpTo(10).until(d -> key.equals(((JavascriptExecutor) d).executeScript(
                "return echarts.getInstanceByDom(document.querySelector('#scatter')).getOption().xAxis[0].name")));
    }

    @Test
    void runsPickedInATableAreComparedWithTheirDifferencesHighlighted() throws Exception {
        open("/");
        awaitText("#runs .page-info", "of 7");
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
        open("/");
        awaitText("#runs .page-info", "of 7");
        for (String id : List.of(overfit, failed)) {
            browser.findElement(By.cssSelector("#runs input.pick[data-id=" + id + "]")).click();
        }
        awaitText("#pick-count", "2 selected");
        browser.findElement(By.id("compare")).click();
        awaitText("h1", "Compare 2 runs");
        await("#overlay canvas");
        List<WebElement> diffs = browser.findElements(By.cssSelector("#params tr.diff"));
        assertThat(diffs).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#params")).getText()).contains("training.learning_rate");
        assertThat(browser.findElement(By.cssSelector("#finals")).getText()).contains(overfit).contains(failed);
        shot("compare");
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // adds a run: last, so the others see seven
    void aRunRecordedWhileTheHomePageIsOpenAppearsWithoutAReload() {
        open("/");
        awaitText("#runs .page-info", "of 7");
        awaitText("#live", "live");
        waitUpTo(10).until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
        ((JavascriptExecutor) browser).executeScript("window.__marker = 1");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 0.5);
        String live = runs.startRun(new NewRun("live-experiment", "{}", "{}", 5, "{}", null));
        runs.recordEpoch(live, 1, metrics);
        waitUpTo(20).until(d -> runIds().contains(live));
        // Same page: no reload happened.
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__marker")).isEqualTo(1L);
        assertThat(browser.findElement(By.cssSelector("#experiments")).getText()).contains("live-experiment");
        runs.finishRun(live, new RunOutcome(RunStatus.CANCELLED, null, null, "{}", null, "test"));
    }

    @Test
    void aPageOpenedWithItsTokenDropsItFromTheAddressBarAndStaysLive() {
        try (WebServer guarded = WebServer.start(new WebSources(runs, new H2RunQueries(db), new H2SweepStore(db), Map::of, home),
                "127.0.0.1", 0, "t0ken-for-the-page")) {
            browser.get(guarded.url() + "runs/" + overfit + "?token=t0ken-for-the-page");
            awaitText("h1", overfit);
            assertThat(browser.getCurrentUrl()).isEqualTo(guarded.url() + "runs/" + overfit);
            // The cookie is HttpOnly: the page's scripts cannot read it; the live WebSocket is let in with it.
            assertThat(((JavascriptExecutor) browser).executeScript("return document.cookie")).asString()
                    .doesNotContain("t0ken-for-the-page");
            waitUpTo(10).until(d -> d.findElement(By.id("live")).getAttribute("class").contains("on"));
        }
    }

    @Test
    void thePluginsPageListsExtensionsByKind() throws Exception {
        open("/plugins");
        awaitText("main", "small-cnn");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("architectures (1)").contains("Two conv blocks");
    }
}
