package org.cnnworkbench.plugins.callbacks;

import java.util.List;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.TrainingCallback;
import org.pf4j.Extension;

/**
 * Keras' {@code EarlyStopping} (as of Keras 2.11): stops training once the monitored metric has
 * not improved for {@code patience} epochs in a row, an improvement being a change in the right
 * direction by more than {@code min_delta}. The first {@code start_from_epoch} epochs are a
 * warm-up that is not watched at all. With a {@code baseline}, an improvement only resets the
 * patience when it also beats the baseline, so training stops after {@code patience} epochs that
 * do not get past it. Training never stops after the first epoch it watches, as in Keras.
 *
 * <p>Records {@code stopped_epoch} and {@code best_epoch} in the run's summary and logs a line when
 * it stops; with {@code restore_best_weights} it keeps the best epoch's weights and puts them back
 * when training ends on a worse epoch — whether it stopped early or ran out of epochs (Keras 2
 * restores only when it stops, which users commonly patch). Example, the course's MNIST MLP:
 * <pre>
 * - type: early-stopping
 *   params: {monitor: val_accuracy, patience: 2, restore_best_weights: true}
 * </pre>
 */
@Extension
public class EarlyStopping extends ConfigurableExtension implements TrainingCallback {
    static final String RESTORE_BEST_WEIGHTS = "restore_best_weights";
    static final String BASELINE = "baseline";
    static final String START_FROM_EPOCH = "start_from_epoch";

    private static final List<ParamSpec> PARAMETERS = List.of(
            Monitor.monitorParameter(MetricKeys.VAL_LOSS),
            Monitor.modeParameter(),
            Monitor.patienceParameter(0, "epochs in a row without improvement before stopping"),
            Monitor.minDeltaParameter(0),
            ParamSpec.bool(RESTORE_BEST_WEIGHTS, false, "put back the best epoch's weights when training ends"),
            ParamSpec.optionalNumber(BASELINE, null, null,
                    "a value the metric must beat within patience epochs, or training stops; none by default"),
            ParamSpec.integer(START_FROM_EPOCH, 0, 0, 100000, "warm-up epochs not watched (no stop, no best) before watching"));

    public EarlyStopping() {
        super("early-stopping",
                "Stops training when a metric stops improving, optionally restoring the best weights",
                PARAMETERS);
    }

    @Override
    public EpochListener create(Params params) {
        Double baseline = params.has(BASELINE) ? params.getDouble(BASELINE) : null;
        return new EarlyStoppingListener(Monitor.withMinDelta(params), params.getInt(Monitor.PATIENCE),
                params.getBoolean(RESTORE_BEST_WEIGHTS), baseline, params.getInt(START_FROM_EPOCH));
    }
}
