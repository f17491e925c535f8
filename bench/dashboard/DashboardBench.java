// Part of bench/dashboard.sh: how fast the dashboard answers with RUNS runs and one sweep of SWEEP
// trials. Fills a fresh embedded database through the store's bulk import (db.H2BulkImport: the rows
// training writes, RUNS x EPOCHS epochs of 4 metrics, many runs per transaction), starts the real
// dashboard server on a free port and times over HTTP: the runs table's newest page, sorted by a metric,
// a three-clause filter with `or` and `in` (filter=), a text search (q=), a deep page, the home page's
// overview, a run's curves, and the sweep page's data (/api/sweeps/ID). Each is asked REPEATS times after
// 3 warm-up calls. With a browser (BROWSER=1, chromium and chromedriver installed) it also loads the home
// page and the sweep page in headless Chromium, RENDERS times each, and times them until the runs table's
// rows, and the sweep's trials table and parallel coordinates, are drawn.
// Prints one line per measure: "runs=N group=G query=NAME median_ms=M p95_ms=P".
//
//   java -cp CLASSPATH bench/dashboard/DashboardBench.java HOME RUNS EPOCHS REPEATS SWEEP BROWSER
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.db.H2BulkImport;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunCuration;
import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.web.WebServer;
import org.cnnworkbench.web.WebSources;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

public final class DashboardBench {
    private static final String[] OPTIMIZERS = {"adam", "sgd", "rmsprop"};
    private static final int CHUNK = Integer.parseInt(System.getenv().getOrDefault("CHUNK", "100"));
    private static final int THREADS = Integer.parseInt(System.getenv().getOrDefault("THREADS", "3"));

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        int trials = Integer.parseInt(args[4]);
        boolean browser = "1".equals(args[5]);
        try (H2Database db = H2Database.open(H2Database.embeddedUrl(home), "sa", "")) {
            H2RunStore store = new H2RunStore(db);
            H2SweepStore sweeps = new H2SweepStore(db);
            H2BulkImport bulk = new H2BulkImport(db);
            // A home kept from an earlier fill (KEEP=1 in bench/dashboard.sh) is timed again without refilling it.
            Path filled = home.resolve("bench-filled.txt");
            String sweep;
            String curvesRun;
            if (Files.exists(filled)) {
                String[] kept = Files.readString(filled).trim().split(" ");
                if (Integer.parseInt(kept[0]) != runs || Integer.parseInt(kept[1]) != trials) {
                    throw new IllegalStateException(home + " was filled with " + kept[0] + " runs and " + kept[1] + " trials, not " + runs
                            + " and " + trials);
                }
                sweep = kept[2];
                curvesRun = kept[3];
                System.err.printf("reusing %s: %d runs and a sweep of %d trials; database %.0f MB%n", home, runs, trials, size(home) / 1e6);
            } else {
            long t0 = System.nanoTime();
            // Chunks of runs imported by THREADS threads at once, each chunk in its own transaction.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
            List<java.util.concurrent.Future<List<String>>> done = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger imported = new java.util.concurrent.atomic.AtomicInteger();
            for (int start = 0; start < runs; start += CHUNK) {
                int from = start;
                done.add(pool.submit(() -> {
                    List<H2BulkImport.Run> chunk = new ArrayList<>();
                    for (int r = from; r < Math.min(runs, from + CHUNK); r++) {
                        chunk.add(new H2BulkImport.Run(new NewRun("exp-" + (r % 20), config(r), "{}", r, "{}", null), epochs(r, epochs),
                                outcome(r), r % 4 == 0 ? Map.of("team", r % 8 == 0 ? "vision" : "audio") : Map.of()));
                    }
                    List<String> ids = bulk.importRuns(chunk);
                    int total = imported.addAndGet(ids.size());
                    if (runs >= 10 * CHUNK && (total / CHUNK) % Math.max(1, runs / CHUNK / 20) == 0) {
                        System.err.printf("  %d of %d runs in %.0f s%n", total, runs, (System.nanoTime() - t0) / 1e9);
                    }
                    return ids;
                }));
                if (from == 0) {
                    done.get(0).get();  // the first chunk alone: it creates the 20 experiments
                }
            }
            List<String> middle = done.get(done.size() / 2).get();
            curvesRun = middle.get(middle.size() / 2);
            for (java.util.concurrent.Future<List<String>> f : done) {
                f.get();
            }
            double runsSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            sweep = sweeps.createSweep(new NewSweep("sweep-exp", """
                    {"sweep": {"strategy": "random", "trials": %d, "objective": {"metric": "val_accuracy", "direction": "maximize"},
                      "parameters": {"training.learning_rate": {"log_uniform": [0.0001, 0.1]},
                      "architecture.params.dropout": {"uniform": [0.0, 0.5]}, "training.optimizer": {"choice": ["adam", "sgd", "rmsprop"]},
                      "training.batch_size": {"choice": [32, 64, 128]}}}}""".formatted(trials), "random", null, "val_accuracy", "maximize", "best", 1,
                    trials, null, 4));
            done.clear();
            for (int start = 0; start < trials; start += CHUNK) {
                int from = start;
                done.add(pool.submit(() -> {
                    List<H2BulkImport.Run> chunk = new ArrayList<>();
                    for (int n = from; n < Math.min(trials, from + CHUNK); n++) {
                        int r = 7919 * n + 13;
                        Map<String, String> params = new LinkedHashMap<>();
                        params.put("training.learning_rate", String.valueOf(learningRate(r)));
                        params.put("architecture.params.dropout", String.valueOf(dropout(r)));
                        params.put("training.optimizer", "\"" + OPTIMIZERS[r % 3] + "\"");
                        params.put("training.batch_size", String.valueOf(32 << (r % 3)));
                        chunk.add(new H2BulkImport.Run(new NewRun("sweep-exp", config(r), "{}", n, "{}", null), epochs(r, epochs),
                                outcome(r), Map.of(), sweep, n, params));
                    }
                    return bulk.importRuns(chunk);
                }));
            }
            for (java.util.concurrent.Future<List<String>> f : done) {
                f.get();
            }
            pool.shutdown();
            sweeps.setSweepState(sweep, SweepState.COMPLETED, null);
            System.err.printf("filled %d runs x %d epochs in %.1f s (%d threads), the sweep of %d trials in %.1f s; database %.0f MB%n", runs, epochs,
                    runsSeconds, THREADS, trials, (System.nanoTime() - t1) / 1e9, size(home) / 1e6);
            Files.writeString(filled, runs + " " + trials + " " + sweep + " " + curvesRun + "\n");
            }
            try (WebServer server = WebServer.start(new WebSources(store, new H2RunQueries(db), sweeps, Map::of, home,
                    new H2RunCuration(db)), "127.0.0.1", 0, null)) {
                HttpClient http = HttpClient.newHttpClient();
                Map<String, String> queries = new LinkedHashMap<>();
                queries.put("newest", "api/runs?limit=50");
                queries.put("sort_by_metric", "api/runs?limit=50&sort=val_loss&order=asc");
                queries.put("filter_or_in", "api/runs?limit=50&filter=" + URLEncoder.encode(
                        "status = 'failed' or metrics.val_loss < 0.5 and params.training.optimizer in ('adam', 'rmsprop')",
                        StandardCharsets.UTF_8));
                queries.put("text_search", "api/runs?limit=50&q=exp-7");
                queries.put("deep_page", "api/runs?limit=50&offset=" + Math.max(0, runs - 100));
                queries.put("overview", "api/overview");
                queries.put("curves", "api/runs/" + curvesRun + "/curves?keys=loss,val_loss,accuracy,val_accuracy");
                queries.put("sweep_page", "api/sweeps/" + sweep);
                for (Map.Entry<String, String> q : queries.entrySet()) {
                    URI uri = URI.create(server.url() + q.getValue());
                    for (int w = 0; w < 3; w++) {
                        get(http, q.getKey(), uri);
                    }
                    double[] ms = new double[repeats];
                    for (int i = 0; i < repeats; i++) {
                        long s = System.nanoTime();
                        get(http, q.getKey(), uri);
                        ms[i] = (System.nanoTime() - s) / 1e6;
                    }
                    print(runs, q.getKey().equals("sweep_page") ? "sweep" : "runs", q.getKey(), ms);
                }
                if (browser) {
                    render(server.url(), sweep, runs, Integer.parseInt(System.getenv().getOrDefault("RENDERS", "5")));
                }
            }
        }
        System.exit(0);  // the HTTP client's and the browser driver's threads would keep the JVM alive
    }

    private static void get(HttpClient http, String name, URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(name + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    /** The home page until the runs table's rows are drawn, and the sweep page until its trials table and parallel coordinates are. */
    private static void render(String base, String sweep, int runs, int times) throws Exception {
        Path chromium = Files.isExecutable(Path.of("/usr/lib/chromium/chromium")) ? Path.of("/usr/lib/chromium/chromium")
                : Path.of("/usr/bin/chromium");
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1100");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), options);
        try {
            String homeDone = "return document.querySelectorAll('#runs tbody tr').length > 0";
            String sweepDone = """
                    const el = document.querySelector('#parallel');
                    const c = el && window.echarts && echarts.getInstanceByDom(el);
                    return document.querySelectorAll('#trials tbody tr').length > 0 && !!c && !!el.querySelector('canvas')
                        && c.getOption().series[0].data.length > 0""";
            driver.get(base + "runs/none");  // the browser started and the scripts cached, as a user's would be
            double[] home = new double[times];
            double[] sweepPage = new double[times];
            for (int i = 0; i < times; i++) {
                home[i] = load(driver, base, homeDone);
                sweepPage[i] = load(driver, base + "sweeps/" + sweep, sweepDone);
            }
            print(runs, "render", "home_page", home);
            print(runs, "render", "sweep_page", sweepPage);
        } finally {
            driver.quit();
        }
    }

    /** Milliseconds from navigating to the page until {@code done} is true, then a frame painted. */
    private static double load(ChromeDriver driver, String url, String done) {
        driver.get("about:blank");
        long s = System.nanoTime();
        driver.get(url);
        long deadline = s + Duration.ofSeconds(60).toNanos();
        JavascriptExecutor js = driver;
        while (!Boolean.TRUE.equals(js.executeScript(done))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " was not drawn within 60 s");
            }
        }
        js.executeAsyncScript("const cb = arguments[arguments.length - 1]; requestAnimationFrame(() => setTimeout(cb, 0));");
        return (System.nanoTime() - s) / 1e6;
    }

    private static void print(int runs, String group, String name, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("runs=%d group=%s query=%s median_ms=%.2f p95_ms=%.2f%n", runs, group, name, sorted[sorted.length / 2],
                sorted[(int) Math.ceil(0.95 * sorted.length) - 1]);
    }

    private static double learningRate(int r) {
        return Math.pow(10, -4 + 3 * ((r * 2654435761L) % 1000) / 1000.0);
    }

    private static double dropout(int r) {
        return 0.1 * (r % 5);
    }

    private static String config(int r) {
        return "{\"training\":{\"learning_rate\":" + learningRate(r) + ",\"optimizer\":\"" + OPTIMIZERS[r % 3] + "\",\"batch_size\":"
                + (32 << (r % 3)) + ",\"epochs\":50},\"architecture\":{\"type\":\"small-cnn\",\"params\":{\"dropout\":" + dropout(r) + "}}}";
    }

    private static List<Map<String, Double>> epochs(int r, int epochs) {
        List<Map<String, Double>> out = new ArrayList<>(epochs);
        double lr = learningRate(r);
        for (int e = 1; e <= epochs; e++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", 1.0 / (e + 1) + 0.001 * (r % 7));
            m.put("accuracy", Math.min(0.99, 0.5 + 0.01 * e + lr));
            m.put("val_loss", 0.8 / Math.sqrt(e) + 0.01 * (r % 13) + (e > epochs / 2 ? 0.004 * (e - epochs / 2) : 0));
            m.put("val_accuracy", Math.min(0.98, 0.5 + 0.008 * e - 0.001 * (r % 13) + dropout(r) / 10));
            out.add(m);
        }
        return out;
    }

    private static RunOutcome outcome(int r) {
        return new RunOutcome(r % 10 == 0 ? RunStatus.FAILED : RunStatus.COMPLETED, 0.8 + 0.001 * (r % 100), 0.5, "{}",
                r % 10 == 0 ? "out of memory" : null);
    }

    private static long size(Path home) throws Exception {
        try (var files = Files.walk(home)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
