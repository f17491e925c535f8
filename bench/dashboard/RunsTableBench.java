// Part of bench/dashboard.sh: how fast the dashboard's runs table answers with 100 and with 10,000
// runs. Fills a fresh embedded database through the same store calls training makes (N runs of
// EPOCHS epochs, 4 metrics each, a quarter of them tagged), starts the real dashboard server on a free
// port, and times GET /api/runs over HTTP for five kinds of page: newest first, sorted by a metric,
// filtered (status + metric range), a text search, and a page deep in the list. Each is asked REPEATS
// times after 3 warm-up calls; prints one line per query: "runs=N query=NAME median_ms=M p95_ms=P".
//
//   java -cp 'app/target/lib/*:app/target/workbench-app-0.1.0-SNAPSHOT.jar' bench/dashboard/RunsTableBench.java HOME RUNS [EPOCHS] [REPEATS]
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunQueries;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.web.WebServer;
import org.cnnworkbench.web.WebSources;

public final class RunsTableBench {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        try (H2Database db = H2Database.open(H2Database.embeddedUrl(home), "sa", "")) {
            H2RunStore store = new H2RunStore(db);
            long t0 = System.nanoTime();
            for (int r = 0; r < runs; r++) {
                String id = store.startRun(new NewRun("exp-" + (r % 20), "{\"training\":{\"learning_rate\":" + (0.0001 * (1 + r % 50))
                        + "}}", "{}", r, "{}", null));
                for (int e = 1; e <= epochs; e++) {
                    double val = 1.0 / e + 0.01 * (r % 13) + (e > 3 ? 0.02 * (e - 3) : 0);
                    store.recordEpoch(id, e, Map.of("loss", 1.0 / (e + 1), "accuracy", 0.5 + 0.05 * e, "val_loss", val,
                            "val_accuracy", 0.5 + 0.04 * e - 0.001 * (r % 13)));
                }
                store.finishRun(id, new RunOutcome(r % 10 == 0 ? RunStatus.FAILED : RunStatus.COMPLETED, 0.8, 0.5, "{}", null, null));
                if (r % 4 == 0) {
                    store.tag(id, "team", r % 8 == 0 ? "vision" : "audio");
                }
            }
            System.err.printf("filled %d runs x %d epochs in %.1f s%n", runs, epochs, (System.nanoTime() - t0) / 1e9);
            try (WebServer server = WebServer.start(new WebSources(store, new H2RunQueries(db), new H2SweepStore(db), Map::of, home),
                    "127.0.0.1", 0, null)) {
                HttpClient http = HttpClient.newHttpClient();
                Map<String, String> queries = new LinkedHashMap<>();
                queries.put("newest", "api/runs?limit=50");
                queries.put("sort_by_metric", "api/runs?limit=50&sort=val_loss&order=asc");
                queries.put("filtered", "api/runs?limit=50&status=completed&range=val_loss:0.3:0.6&sort=gap_loss_last");
                queries.put("search", "api/runs?limit=50&q=exp-7");
                queries.put("deep_page", "api/runs?limit=50&offset=" + Math.max(0, runs - 100));
                for (Map.Entry<String, String> q : queries.entrySet()) {
                    URI uri = URI.create(server.url() + q.getValue());
                    for (int w = 0; w < 3; w++) {
                        http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                    }
                    double[] ms = new double[repeats];
                    for (int i = 0; i < repeats; i++) {
                        long s = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                        ms[i] = (System.nanoTime() - s) / 1e6;
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(q.getKey() + ": HTTP " + r.statusCode() + " " + r.body());
                        }
                    }
                    Arrays.sort(ms);
                    System.out.printf("runs=%d query=%s median_ms=%.2f p95_ms=%.2f%n", runs, q.getKey(), ms[repeats / 2],
                            ms[(int) Math.ceil(0.95 * repeats) - 1]);
                }
            }
        }
    }
}
