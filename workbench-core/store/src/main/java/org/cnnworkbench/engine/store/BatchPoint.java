package org.cnnworkbench.engine.store;

import java.util.Objects;

/**
 * One per-batch measurement ({@code batch_loss}, {@code batch_accuracy}) of a run, recorded every
 * {@code training.log_every_n_batches} batches.
 *
 * @param key   the metric
 * @param step  the batch's number within the run (from 1, increasing; unique per key)
 * @param epoch the fractional epoch: {@code epoch - 1 + batch / batches of the epoch}
 * @param value the value (NaN and infinities allowed)
 */
public record BatchPoint(String key, long step, double epoch, double value) {
    public BatchPoint {
        Objects.requireNonNull(key, "key");
        if (step < 1) {
            throw new IllegalArgumentException("step must be 1 or more, found " + step);
        }
        if (!Double.isFinite(epoch) || epoch < 0) {
            throw new IllegalArgumentException("epoch must be a finite number of 0 or more, found " + epoch);
        }
    }
}
