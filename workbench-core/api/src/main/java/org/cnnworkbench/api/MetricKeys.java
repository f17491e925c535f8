package org.cnnworkbench.api;

import java.util.List;

/**
 * The metric keys every part of the workbench uses (callbacks' {@code monitor}, sweep
 * objectives, the API): Keras' names where Keras has one. Plugins may record more.
 */
public final class MetricKeys {
    public static final String LOSS = "loss";
    public static final String ACCURACY = "accuracy";
    public static final String VAL_LOSS = "val_loss";
    public static final String VAL_ACCURACY = "val_accuracy";
    public static final String LR = "lr";
    public static final String EPOCH_SECONDS = "epoch_seconds";
    public static final String SAMPLES_PER_SECOND = "samples_per_second";

    /** The keys the engine records for every epoch, in display order. */
    public static final List<String> STANDARD =
            List.of(LOSS, ACCURACY, VAL_LOSS, VAL_ACCURACY, LR, EPOCH_SECONDS, SAMPLES_PER_SECOND);

    private MetricKeys() {
    }

    /** Whether larger values of {@code key} are better (accuracy-like); losses are minimised. */
    public static boolean higherIsBetter(String key) {
        return key.contains("acc") || key.contains("auc") || key.contains("f1")
                || key.contains("precision") || key.contains("recall");
    }
}
