package org.cnnworkbench.plugins.callbacks;

import java.util.List;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.TrainingCallback;
import org.pf4j.Extension;

/**
 * Watches for overfitting as epochs land: validation loss turning up while training loss keeps
 * falling. Each epoch it records the train–validation gap as metrics {@code gap_loss}
 * ({@code val_loss − loss}) and {@code gap_accuracy} ({@code accuracy − val_accuracy}), and keeps
 * these summary values up to date:
 * <ul>
 *   <li>{@code best_epoch}: the epoch with the lowest {@code val_loss} (the earliest of equals);</li>
 *   <li>{@code gap_at_best}: {@code val_loss − loss} of that epoch;</li>
 *   <li>{@code overfitting_onset_epoch}: once {@code val_loss} has risen for {@code patience}
 *       epochs in a row while {@code loss} fell in each of them, the epoch with the lowest
 *       {@code val_loss} before that rise — the last epoch worth keeping. Set once, logged as a
 *       one-line alarm, and with {@code stop: true} training stops there;</li>
 *   <li>{@code early_stop_epoch_would_be}: where {@code early-stopping} on {@code val_loss} with this
 *       {@code patience} would have stopped — the first epoch {@code patience} epochs after the best
 *       so far; until that happens, {@code best_epoch + patience} (which may lie past the last epoch).</li>
 * </ul>
 * Example: {@code - type: overfitting-alarm} (or {@code params: {patience: 3, stop: true}}).
 */
@Extension
public class OverfittingAlarm extends ConfigurableExtension implements TrainingCallback {
    static final String PATIENCE = "patience";
    static final String STOP = "stop";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer(PATIENCE, 2, 1, 10000, "epochs in a row val_loss must rise while loss falls"),
            ParamSpec.bool(STOP, false, "stop training when overfitting sets in"));

    public OverfittingAlarm() {
        super("overfitting-alarm",
                "Records the train-validation gap, the best epoch and the onset of overfitting; may stop there",
                PARAMETERS);
    }

    @Override
    public EpochListener create(Params params) {
        return new OverfittingAlarmListener(params.getInt(PATIENCE), params.getBoolean(STOP));
    }
}
