package org.cnnworkbench.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.RecordingControl;
import org.cnnworkbench.testkit.RecordingControl.Checkpoint;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class ModelCheckpointTest {
    private final ModelCheckpoint callback = new ModelCheckpoint();

    private EpochListener listener(Object... overrides) {
        return callback.create(TestParams.of(callback, overrides));
    }

    @Test
    void savesBestZipEachTimeValLossReachesANewLow() {
        RecordingControl control = RecordingControl.run(listener(), "val_loss", 0.9, 0.7, 0.75, 0.6, 0.65);

        assertThat(control.checkpoints).containsExactly(
                new Checkpoint(1, "best.zip"), new Checkpoint(2, "best.zip"), new Checkpoint(4, "best.zip"));
        assertThat(control.summary).containsExactly(Map.entry("best_checkpoint_epoch", 4),
                Map.entry("best_checkpoint", "best.zip"));
        assertThat(control.logs).containsExactly(
                "model-checkpoint: val_loss improved to 0.9000 at epoch 1; saved best.zip",
                "model-checkpoint: val_loss improved from 0.9000 to 0.7000 at epoch 2; saved best.zip",
                "model-checkpoint: val_loss improved from 0.7000 to 0.6000 at epoch 4; saved best.zip");
    }

    @Test
    void theSeedsBestModelOnValAccuracyIsKeptUnderItsOwnName() {
        RecordingControl control = RecordingControl.run(
                listener("monitor", "val_accuracy", "filename", "best_model.zip"), "val_accuracy",
                0.81, 0.86, 0.85, 0.88, 0.88);

        assertThat(control.checkpoints).extracting(Checkpoint::epoch).containsExactly(1, 2, 4);
        assertThat(control.checkpoints).extracting(Checkpoint::fileName).containsOnly("best_model.zip");
        assertThat(control.summary).containsEntry("best_checkpoint_epoch", 4);
    }

    @Test
    void modeMinOverridesAutoForAnAccuracy() {
        RecordingControl control = RecordingControl.run(listener("monitor", "accuracy", "mode", "min"), "accuracy",
                0.5, 0.6, 0.4);

        assertThat(control.checkpoints).extracting(Checkpoint::epoch).containsExactly(1, 3);
    }

    @Test
    void withoutSaveBestOnlyEveryEpochGetsItsOwnFileAndTheBestIsNamed() {
        RecordingControl control = RecordingControl.run(listener("save_best_only", false), "val_loss",
                0.9, 0.7, 0.75, 0.6, 0.65);

        assertThat(control.checkpoints).extracting(Checkpoint::fileName)
                .containsExactly("epoch-1.zip", "epoch-2.zip", "epoch-3.zip", "epoch-4.zip", "epoch-5.zip");
        assertThat(control.summary).containsEntry("best_checkpoint_epoch", 4).containsEntry("best_checkpoint", "epoch-4.zip");
        assertThat(control.logs).isEmpty();
    }

    @Test
    void everyNEpochsSavesOnlyEpochsThatAreMultiplesOfN() {
        RecordingControl control = RecordingControl.run(listener("save_best_only", false, "every_n_epochs", 2),
                "val_loss", 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3);

        assertThat(control.checkpoints).extracting(Checkpoint::epoch, Checkpoint::fileName)
                .containsExactly(tuple(2, "epoch-2.zip"), tuple(4, "epoch-4.zip"), tuple(6, "epoch-6.zip"));
    }

    @Test
    void withSaveBestOnlyEveryNEpochsComparesOnlyTheEpochsItLooksAt() {
        // As Keras' period: epochs 1, 3 and 5 are not looked at, however good they are.
        RecordingControl control = RecordingControl.run(listener("every_n_epochs", 2), "val_loss",
                0.5, 0.9, 0.1, 0.7, 0.2, 0.8);

        assertThat(control.checkpoints).extracting(Checkpoint::epoch).containsExactly(2, 4);
        assertThat(control.summary).containsEntry("best_checkpoint_epoch", 4);
    }

    @Test
    void theEpochPlaceholderMayBePaddedAsInKeras() {
        RecordingControl control = RecordingControl.run(listener("filename", "weights-{epoch:02d}.zip"), "val_loss",
                0.9, 0.8, 0.85);

        assertThat(control.checkpoints).extracting(Checkpoint::fileName).containsExactly("weights-01.zip", "weights-02.zip");
        assertThat(control.summary).containsEntry("best_checkpoint", "weights-02.zip");
    }

    @Test
    void oneFileOverwrittenEveryEpochHoldsTheLastEpoch() {
        RecordingControl control = RecordingControl.run(listener("save_best_only", false, "filename", "last.zip"),
                "val_loss", 0.9, 0.7, 0.8);

        assertThat(control.checkpoints).extracting(Checkpoint::fileName).containsOnly("last.zip").hasSize(3);
        assertThat(control.summary).containsEntry("best_checkpoint_epoch", 3);
    }

    @Test
    void aFileNameWithAFolderIsRefusedBeforeTraining() {
        assertThatThrownBy(() -> listener("filename", "checkpoints/best.zip"))
                .isInstanceOf(PluginInputException.class)
                .hasMessage("model-checkpoint: filename 'checkpoints/best.zip' must be a plain file name: no '/', '\\'"
                        + " or '..'. Checkpoints are saved in the run's own folder under the workbench home; write e.g."
                        + " 'best.zip'.");
        assertThatThrownBy(() -> listener("filename", "/tmp/best.zip")).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("must be a plain file name");
        assertThatThrownBy(() -> listener("filename", "..best.zip")).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("must be a plain file name");
        assertThatThrownBy(() -> listener("filename", "..\\best.zip")).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("must be a plain file name");
    }

    @Test
    void otherBadFileNamesAreRefusedWithWhatToWriteInstead() {
        assertThatThrownBy(() -> listener("filename", "best_model.h5")).isInstanceOf(PluginInputException.class)
                .hasMessage("model-checkpoint: filename 'best_model.h5' must end in .zip: checkpoints are saved as DL4J"
                        + " model zips (not Keras .h5/.keras files); write e.g. 'best_model.zip'.");
        assertThatThrownBy(() -> listener("filename", "model.zip")).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("is the name of the run's final model");
        assertThatThrownBy(() -> listener("filename", "best-{val_loss:.2f}.zip")).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("has a placeholder other than {epoch}");
        assertThatThrownBy(() -> listener("filename", " ")).isInstanceOf(PluginInputException.class)
                .hasMessageContaining("filename is empty");
    }

    @Test
    void withoutTheMetricItWarnsOnceAndSavesNothing() {
        RecordingControl control = new RecordingControl().train(listener(),
                List.of(Map.of("loss", 0.9), Map.of("loss", 0.8)));

        assertThat(control.checkpoints).isEmpty();
        assertThat(control.summary).isEmpty();
        assertThat(control.logs).containsExactly("model-checkpoint: warning: epoch 1 has no val_loss (it has loss);"
                + " no checkpoint is saved while it is missing; give the dataset a validation part to monitor val_loss");
    }

    @Test
    void aResumedTrialOnlySavesWhatBeatsItsRecordedBest() {
        RecordingControl control = new RecordingControl();
        control.history.add(new EpochMetrics(1, Map.of("val_loss", 0.5)));
        EpochListener resumed = listener();

        resumed.onTrainStart(control);
        resumed.onEpochEnd(new EpochMetrics(2, Map.of("val_loss", 0.6)), control);
        resumed.onEpochEnd(new EpochMetrics(3, Map.of("val_loss", 0.4)), control);

        assertThat(control.checkpoints).extracting(Checkpoint::fileName).containsExactly("best.zip");
        assertThat(control.summary).containsEntry("best_checkpoint_epoch", 3);
    }

    @Test
    void declaresItsParameters() {
        assertThat(callback.id()).isEqualTo("model-checkpoint");
        assertThat(callback.parameters()).extracting(ParamSpec::name, ParamSpec::defaultValue).containsExactly(
                tuple("monitor", "val_loss"),
                tuple("mode", "auto"),
                tuple("save_best_only", true),
                tuple("every_n_epochs", 1),
                tuple("filename", null));
    }
}
