package org.cnnworkbench.engine.run;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * The order in which an epoch visits the samples: as stored (validation, test) or shuffled by a
 * seeded Fisher–Yates pass (training), so that an epoch's batches repeat exactly for the same
 * seed. Public for the benchmarks' plain DL4J baseline, which trains on the very same order.
 */
public final class EpochOrder {
    private EpochOrder() {
    }

    /** 0, 1, ..., {@code size} - 1. */
    public static int[] inOrder(int size) {
        return IntStream.range(0, size).toArray();
    }

    /** A permutation of 0 ... {@code size} - 1 drawn from {@code random} (which it advances). */
    public static int[] shuffled(int size, Random random) {
        int[] order = inOrder(size);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
