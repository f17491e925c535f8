package org.cnnworkbench.engine.store;

/**
 * How a run ended.
 *
 * @param status       a finished status
 * @param testAccuracy test accuracy, or {@code null} when there was no test evaluation
 * @param testLoss     test loss, or {@code null}
 * @param resultJson   the run's results as JSON: model summary, class names, classification report,
 *                     confusion matrix, stop reason, saved model path ({@code {}} if none)
 * @param error        the error message and stack trace of a failed run, or {@code null}
 * @param reason       why it ended so, in one sentence (a pruner's reason, a cancel), or {@code null}
 */
public record RunOutcome(RunStatus status, Double testAccuracy, Double testLoss, String resultJson, String error,
                         String reason) {
    public RunOutcome {
        if (status == null || !status.isFinished()) {
            throw new IllegalArgumentException("a run ends in a finished status, found " + status);
        }
        resultJson = resultJson == null ? "{}" : resultJson;
    }

    public RunOutcome(RunStatus status, Double testAccuracy, Double testLoss, String resultJson, String error) {
        this(status, testAccuracy, testLoss, resultJson, error, null);
    }
}
