package org.cnnworkbench.app.text;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.TrialRow;

/**
 * The live view of a sweep while it runs: a line per trial that starts or ends, and on a terminal
 * a status line of the running ones. Used by both launchers.
 */
public final class SweepView {
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, RunStatus> seen = new HashMap<>();
    private String statusLine = "";

    public SweepView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void update(SweepDetail detail) {
        clearStatus();
        var summary = detail.summary();
        for (TrialRow t : detail.trials()) {
            RunStatus before = seen.put(t.id(), t.status());
            if (before == t.status()) {
                continue;
            }
            if (t.status() == RunStatus.RUNNING) {
                out.println("trial " + t.number() + " (" + t.id() + ") running" + (t.attempts() > 1 ? " (attempt "
                        + t.attempts() + ")" : "") + ": " + ParamText.of(t.params()));
            } else if (t.status().isFinished()) {
                String objective = t.objective() == null ? "no " + summary.objectiveMetric()
                        : summary.objectiveMetric() + " " + Table.metric(t.objective());
                out.println("trial " + t.number() + " (" + t.id() + ") " + t.status().label() + ": " + objective
                        + (t.reason() == null || t.status() == RunStatus.COMPLETED ? "" : " (" + t.reason() + ")")
                        + " | " + counts(summary) + best(summary));
            } else if (t.status() == RunStatus.QUEUED && before == RunStatus.RUNNING) {
                out.println("trial " + t.number() + " (" + t.id() + ") back in the queue: " + t.reason());
            }
        }
        if (terminal) {
            StringBuilder line = new StringBuilder(counts(summary));
            for (TrialRow t : detail.trials()) {
                if (t.status() == RunStatus.RUNNING) {
                    line.append(" | #").append(t.number()).append(" epoch ").append(t.epochs())
                            .append(t.objective() == null ? "" : " " + Table.metric(t.objective()));
                }
            }
            statusLine = line.length() > 160 ? line.substring(0, 157) + "..." : line.toString();
            out.print(statusLine);
            out.flush();
        }
    }

    public void finish() {
        clearStatus();
    }

    private void clearStatus() {
        if (terminal && !statusLine.isEmpty()) {
            out.print("\r" + " ".repeat(statusLine.length()) + "\r");
            statusLine = "";
        }
    }

    private String counts(org.cnnworkbench.engine.store.SweepSummary s) {
        int done = s.count(RunStatus.COMPLETED) + s.count(RunStatus.PRUNED) + s.count(RunStatus.FAILED)
                + s.count(RunStatus.CANCELLED);
        return done + " done, " + s.count(RunStatus.RUNNING) + " running, " + s.count(RunStatus.QUEUED) + " queued";
    }

    private String best(org.cnnworkbench.engine.store.SweepSummary s) {
        return s.best() == null ? "" : " | best " + Table.metric(s.best()) + " (" + s.bestTrialId() + ")";
    }
}
