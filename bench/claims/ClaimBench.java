// Part of bench/claims.sh: claim throughput and latency of the sweep queue on H2's TCP server.
//
//   java -cp CLASSES:APP_CLASSPATH ClaimBench run WORKERS TRIALS HOME      (prints one result line)
//   java -cp ... ClaimBench claim URL SWEEP WORKER_ID GO_FILE OUT_FILE     (a worker process; internal)
//
// "run" creates a fresh home database with a sweep of TRIALS configurations, serves it over TCP on
// 127.0.0.1 exactly as `workbench sweep` does, starts WORKERS claimer JVMs, waits until all are up,
// then releases them together. Each claimer loops: claim (H2SweepStore.claim, the same call
// SweepWorker makes: the first queued trial, else a new configuration sampled outside any lock and
// inserted under the sweep's row lock) -> finish the trial at once (finishRun) -> claim again, until the sweep has nothing left;
// it writes every claim's latency (ns) and the trial id it got. With WORKERS=0 the same loop runs
// in this JVM on the embedded database (no TCP): the baseline that shows what the server costs.
// The result line: workers, claims, duplicates (trial ids handed out twice; must be 0), wall s,
// claims/s, p50 ms, p95 ms, max ms, errors, deaths (claimer processes that ended with an exception or a
// non-zero exit code, or wrote no results; must be 0).
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.db.H2SweepStore;
import org.cnnworkbench.db.HomeDatabase;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.WorkerInfo;

public final class ClaimBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("run")) {
            run(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
        } else {
            claim(args[1], args[2], args[3], Path.of(args[4]), Path.of(args[5]));
        }
    }

    static SweepPlan plan(int trials) {
        return new SweepPlan(trials, 1, 42, null, 2);
    }

    /** Configurations {lr: ...} until the budget is spent; no sampler cost, the queue alone is measured. */
    static Configuration.Source source() {
        return (number, finished) -> Optional.of(new Configuration(number,
                Map.of("training.learning_rate", Double.toString(0.0001 * (1 + number % 97))),
                Map.of("training.learning_rate", "{\"log_uniform\":[0.0001,0.01]}")));
    }

    static void run(int workers, int trials, Path home) throws Exception {
        Files.createDirectories(home);
        HomeDatabase homeDb = new HomeDatabase(home);
        try (H2Database db = homeDb.open()) {
            H2SweepStore sweeps = new H2SweepStore(db);
            String sweepId = sweeps.createSweep(new NewSweep("bench-claims", "{}", "random", null, "val_accuracy", "maximize",
                    "best", 42, trials, null, Math.max(1, workers)));
            List<Path> outs = new ArrayList<>();
            int deaths = 0;
            long wallStart;
            long wallEnd;
            if (workers == 0) {
                Path out = home.resolve("claims-0.txt");
                outs.add(out);
                wallStart = System.nanoTime();
                loop(db, sweepId, "w-embedded", out);
                wallEnd = System.nanoTime();
            } else {
                try (DatabaseServer server = DatabaseServer.serve(homeDb, 0, false)) {
                    Path go = home.resolve("go");
                    List<Process> processes = new ArrayList<>();
                    for (int i = 0; i < workers; i++) {
                        Path out = home.resolve("claims-" + i + ".txt");
                        outs.add(out);
                        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "ClaimBench", "claim", server.url(),
                                sweepId, "w-" + i, go.toString(), out.toString())
                                .redirectErrorStream(true).redirectOutput(home.resolve("worker-" + i + ".log").toFile());
                        pb.environment().put("WORKBENCH_DB_PASSWORD", homeDb.password());
                        processes.add(pb.start());
                    }
                    // Wait until every claimer JVM is up and connected (it writes its ready file), then release them together.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    for (int i = 0; i < workers; i++) {
                        Path ready = home.resolve("claims-" + i + ".txt.ready");
                        while (!Files.exists(ready)) {
                            if (System.nanoTime() > deadline || !processes.get(i).isAlive()) {
                                throw new IllegalStateException("claimer " + i + " did not start: "
                                        + Files.readString(home.resolve("worker-" + i + ".log")));
                            }
                            Thread.sleep(20);
                        }
                    }
                    wallStart = System.nanoTime();
                    Files.writeString(go, "go");
                    for (int i = 0; i < workers; i++) {
                        Process p = processes.get(i);
                        if (!p.waitFor(600, TimeUnit.SECONDS)) {
                            p.destroyForcibly();
                            throw new IllegalStateException("a claimer did not finish");
                        }
                        if (p.exitValue() != 0 || !Files.exists(outs.get(i))) {
                            deaths++;
                            System.err.println("claimer " + i + " died (exit code " + p.exitValue() + "): "
                                    + Files.readString(home.resolve("worker-" + i + ".log")));
                        }
                    }
                    wallEnd = System.nanoTime();
                }
            }
            List<Long> latencies = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            int errors = 0;
            for (Path out : outs) {
                if (!Files.exists(out)) {
                    continue;
                }
                for (String line : Files.readAllLines(out)) {
                    String[] p = line.split(" ");
                    if (p[0].equals("error")) {
                        errors++;
                        continue;
                    }
                    latencies.add(Long.parseLong(p[0]));
                    if (p.length > 1) {
                        ids.add(p[1]);
                    }
                }
            }
            Set<String> distinct = new HashSet<>(ids);
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double wall = (wallEnd - wallStart) / 1e9;
            System.out.printf("workers=%d claims=%d duplicates=%d wall_s=%.3f claims_per_s=%.1f p50_ms=%.2f p95_ms=%.2f "
                    + "max_ms=%.2f errors=%d deaths=%d%n", workers, ids.size(), ids.size() - distinct.size(), wall, ids.size() / wall,
                    pct(sorted, 50), pct(sorted, 95), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, errors, deaths);
        }
    }

    static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static void claim(String url, String sweepId, String workerId, Path go, Path out) throws Exception {
        try (H2Database db = H2Database.open(url, HomeDatabase.USER, System.getenv("WORKBENCH_DB_PASSWORD"))) {
            // Warm the connection and the statements' classes before the clock starts.
            new H2SweepStore(db).findSweep(sweepId);
            Files.writeString(Path.of(out + ".ready"), "ready");
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            loop(db, sweepId, workerId, out);
        }
    }

    static void loop(H2Database db, String sweepId, String workerId, Path out) throws Exception {
        H2SweepStore sweeps = new H2SweepStore(db);
        H2RunStore runs = new H2RunStore(db);
        sweeps.registerWorker(new WorkerInfo(workerId, sweepId, "bench", ProcessHandle.current().pid(), "cpu", 1, null));
        SweepPlan plan = plan(sweeps.findSweep(sweepId).orElseThrow().summary().budgetTrials());
        Configuration.Source source = source();
        StringBuilder lines = new StringBuilder();
        int waits = 0;
        while (true) {
            long t0 = System.nanoTime();
            Claim claim;
            try {
                claim = sweeps.claim(sweepId, workerId, plan, source);
            } catch (RuntimeException e) {
                lines.append("error ").append(e.getMessage().replace('\n', ' ')).append('\n');
                continue;
            }
            long ns = System.nanoTime() - t0;
            if (claim instanceof Claim.Trial t) {
                lines.append(ns).append(' ').append(t.trial().id()).append('\n');
                runs.finishRun(t.trial().id(), new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null, null));
            } else if (claim instanceof Claim.Done) {
                break;
            } else if (++waits > 10_000) {
                break;
            } else {
                Thread.sleep(1);
            }
        }
        sweeps.workerEnded(workerId, false);
        Files.writeString(out, lines.toString());
    }
}
