// Part of bench/overhead.sh: what the workbench adds after each epoch's training loop — its
// per-epoch H2 transaction (H2RunStore.recordEpoch, the same call TrialRunner makes, with the
// same seven metric keys) — timed on a fresh embedded database in HOME. The fit loop's
// samples_per_second does not contain it, so the script adds it to each epoch.
//
//   java -cp 'app/target/lib/*:app/target/workbench-app-0.1.0-SNAPSHOT.jar' bench/EpochCommit.java HOME [epochs]
//
// Prints "commit_ms first F median M max X" (milliseconds): "first" is the first epoch of a run
// (the JVM's commit path still cold, as after a real epoch 1), median and max over the others.
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.db.H2RunStore;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;

public final class EpochCommit {
    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        try (H2Database database = H2Database.open(H2Database.embeddedUrl(home), "sa", "")) {
            H2RunStore store = new H2RunStore(database);
            String runId = store.startRun(new NewRun("bench-epoch-commit", "{}", "{}", 42, "{}", null));
            double[] ms = new double[epochs];
            for (int epoch = 1; epoch <= epochs; epoch++) {
                Map<String, Double> values = new LinkedHashMap<>();
                values.put(MetricKeys.LOSS, 0.5 / epoch);
                values.put(MetricKeys.ACCURACY, 0.8);
                values.put(MetricKeys.VAL_LOSS, 0.4 / epoch);
                values.put(MetricKeys.VAL_ACCURACY, 0.85);
                values.put(MetricKeys.LR, 0.001);
                values.put(MetricKeys.EPOCH_SECONDS, 40.0);
                values.put(MetricKeys.SAMPLES_PER_SECOND, 1350.0);
                long start = System.nanoTime();
                store.recordEpoch(runId, epoch, values);
                ms[epoch - 1] = (System.nanoTime() - start) / 1e6;
            }
            store.finishRun(runId, new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null));
            double[] rest = Arrays.copyOfRange(ms, 1, ms.length);
            Arrays.sort(rest);
            double median = rest.length % 2 == 1 ? rest[rest.length / 2]
                    : (rest[rest.length / 2 - 1] + rest[rest.length / 2]) / 2;
            System.out.printf("commit_ms first %.3f median %.3f max %.3f%n", ms[0], median, rest[rest.length - 1]);
        }
    }
}
