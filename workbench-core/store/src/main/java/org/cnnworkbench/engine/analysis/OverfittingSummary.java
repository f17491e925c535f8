package org.cnnworkbench.engine.analysis;

/**
 * How a run generalised, as numbers: computed from its epochs by {@link OverfittingAnalysis} as they
 * land, stored with the run, sortable and filterable like any column. Every field is null when the
 * epochs do not define it (no validation metrics, a single epoch, non-finite values).
 *
 * @param bestEpoch         the epoch of the lowest {@code val_loss} (the lowest {@code loss} without validation)
 * @param bestValLoss       {@code val_loss} at the best epoch
 * @param bestValAccuracy   {@code val_accuracy} at the best epoch
 * @param gapLossBest       {@code val_loss − loss} at the best epoch: positive when validation is worse
 * @param gapLossLast       the same at the last epoch that has both
 * @param gapAccuracyBest   {@code accuracy − val_accuracy} at the best epoch: positive when validation is worse
 * @param gapAccuracyLast   the same at the last epoch that has both
 * @param onsetEpoch        the overfitting onset: the first epoch after which {@code val_loss} rose for
 *                          {@code patience} epochs in a row while {@code loss} fell at each of them
 * @param earlyStopEpoch    where early stopping (monitor {@code val_loss}, min_delta 0, this patience)
 *                          would have stopped: the first epoch ending {@code patience} epochs without a new
 *                          lowest {@code val_loss}; null when it would not have stopped
 * @param lastEpoch         the last epoch recorded
 * @param patience          the patience these were computed with
 */
public record OverfittingSummary(Integer bestEpoch, Double bestValLoss, Double bestValAccuracy, Double gapLossBest,
                                 Double gapLossLast, Double gapAccuracyBest, Double gapAccuracyLast, Integer onsetEpoch,
                                 Integer earlyStopEpoch, int lastEpoch, int patience) {
}
