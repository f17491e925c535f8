package org.cnnworkbench.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.testkit.RecordingControl;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class GapLoggerCallbackTest {
    private final GapLoggerCallback callback = new GapLoggerCallback();

    private EpochListener listener(Object... overrides) {
        return callback.create(TestParams.of(callback, overrides));
    }

    /** Runs {@code listener} over epochs with the given losses; {@code losses} alternates loss and val_loss. */
    private static RecordingControl train(EpochListener listener, double... losses) {
        List<Map<String, Double>> epochs = new ArrayList<>();
        for (int i = 0; i < losses.length; i += 2) {
            epochs.add(Map.of("loss", losses[i], "val_loss", losses[i + 1]));
        }
        return onlyWatched(new RecordingControl().train(listener, epochs));
    }

    /** A gap logger only records metrics and logs: it never sets the rate, keeps or restores weights, saves or summarises. */
    private static RecordingControl onlyWatched(RecordingControl control) {
        assertThat(control.lrSets).as("learning rates set").isEmpty();
        assertThat(control.snapshots).as("weights kept").isEmpty();
        assertThat(control.checkpoints).as("models saved").isEmpty();
        assertThat(control.summary).as("summary values").isEmpty();
        return control;
    }

    @Test
    void recordsValidationLossMinusTrainingLossForEveryEpoch() {
        RecordingControl control = train(listener(), 0.9, 1.0, 0.5, 0.7, 0.3, 0.45);

        assertThat(control.addedMetrics).containsOnlyKeys(1, 2, 3);
        assertThat(control.addedMetrics.get(1).get("train_val_gap")).isCloseTo(0.1, within(1e-9));
        assertThat(control.addedMetrics.get(2).get("train_val_gap")).isCloseTo(0.2, within(1e-9));
        assertThat(control.addedMetrics.get(3).get("train_val_gap")).isCloseTo(0.15, within(1e-9));
        assertThat(control.stops).as("it only watches").isEmpty();
    }

    @Test
    void logsOnceWhenTheGapHasGrownForPatienceEpochsInARow() {
        // gaps 0.1, 0.2, 0.3, 0.4, 0.5: growing at epochs 2, 3, 4 and 5
        RecordingControl control = train(listener("patience", 2),
                1.0, 1.1, 0.9, 1.1, 0.8, 1.1, 0.7, 1.1, 0.6, 1.1);

        assertThat(control.logs).containsExactly("example-gap-logger: the train-validation gap has grown for 2 epochs"
                + " in a row (0.3000 at epoch 3, up from 0.2000); the model may be starting to overfit");
    }

    @Test
    void aShrinkingGapStartsTheCountAgain() {
        // gaps 0.1, 0.2, 0.1, 0.2, 0.3: the growth of epoch 2 is undone at epoch 3
        RecordingControl control = train(listener("patience", 2),
                1.0, 1.1, 0.9, 1.1, 0.9, 1.0, 0.8, 1.0, 0.7, 1.0);

        assertThat(control.logs).singleElement().asString().contains("at epoch 5");
    }

    @Test
    void withoutValidationLossItRecordsNothingAndSaysSoOnce() {
        RecordingControl control = onlyWatched(new RecordingControl().train(listener(),
                List.of(Map.of("loss", 0.9), Map.of("loss", 0.8), Map.of("loss", 0.7))));

        assertThat(control.addedMetrics).isEmpty();
        assertThat(control.logs).containsExactly("example-gap-logger: epoch 1 has no val_loss, so no train_val_gap is"
                + " recorded; give the dataset validation data to measure the gap");
    }

    @Test
    void aResumedTrialCountsTheEpochsItAlreadyHad() {
        // Epochs 1-2 ran before a restart (gap 0.1 then 0.2); epoch 3's 0.3 makes two growing epochs.
        EpochListener resumed = listener("patience", 2);
        RecordingControl control = RecordingControl.resumedAfter(List.of(
                Map.of("loss", 1.0, "val_loss", 1.1), Map.of("loss", 0.9, "val_loss", 1.1)));

        onlyWatched(control.train(resumed, List.of(Map.of("loss", 0.8, "val_loss", 1.1))));

        assertThat(control.logs).singleElement().asString().contains("grown for 2 epochs", "at epoch 3");
    }

    @Test
    void eachTrialGetsAListenerOfItsOwn() {
        EpochListener first = listener("patience", 1);
        EpochListener second = listener("patience", 1);

        train(first, 1.0, 1.1, 0.9, 1.1);
        RecordingControl control = train(second, 1.0, 1.1);

        assertThat(control.logs).as("the second trial has seen one epoch, so nothing grew yet").isEmpty();
    }
}
