package org.cnnworkbench.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The New page in a real headless Chromium against a real {@code serve} process: a file with a mistake
 * shows its line and column beside the text; the fixed file validates with its model summary and
 * launches as a run, whose page opens and fills live until the run has completed; "Run again with
 * changes" brings its resolved configuration back into the editor, valid.
 */
class DashboardLaunchPagesTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));

    @TempDir
    Path dir;

    private Cli.Started serve;
    private WebDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.process().destroy();
            serve.process().waitFor();
        }
    }

    @Test
    void theNewPageShowsAMistakeThenLaunchesARunWhosePageFillsLive() throws Exception {
        Optional<Path> chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst();
        boolean present = Files.isExecutable(CHROMEDRIVER) && chromium.isPresent();
        if ("1".equals(System.getenv("WORKBENCH_REQUIRE_BROWSER"))) {
            assertThat(present).as("WORKBENCH_REQUIRE_BROWSER=1 but chromium / chromium-driver are not installed").isTrue();
        }
        assumeTrue(present, "no headless browser here: apt-get install chromium chromium-driver");
        Path experiments = dir.resolve("experiments");
        ExperimentFile tiny = ExperimentFile.tiny().withLine(ExperimentFile.TRAIN_LIMIT, "    train_limit: 100")
                .withLine(ExperimentFile.TRAIN_LIMIT + 1, "    test_limit: 100").withLine(ExperimentFile.EPOCHS, "  epochs: 1");
        tiny.write(experiments, "tiny.yaml");
        tiny.withLine(ExperimentFile.EPOCHS, "  epochs: many").write(experiments.resolve("broken"), "tiny-broken.yaml");
        SweepWatch.sweepFile(experiments, "tiny-sweep.yaml", tiny, "strategy: grid", "parameters:",
                "  training.learning_rate: {choice: [0.001, 0.002]}");

        serve = Cli.startTraining("serve", "--port", "0", "--home", dir.resolve("home").toString(), "--experiments", experiments.toString());
        String url = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (url == null && System.nanoTime() < deadline) {
            url = serve.output().lines().filter(l -> l.startsWith("http://127.0.0.1:")).findFirst().orElse(null);
            assertThat(serve.process().isAlive()).as(serve.output()).isTrue();
            Thread.sleep(100);
        }
        assertThat(url).as(serve.output()).isNotNull();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1100");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));

        browser.get(url + "new");
        wait.until(d -> d.findElements(By.cssSelector("#file option")).size() == 4);
        new Select(browser.findElement(By.id("file"))).selectByVisibleText("broken/tiny-broken.yaml");
        wait.until(d -> !d.findElements(By.cssSelector("#errors li")).isEmpty());
        String error = browser.findElement(By.cssSelector("#errors li")).getText();
        assertThat(error).contains("line " + ExperimentFile.EPOCHS + ", column 11").contains("epochs");
        assertThat(browser.findElement(By.cssSelector("#gutter .err")).getText()).isEqualTo(String.valueOf(ExperimentFile.EPOCHS));
        assertThat(browser.findElement(By.id("launch-run")).isEnabled()).isFalse();

        new Select(browser.findElement(By.id("file"))).selectByVisibleText("tiny.yaml");
        wait.until(d -> d.findElement(By.id("state")).getText().startsWith("Valid"));
        assertThat(browser.findElements(By.cssSelector("#errors li"))).isEmpty();
        assertThat(browser.findElement(By.id("summary")).getText()).contains("Total params");
        assertThat(browser.findElement(By.id("launch-sweep")).isEnabled()).as("no sweep: section").isFalse();
        browser.findElement(By.id("launch-run")).click();
        wait.until(d -> d.getCurrentUrl().matches(".*/runs/r\\d+$"));
        new WebDriverWait(browser, Duration.ofSeconds(300)).until(d -> !d.findElements(By.cssSelector("#head .badge.completed")).isEmpty());
        assertThat(browser.findElement(By.id("head")).getText()).contains("tiny");

        // Run again with changes: the run's resolved configuration, as YAML, in the editor, and valid.
        browser.findElement(By.id("run-again")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/new"));
        wait.until(d -> d.findElement(By.id("state")).getText().startsWith("Valid"));
        String yaml = browser.findElement(By.id("yaml")).getAttribute("value");
        assertThat(yaml).contains("name: tiny").contains("train_limit: 100").contains("optimizer: rmsprop");
        assertThat(browser.findElement(By.id("launch-run")).isEnabled()).isTrue();

        // A file with a sweep: section launches as a sweep, whose page opens and fills until it has completed.
        new Select(browser.findElement(By.id("file"))).selectByVisibleText("tiny-sweep.yaml");
        wait.until(d -> d.findElement(By.id("state")).getText().startsWith("Valid") && d.findElement(By.id("launch-sweep")).isEnabled());
        browser.findElement(By.id("launch-sweep")).click();
        wait.until(d -> d.getCurrentUrl().matches(".*/sweeps/s\\d+$"));
        new WebDriverWait(browser, Duration.ofSeconds(300)).until(d -> !d.findElements(By.cssSelector("#head .badge.completed")).isEmpty());
        assertThat(browser.findElement(By.id("head")).getText()).contains("tiny");
    }
}
