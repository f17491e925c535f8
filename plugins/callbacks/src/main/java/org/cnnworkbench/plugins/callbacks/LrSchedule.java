package org.cnnworkbench.plugins.callbacks;

import java.util.List;
import org.cnnworkbench.api.ConfigurableExtension;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.api.TrainingCallback;
import org.pf4j.Extension;

/**
 * A learning-rate schedule by epoch, as Keras' {@code LearningRateScheduler} with the usual decay
 * functions. With {@code lr0} the file's {@code learning_rate} and {@code i} the 0-based index of
 * an epoch (epoch 1 has i = 0, so it always trains at {@code lr0}):
 * <ul>
 *   <li>{@code step}: {@code lr0 · gamma^floor(i / step_size)} (gamma 0.1 unless given);</li>
 *   <li>{@code exponential}: {@code lr0 · gamma^i} (gamma must be given);</li>
 *   <li>{@code cosine}: {@code min_lr + (lr0 − min_lr) · (1 + cos(π · min(i, epochs) / epochs)) / 2},
 *       {@code epochs} defaulting to the run's epoch budget, so the last epoch is just above
 *       {@code min_lr};</li>
 *   <li>{@code time-decay}: {@code lr0 / (1 + decay · i)} — the seeds' {@code SGD(lr, decay=lr/epochs)}
 *       applied per epoch rather than per batch; without {@code decay}, {@code decay = lr0 / budget}
 *       as in the seeds (give {@code decay: 0} for a constant rate).</li>
 * </ul>
 * No schedule goes below {@code min_lr}. The listener sets each epoch's rate when the epoch before
 * it ends (the engine records it as that epoch's {@code lr}). Do not combine it with
 * {@code reduce-lr-on-plateau} in one run: each would undo the other's rate. Example:
 * <pre>
 * - type: lr-schedule
 *   params: {schedule: step, step_size: 10, gamma: 0.5}
 * </pre>
 */
@Extension
public class LrSchedule extends ConfigurableExtension implements TrainingCallback {
    static final String SCHEDULE = "schedule";
    static final String STEP_SIZE = "step_size";
    static final String GAMMA = "gamma";
    static final String DECAY = "decay";
    static final String MIN_LR = "min_lr";
    static final String EPOCHS = "epochs";

    private static final List<ParamSpec> PARAMETERS = List.of(
            ParamSpec.requiredChoice(SCHEDULE, LrScheduleListener.Kind.names(),
                    "the decay function of the epoch"),
            ParamSpec.integer(STEP_SIZE, 10, 1, 100000, "step: epochs between two multiplications by gamma"),
            ParamSpec.optionalNumber(GAMMA, 0.0, 1.0,
                    "step, exponential: factor per step or per epoch (step: 0.1 unless given)"),
            ParamSpec.optionalNumber(DECAY, 0.0, Double.MAX_VALUE,
                    "time-decay: lr0 / (1 + decay * epoch index); unless given, lr0 / the epoch budget"),
            ParamSpec.number(MIN_LR, 0, 0, Double.MAX_VALUE, "floor of every schedule; cosine's end value"),
            ParamSpec.optionalInteger(EPOCHS, 1, 100000,
                    "cosine: epochs from lr0 down to min_lr; unless given, the run's epoch budget"));

    public LrSchedule() {
        super("lr-schedule",
                "Sets the learning rate of each epoch by a schedule: step, exponential, cosine or time decay",
                PARAMETERS);
    }

    @Override
    public EpochListener create(Params params) {
        LrScheduleListener.Kind kind = LrScheduleListener.Kind.of(params.getString(SCHEDULE));
        Double gamma = params.has(GAMMA) ? params.getDouble(GAMMA) : null;
        if (gamma == null && kind == LrScheduleListener.Kind.EXPONENTIAL) {
            throw new PluginInputException("lr-schedule: the exponential schedule needs gamma, the factor the rate is"
                    + " multiplied by each epoch (e.g. gamma: 0.95).");
        }
        if (gamma != null && !(gamma > 0)) {
            throw new PluginInputException("lr-schedule: gamma is 0, which would make the learning rate 0 after the first"
                    + " step; give a factor above 0 and at most 1 (e.g. 0.5).");
        }
        return new LrScheduleListener(kind, params.getInt(STEP_SIZE), gamma == null ? 0.1 : gamma,
                params.has(DECAY) ? params.getDouble(DECAY) : null, params.getDouble(MIN_LR),
                params.has(EPOCHS) ? params.getInt(EPOCHS) : null);
    }
}
