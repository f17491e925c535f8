package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.Configuration;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A two-objective sweep's page in a real headless Chromium on a real H2 store: the Pareto front plotted
 * is the one a brute-force dominance check finds, and the hypervolume by trial grows only with trials
 * that extend the front; a one-objective sweep shows neither plot.
 */
class ParetoPagesTest {
    /** Each trial's val_accuracy (maximize) and epoch_seconds (minimize). */
    private static final double[][] TRIALS = {{0.70, 1.0}, {0.80, 2.0}, {0.75, 2.5}, {0.90, 4.0}, {0.60, 3.0}};

    @TempDir
    static Path home;

    private static H2Database db;
    private static WebServer server;
    private static WebDriver browser;
    private static String multi;
    private static String single;
    private static final List<String> trialIds = new ArrayList<>();

    @BeforeAll
    static void start() {
        db = HeadlessChromium.database(home);
        H2RunStore runs = new H2RunStore(db);
        H2SweepStore sweeps = new H2SweepStore(db);
        multi = seed(runs, sweeps, """
                {"file": "/somewhere/multi.yaml", "sweep": {"strategy": "random", "trials": 5, "objectives": [
                  {"metric": "val_accuracy", "direction": "maximize", "over": "last"},
                  {"metric": "epoch_seconds", "direction": "minimize", "over": "last"}],
                  "parameters": {"training.learning_rate": {"log_uniform": [0.0001, 0.1]}}}}""", trialIds);
        single = seed(runs, sweeps, """
                {"file": "/somewhere/single.yaml", "sweep": {"strategy": "random", "trials": 5,
                  "objective": {"metric": "val_accuracy", "direction": "maximize", "over": "last"},
                  "parameters": {"training.learning_rate": {"log_uniform": [0.0001, 0.1]}}}}""", new ArrayList<>());
        server = WebServer.start(new WebSources(runs, new H2RunQueries(db), sweeps, () -> Map.of("extensions", List.of()), home),
                "127.0.0.1", 0, null);
        browser = HeadlessChromium.start();
    }

    private static String seed(H2RunStore runs, H2SweepStore sweeps, String spec, List<String> ids) {
        String id = sweeps.createSweep(new NewSweep("shapes-cnn", spec, "random", null, "val_accuracy", "maximize", "last", 5, 1, null, 1));
        String worker = "w-" + id;
        sweeps.registerWorker(new WorkerInfo(worker, id, "host", 1, "cpu", 1, null));
        SweepPlan plan = new SweepPlan(5, 1, 5, null, 1);
        Configuration.Source source = (number, finished) -> Optional.of(new Configuration(number,
                Map.of("training.learning_rate", Double.toString(0.001 * (number + 1))), Map.of()));
        for (double[] values : TRIALS) {
            var trial = ((Claim.Trial) sweeps.claim(id, worker, plan, source)).trial();
            runs.recordEpoch(trial.id(), 1, Map.of("loss", 0.5, "val_loss", 0.6, "val_accuracy", values[0], "epoch_seconds", values[1]));
            runs.finishRun(trial.id(), new RunOutcome(RunStatus.COMPLETED, values[0], 0.6, "{}", null, null));
            ids.add(trial.id());
        }
        sweeps.completeIfDone(id, plan);
        return id;
    }

    @AfterAll
    static void stop() throws Exception {
        HeadlessChromium.closeAll(browser, server, db);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theParetoFrontIsTheBruteForceOneAndTheHypervolumeGrowsWithIt() {
        List<String> front = new ArrayList<>();
        for (int i = 0; i < TRIALS.length; i++) {
            boolean dominated = false;
            for (int j = 0; j < TRIALS.length; j++) {
                dominated |= j != i && TRIALS[j][0] >= TRIALS[i][0] && TRIALS[j][1] <= TRIALS[i][1]
                        && (TRIALS[j][0] > TRIALS[i][0] || TRIALS[j][1] < TRIALS[i][1]);
            }
            if (!dominated) {
                front.add(trialIds.get(i));
            }
        }
        assertThat(front).hasSize(3);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(server.url() + "sweeps/" + multi);
        wait.until(d -> !d.findElements(By.cssSelector("#pareto canvas")).isEmpty()
                && !d.findElements(By.cssSelector("#hypervolume canvas")).isEmpty());
        Map<String, Object> plotted = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const o = echarts.getInstanceByDom(document.querySelector('#pareto')).getOption();
                const h = echarts.getInstanceByDom(document.querySelector('#hypervolume')).getOption();
                return { front: o.series[1].data.map(p => p.value[2]), others: o.series[0].data.map(p => p.value[2]),
                  x: o.xAxis[0].name, y: o.yAxis[0].name, volumes: h.series[0].data.map(p => p[1]) };""");
        assertThat((List<String>) plotted.get("front")).containsExactlyInAnyOrderElementsOf(front);
        assertThat((List<String>) plotted.get("others")).hasSize(2).doesNotContainAnyElementsOf(front);
        assertThat((String) plotted.get("x")).contains("val_accuracy");
        assertThat((String) plotted.get("y")).contains("epoch_seconds");
        List<Number> volumes = (List<Number>) plotted.get("volumes");
        assertThat(volumes).hasSize(TRIALS.length);
        assertThat(volumes.get(0).doubleValue()).isPositive();
        // The third trial (0.75, 2.5) is dominated by the second: the volume stays; the fourth (0.90, 4.0) adds to it,
        // the fifth (0.60, 3.0), dominated by the first, does not.
        assertThat(volumes.get(1).doubleValue()).isGreaterThan(volumes.get(0).doubleValue());
        assertThat(volumes.get(2).doubleValue()).isEqualTo(volumes.get(1).doubleValue());
        assertThat(volumes.get(3).doubleValue()).isGreaterThan(volumes.get(2).doubleValue());
        assertThat(volumes.get(4).doubleValue()).isEqualTo(volumes.get(3).doubleValue());
        assertThat(browser.findElement(By.id("multi")).isDisplayed()).isTrue();

        browser.get(server.url() + "sweeps/" + single);
        wait.until(d -> d.findElement(By.cssSelector("h1")).getText().contains(single)
                && !d.findElements(By.cssSelector("#best-so-far canvas")).isEmpty());
        assertThat(browser.findElement(By.id("multi")).isDisplayed()).as("one objective: no Pareto plots").isFalse();
    }
}
