package org.cnnworkbench.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cnnworkbench.db.DatabaseServer;
import org.cnnworkbench.db.H2Database;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.TrialRow;

/**
 * Runs a recorded sweep to its end on this machine, for {@code sweep} and {@code resume}: serves
 * the home's database to the workers (unless another process already does, or --db names a
 * server), supervises the workers, and prints the outcome.
 */
final class SweepRun {
    private SweepRun() {
    }

    static int run(Workbench workbench, String sweepId, SweepPlan plan, WorkerPlan workers, boolean terminal,
                   List<String> workerArgs) {
        H2Database db = workbench.database();
        String user;
        String password;
        if (workbench.usesHomeDatabase()) {
            user = org.cnnworkbench.db.HomeDatabase.USER;
            password = workbench.homeDatabase().password();
        } else {
            user = System.getenv().getOrDefault("WORKBENCH_DB_USER", org.cnnworkbench.db.HomeDatabase.USER);
            password = workbench.serverPassword();
        }
        DatabaseServer server = null;
        String url = db.url();
        if (!workbench.usesHomeDatabase() && !url.startsWith("jdbc:h2:tcp:")) {
            throw new org.cnnworkbench.engine.WorkbenchException(org.cnnworkbench.engine.ErrorCode.INVALID_ARGUMENT,
                    "--db " + url + ": a sweep's workers share its database, so it must be the home's own (leave out --db) "
                    + "or an H2 server (jdbc:h2:tcp://HOST:PORT/...)");
        }
        if (!url.startsWith("jdbc:h2:tcp:")) {
            server = DatabaseServer.serve(workbench.homeDatabase(), 0, false);
            url = server.url();
        }
        System.out.println("Workers: " + workers.describe() + "; their logs are in " + workbench.home().resolve("workers"));
        try {
            SweepState end = new SweepSupervisor(workbench.sweeps(), sweepId, plan, workbench.home(), url, user, password,
                    workers.devices(), workers.threads(), System.out, terminal).workerArgs(workerArgs).supervise();
            SweepDetail detail = workbench.sweeps().findSweep(sweepId).orElseThrow();
            printOutcome(detail);
            return end == SweepState.COMPLETED ? ExitCodes.OK : ExitCodes.FAILURE;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    static void printOutcome(SweepDetail detail) {
        var s = detail.summary();
        System.out.println();
        System.out.println("Sweep " + s.id() + " " + s.state().label() + (s.reason() == null ? "" : " (" + s.reason() + ")")
                + ": " + s.count(RunStatus.COMPLETED) + " completed, " + s.count(RunStatus.PRUNED) + " pruned, "
                + s.count(RunStatus.FAILED) + " failed, " + s.count(RunStatus.CANCELLED) + " cancelled.");
        List<TrialRow> ranked = new ArrayList<>(detail.trials().stream().filter(t -> t.objective() != null).toList());
        Comparator<TrialRow> byObjective = Comparator.comparingDouble(TrialRow::objective);
        ranked.sort("maximize".equals(s.direction()) ? byObjective.reversed() : byObjective);
        if (!ranked.isEmpty()) {
            Table table = new Table("trial", "id", "status", "epochs", s.objectiveMetric(), "parameters");
            for (TrialRow t : ranked.subList(0, Math.min(10, ranked.size()))) {
                table.add(t.number(), t.id(), t.status().label(), t.epochs(), Table.metric(t.objective()), ParamText.of(t.params()));
            }
            System.out.print(table);
        }
        for (TrialRow t : detail.trials()) {
            if (t.status() == RunStatus.FAILED) {
                System.out.println("Failed: trial " + t.number() + " (" + t.id() + "): " + t.reason()
                        + " — ./workbench show " + t.id());
            }
        }
        if (s.bestTrialId() != null) {
            System.out.println("Best: " + s.bestTrialId() + " (" + s.objectiveMetric() + " " + Table.metric(s.best()) + ")");
        }
        System.out.println("Details: ./workbench sweep-status " + s.id());
    }
}
