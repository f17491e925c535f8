package org.cnnworkbench.app.text;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
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
                        + " | " + counts(detail) + best(detail));
            } else if (t.status() == RunStatus.QUEUED && before == RunStatus.RUNNING) {
                out.println("trial " + t.number() + " (" + t.id() + ") back in the queue: " + t.reason());
            }
        }
        if (terminal) {
            StringBuilder line = new StringBuilder(counts(detail));
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

    /**
     * Counted from the trial rows, not from the summary: the summary is read before the rows, so a trial that
     * ended in between would be shown ended but not counted.
     */
    private static String counts(SweepDetail detail) {
        Map<RunStatus, Integer> n = new EnumMap<>(RunStatus.class);
        detail.trials().forEach(t -> n.merge(t.status(), 1, Integer::sum));
        int done = n.getOrDefault(RunStatus.COMPLETED, 0) + n.getOrDefault(RunStatus.PRUNED, 0)
                + n.getOrDefault(RunStatus.FAILED, 0) + n.getOrDefault(RunStatus.CANCELLED, 0);
        return done + " done, " + n.getOrDefault(RunStatus.RUNNING, 0) + " running, " + n.getOrDefault(RunStatus.QUEUED, 0)
                + " queued";
    }

    /**
     * The best configuration so far, as the store ranks it (mean objective of its completed trials; the trial of
     * the lowest id), computed from the trial rows so that it includes the trial that just ended.
     */
    static String best(SweepDetail detail) {
        Map<Integer, List<TrialRow>> byConfiguration = new HashMap<>();
        for (TrialRow t : detail.trials()) {
            if (t.status() == RunStatus.COMPLETED && t.objective() != null) {
                byConfiguration.computeIfAbsent(t.configuration(), c -> new ArrayList<>()).add(t);
            }
        }
        boolean maximize = "maximize".equals(detail.summary().direction());
        Double best = null;
        String bestTrial = null;
        for (List<TrialRow> trials : byConfiguration.values()) {
            double mean = trials.stream().mapToDouble(TrialRow::objective).average().orElseThrow();
            if (best == null || (maximize ? mean > best : mean < best)) {
                best = mean;
                bestTrial = trials.stream().min(Comparator.comparingLong(SweepView::idNumber)).orElseThrow().id();
            }
        }
        return best == null ? "" : " | best " + Table.metric(best) + " (" + bestTrial + ")";
    }

    private static long idNumber(TrialRow t) {
        String digits = t.id().replaceAll("\\D", "");
        return digits.isEmpty() ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
