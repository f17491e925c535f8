package org.cnnworkbench.engine.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.engine.store.RunStatus;

/**
 * What a finished trial produced.
 *
 * @param report      the test classification report (per class precision, recall, F1, support), or
 *                    empty when there was no test data
 * @param confusion   the test confusion matrix, rows = actual, columns = predicted; empty without test
 * @param stopReason  why training stopped before the epoch budget, or {@code null}
 * @param modelPath   the saved model (absolute), or {@code null}
 */
public record RunResult(String runId, RunStatus status, List<EpochMetrics> epochs, Double testAccuracy, Double testLoss,
                        List<ClassReport> report, int[][] confusion, List<String> classNames, String stopReason,
                        Path modelPath, ModelSummary summary, Map<String, Object> summaryValues) {

    /** One class's line of the classification report. */
    public record ClassReport(String className, double precision, double recall, double f1, int support) {
    }
}
