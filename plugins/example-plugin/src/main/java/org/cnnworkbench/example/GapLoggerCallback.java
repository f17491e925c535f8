package org.cnnworkbench.example;

import java.util.List;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.TrainingCallback;
import org.pf4j.Extension;

/**
 * Records the train-validation gap ({@code val_loss - loss}) of every epoch as the metric
 * {@code train_val_gap}, and logs a line when the gap has grown for {@code patience} epochs
 * in a row, an early sign of overfitting. It never stops training; pair it with
 * {@code early-stopping} for that.
 *
 * <p>What a {@link TrainingCallback} must do, as this one does it:
 * <ul>
 *   <li><b>Put per-trial state in the listener.</b> The engine calls {@link #create} once per
 *       trial; one instance of this class serves every trial (and sweeps run trials side by
 *       side), so counters live in the {@link GapLogger} it returns, never in fields here.</li>
 *   <li><b>Act through {@link org.cnnworkbench.api.TrainingControl}.</b> The listener hears
 *       {@code onTrainStart}, then {@code onEpochEnd} with each epoch's metrics (immutable), then
 *       {@code onTrainEnd}, all on the trial's thread. It may stop training, change the learning
 *       rate, snapshot or restore weights, save a checkpoint, add metrics ({@code recordMetric},
 *       snake_case keys, stored with that epoch) and write to the run's log.</li>
 *   <li><b>Expect metrics to be missing.</b> Without validation data an epoch has no
 *       {@code val_loss}; say so once rather than failing the trial.</li>
 * </ul>
 */
@Extension
public class GapLoggerCallback implements TrainingCallback {
    static final String PATIENCE = "patience";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.integer(PATIENCE, 3, 1, 10_000, "epochs in a row the gap must grow before a line is logged"));

    @Override
    public String id() {
        return "example-gap-logger";
    }

    @Override
    public String description() {
        return "Records the train-validation gap (val_loss - loss) each epoch and logs when it keeps growing";
    }

    @Override
    public List<ParamSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public EpochListener create(Params params) {
        return new GapLogger(id(), params.getInt(PATIENCE));
    }
}
