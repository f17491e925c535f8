package org.cnnworkbench.engine.store;

import java.util.Map;
import org.cnnworkbench.engine.analysis.OverfittingSummary;

/**
 * One row of a runs table: the run, its latest value of every metric, and its tags.
 *
 * @param latest      metric key → its value at the last epoch recorded (NaN and infinities kept)
 * @param overfitting its overfitting analytics, or null before its first epoch
 */
public record RunRow(RunSummary summary, Map<String, Double> latest, Map<String, String> tags, OverfittingSummary overfitting) {
    public RunRow {
        latest = Map.copyOf(latest);
        tags = Map.copyOf(tags);
    }
}
