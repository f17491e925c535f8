package org.cnnworkbench.engine.run;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.store.BatchPoint;
import org.cnnworkbench.engine.store.TrialWriter;

/**
 * A trial's per-batch curves ({@code batch_loss}, {@code batch_accuracy}) every {@code training.log_every_n_batches}
 * batches, at fractional epochs ({@code epoch - 1 + batch / batches}). The loss is the batch's own (not the epoch's
 * running mean), the accuracy that of the batch's forward pass before its update (all shards with replicas), as
 * {@link TrainAccuracyListener} counts it. Points are buffered and written through the trial's (lease-fenced)
 * writer a block at a time: at most every {@link #FLUSH_NANOS} while the epoch runs (so the dashboard sees them
 * live), when {@link #MAX_BUFFERED} are waiting, and at the epoch's end; never one transaction per batch. The step
 * of a point is its batch's number within the run, so a resumed epoch's repeated points are ignored by the store.
 */
final class BatchCurves {
    static final String LOSS = "batch_loss";
    static final String ACCURACY = "batch_accuracy";
    /** Time between writes while an epoch runs. */
    static final long FLUSH_NANOS = 2_000_000_000L;
    /** Points written at once at the latest. */
    static final int MAX_BUFFERED = 1_000;

    private final TrialWriter writer;
    private final TrainAccuracyListener accuracy;
    private final java.util.function.IntUnaryOperator every;
    private final List<BatchPoint> buffer = new ArrayList<>();
    private long lastFlush = System.nanoTime();

    /**
     * @param every how many batches apart the points of an epoch of the given number of batches are; 0 = none
     */
    BatchCurves(TrialWriter writer, TrainAccuracyListener accuracy, java.util.function.IntUnaryOperator every) {
        this.writer = writer;
        this.accuracy = accuracy;
        this.every = every;
    }

    /** After batch {@code batch} (from 1) of {@code batches} in {@code epoch} (from 1), whose own mean loss was {@code loss}. */
    void batchFinished(int epoch, int batch, int batches, double loss) {
        // Taken after every batch, so that the count is always this batch's alone.
        double batchAccuracy = accuracy.batchAccuracyAndReset();
        int n = every.applyAsInt(batches);
        if (n <= 0 || batch % n != 0) {
            return;
        }
        long step = (long) (epoch - 1) * batches + batch;
        double x = epoch - 1 + (double) batch / batches;
        buffer.add(new BatchPoint(LOSS, step, x, loss));
        buffer.add(new BatchPoint(ACCURACY, step, x, batchAccuracy));
        if (buffer.size() >= MAX_BUFFERED || System.nanoTime() - lastFlush >= FLUSH_NANOS) {
            flush();
        }
    }

    /** Writes the waiting points (at an epoch's end). */
    void flush() {
        lastFlush = System.nanoTime();
        if (buffer.isEmpty()) {
            return;
        }
        List<BatchPoint> points = List.copyOf(buffer);
        buffer.clear();
        writer.recordBatches(points);
    }
}
