package org.cnnworkbench.plugins.callbacks;

import java.util.List;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.TrainingCallback;
import org.pf4j.Extension;

/**
 * Keras' {@code EarlyStopping}: stops training once the monitored metric has not improved for
 * {@code patience} epochs in a row, an improvement being a change in the right direction by more
 * than {@code min_delta}. Records {@code stopped_epoch} and {@code best_epoch} in the run's
 * summary; with {@code restore_best_weights} it keeps the best epoch's weights and puts them
 * back when training ends on a worse epoch. In mode {@code auto}, accuracy-like metrics are
 * maximised and the rest minimised ({@link MetricKeys#higherIsBetter}).
 */
@Extension
public class EarlyStopping implements TrainingCallback {
    static final String MONITOR = "monitor";
    static final String MODE = "mode";
    static final String PATIENCE = "patience";
    static final String MIN_DELTA = "min_delta";
    static final String RESTORE_BEST_WEIGHTS = "restore_best_weights";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.choice(MONITOR, MetricKeys.VAL_LOSS,
                    List.of(MetricKeys.LOSS, MetricKeys.ACCURACY, MetricKeys.VAL_LOSS, MetricKeys.VAL_ACCURACY),
                    "the metric watched"),
            ParamSpec.choice(MODE, "auto", List.of("auto", "min", "max"),
                    "whether the metric should fall (min) or rise (max); auto: rise for accuracies"),
            ParamSpec.integer(PATIENCE, 0, 0, 10000, "epochs in a row without improvement before stopping"),
            ParamSpec.number(MIN_DELTA, 0, 0, Double.MAX_VALUE, "smallest change that counts as an improvement"),
            ParamSpec.bool(RESTORE_BEST_WEIGHTS, false, "put back the best epoch's weights when training ends"));

    @Override
    public String id() {
        return "early-stopping";
    }

    @Override
    public String description() {
        return "Stops training when a metric stops improving, optionally restoring the best weights";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public EpochListener create(Params params) {
        String monitor = params.getString(MONITOR);
        boolean maximise = switch (params.getString(MODE)) {
            case "max" -> true;
            case "min" -> false;
            default -> MetricKeys.higherIsBetter(monitor);
        };
        return new EarlyStoppingListener(monitor, maximise, params.getInt(PATIENCE), params.getDouble(MIN_DELTA),
                params.getBoolean(RESTORE_BEST_WEIGHTS));
    }
}
