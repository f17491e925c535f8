package org.cnnworkbench.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The headless Chromium the page tests drive (Debian's chromium and chromium-driver). Where it is not
 * installed the test class is skipped, saying so; CI sets WORKBENCH_REQUIRE_BROWSER=1, which turns the
 * skip into a failure.
 */
final class HeadlessChromium {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));

    private HeadlessChromium() {
    }

    /** Skips the calling test class (or fails it, under WORKBENCH_REQUIRE_BROWSER=1) where there is no browser. */
    static void assumePresent() {
        boolean present = Files.isExecutable(CHROMEDRIVER) && chromium().isPresent();
        if ("1".equals(System.getenv("WORKBENCH_REQUIRE_BROWSER"))) {
            assertThat(present).as("WORKBENCH_REQUIRE_BROWSER=1 but chromium / chromium-driver are not installed").isTrue();
        }
        assumeTrue(present, "no headless browser here: apt-get install chromium chromium-driver");
    }

    /** A new headless browser with a 1400x1100 window that keeps the page's console log. */
    /** Skips the test without Chromium, else opens the home's database for the pages to show. */
    static org.cnnworkbench.db.H2Database database(Path home) {
        assumePresent();
        return org.cnnworkbench.db.H2Database.open(org.cnnworkbench.db.H2Database.embeddedUrl(home), "sa", "");
    }

    static WebDriver start() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().orElseThrow().toString());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1100");
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    }

    /** Quits {@code browser} and closes {@code others} in order, passing over what was never started (null). */
    static void closeAll(WebDriver browser, AutoCloseable... others) throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable other : others) {
            if (other != null) {
                other.close();
            }
        }
    }

    private static Optional<Path> chromium() {
        return CHROMIUM.stream().filter(Files::isExecutable).findFirst();
    }
}
