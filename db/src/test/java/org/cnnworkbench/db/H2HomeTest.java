package org.cnnworkbench.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test on a real H2 file in a fresh temporary home: before each test the home's database is
 * opened (embedded, user {@code sa}) with a run store, a sweep store and the run queries on it,
 * stamping times from {@link #clock()}; after it, the run store and the database are closed.
 */
abstract class H2HomeTest {
    @TempDir
    Path home;

    H2Database db;
    H2RunStore runs;
    H2SweepStore sweeps;
    H2RunQueries queries;

    /** The clock the stores stamp times from: the system clock (UTC) unless a test sets its own. */
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Opens the home's database and new stores on it; a test that closed {@link #db} calls it to
     * open the same file again, as another process would.
     */
    @BeforeEach
    final void openDatabase() {
        db = H2Database.open(H2Database.embeddedUrl(home), "sa", "");
        runs = new H2RunStore(db, clock());
        sweeps = new H2SweepStore(db, clock());
        queries = new H2RunQueries(db);
    }

    /**
     * A validated experiment file {@code name}.yaml in the home: the test extensions' stripes data on
     * {@code architecture}, {@code epochs} epochs of batch 8, seed 3.
     */
    ExperimentSpec stripes(String name, String architecture, int epochs) throws Exception {
        Path file = Files.writeString(home.resolve(name + ".yaml"), "name: " + name + "\ndataset:\n  type: stripes\n"
                + "architecture:\n  type: " + architecture + "\ntraining: {epochs: " + epochs + ", batch_size: 8, seed: 3}\n");
        return new ExperimentValidator(new TrainingExtensions()).validate(file, List.of());
    }

    @AfterEach
    final void closeDatabase() {
        runs.close();
        db.close();
    }
}
