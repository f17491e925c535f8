package org.cnnworkbench.app.text;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.TrialRow;

/** What a sweep came to, printed when it ends (or was found ended): counts, the best ten trials, failures, the best. */
public final class SweepOutcome {
    private SweepOutcome() {
    }

    public static void print(SweepDetail detail, PrintStream out) {
        var s = detail.summary();
        out.println();
        out.println("Sweep " + s.id() + " " + s.state().label() + (s.reason() == null ? "" : " (" + s.reason() + ")")
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
            out.print(table);
        }
        for (TrialRow t : detail.trials()) {
            if (t.status() == RunStatus.FAILED) {
                out.println("Failed: trial " + t.number() + " (" + t.id() + "): " + t.reason()
                        + " — ./workbench show " + t.id());
            }
        }
        if (s.bestTrialId() != null) {
            out.println("Best: " + s.bestTrialId() + " (" + s.objectiveMetric() + " " + Table.metric(s.best()) + ")");
        }
        out.println("Details: ./workbench sweep-status " + s.id());
    }
}
