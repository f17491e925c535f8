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
 * Keras' {@code ModelCheckpoint}: saves the model as an artifact of the run, in the run's folder,
 * every {@code every_n_epochs} epochs (Keras' old {@code period}: epochs whose number is a multiple
 * of it). With {@code save_best_only} (the default here) it saves only when the monitored metric
 * beats the best of the epochs it looked at, overwriting {@code best.zip}; otherwise every such
 * epoch, as {@code epoch-{epoch}.zip}. {@code filename} may carry {@code {epoch}} (or Keras'
 * {@code {epoch:02d}}) and must be a plain {@code .zip} name; a bad one is refused before training.
 *
 * <p>Records {@code best_checkpoint_epoch} and {@code best_checkpoint} (its file name) in the
 * run's summary: the saved checkpoint with the best monitored value (when every save overwrites one
 * file, that file's epoch: the last saved). Example, the seed's
 * {@code ModelCheckpoint('best_model.h5', monitor='val_accuracy', save_best_only=True)}:
 * <pre>
 * - type: model-checkpoint
 *   params: {monitor: val_accuracy, filename: best_model.zip}
 * </pre>
 */
@Extension
public class ModelCheckpoint extends ConfigurableExtension implements TrainingCallback {
    static final String SAVE_BEST_ONLY = "save_best_only";
    static final String EVERY_N_EPOCHS = "every_n_epochs";
    static final String FILENAME = "filename";

    private static final List<ParamSpec> PARAMETERS = List.of(
            Monitor.monitorParameter(MetricKeys.VAL_LOSS),
            Monitor.modeParameter(),
            ParamSpec.bool(SAVE_BEST_ONLY, true, "save only when the metric beats the best so far"),
            ParamSpec.integer(EVERY_N_EPOCHS, 1, 1, 100000, "look at (and maybe save) every N-th epoch only"),
            ParamSpec.string(FILENAME, null, "plain .zip file name, {epoch} allowed; default best.zip with"
                    + " save_best_only, else epoch-{epoch}.zip"));

    public ModelCheckpoint() {
        super("model-checkpoint",
                "Saves the model during training: the best epoch's, or every N epochs'",
                PARAMETERS);
    }

    @Override
    public EpochListener create(Params params) {
        boolean bestOnly = params.getBoolean(SAVE_BEST_ONLY);
        String name = params.has(FILENAME) ? params.getString(FILENAME) : bestOnly ? "best.zip" : "epoch-{epoch}.zip";
        return new ModelCheckpointListener(Monitor.of(params, 0), bestOnly, params.getInt(EVERY_N_EPOCHS),
                CheckpointFileName.parse(name));
    }
}
