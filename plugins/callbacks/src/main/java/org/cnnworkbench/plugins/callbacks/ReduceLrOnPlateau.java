package org.cnnworkbench.plugins.callbacks;

import java.util.List;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.api.TrainingCallback;
import org.pf4j.Extension;

/**
 * Keras' {@code ReduceLROnPlateau}: once the monitored metric has not improved by more than
 * {@code min_delta} for {@code patience} epochs, multiplies the learning rate by {@code factor}
 * (never below {@code min_lr}) from the next epoch on; then, for {@code cooldown} epochs, epochs
 * without improvement do not count (as in Keras, the epoch in which the cooldown runs out already
 * counts, so {@code cooldown: 1} has no visible effect). A rate already at {@code min_lr} is left
 * alone. Each reduction is logged and
 * their number recorded in the run's summary as {@code lr_reductions}. Example, the seed's
 * {@code ReduceLROnPlateau(monitor='val_loss', factor=0.2, patience=5, min_lr=0.001)}:
 * <pre>
 * - type: reduce-lr-on-plateau
 *   params: {factor: 0.2, patience: 5, min_lr: 0.001}
 * </pre>
 * Do not combine it with {@code lr-schedule} in one run: each would undo the other's rate.
 */
@Extension
public class ReduceLrOnPlateau extends ConfigurableExtension implements TrainingCallback {
    static final String FACTOR = "factor";
    static final String COOLDOWN = "cooldown";
    static final String MIN_LR = "min_lr";

    private static final List<ParamSpec> PARAMETERS = List.of(
            Monitor.monitorParameter(MetricKeys.VAL_LOSS),
            Monitor.modeParameter(),
            ParamSpec.number(FACTOR, 0.1, 0, 1, "the rate is multiplied by this (between 0 and 1, both excluded)"),
            Monitor.patienceParameter(10, "epochs without improvement before the rate is reduced"),
            Monitor.minDeltaParameter(1e-4),
            ParamSpec.integer(COOLDOWN, 0, 0, 10000, "epochs after a reduction before waiting starts again"),
            ParamSpec.number(MIN_LR, 0, 0, Double.MAX_VALUE, "the rate is never reduced below this"));

    public ReduceLrOnPlateau() {
        super("reduce-lr-on-plateau",
                "Reduces the learning rate when a metric has stopped improving",
                PARAMETERS);
    }

    @Override
    public EpochListener create(Params params) {
        double factor = params.getDouble(FACTOR);
        if (!(factor > 0 && factor < 1)) {
            throw new PluginInputException("reduce-lr-on-plateau: factor is " + Format.plain(factor) + ", but it must be"
                    + " above 0 and below 1: the learning rate is multiplied by it (0 would stop learning, 1 would"
                    + " change nothing). Keras' default is 0.1; 0.5 or 0.2 are common.");
        }
        return new ReduceLrOnPlateauListener(Monitor.withMinDelta(params), factor,
                params.getInt(Monitor.PATIENCE), params.getInt(COOLDOWN), params.getDouble(MIN_LR));
    }
}
