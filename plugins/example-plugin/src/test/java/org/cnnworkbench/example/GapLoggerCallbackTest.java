package org.cnnworkbench.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class GapLoggerCallbackTest {
    private final GapLoggerCallback callback = new GapLoggerCallback();

    private EpochListener listener(Object... overrides) {
        return callback.create(TestParams.of(callback, overrides));
    }

    @Test
    void recordsValidationLossMinusTrainingLossForEveryEpoch() {
        RecordingControl control = RecordingControl.train(listener(), 0.9, 1.0, 0.5, 0.7, 0.3, 0.45);

        assertThat(control.recorded).containsOnlyKeys(1, 2, 3);
        assertThat(control.recorded.get(1).get("train_val_gap")).isCloseTo(0.1, within(1e-9));
        assertThat(control.recorded.get(2).get("train_val_gap")).isCloseTo(0.2, within(1e-9));
        assertThat(control.recorded.get(3).get("train_val_gap")).isCloseTo(0.15, within(1e-9));
        assertThat(control.stops).as("it only watches").isEmpty();
    }

    @Test
    void logsOnceWhenTheGapHasGrownForPatienceEpochsInARow() {
        // gaps 0.1, 0.2, 0.3, 0.4, 0.5: growing at epochs 2, 3, 4 and 5
        RecordingControl control = RecordingControl.train(listener("patience", 2),
                1.0, 1.1, 0.9, 1.1, 0.8, 1.1, 0.7, 1.1, 0.6, 1.1);

        assertThat(control.logs).containsExactly("example-gap-logger: the train-validation gap has grown for 2 epochs"
                + " in a row (0.3000 at epoch 3, up from 0.2000); the model may be starting to overfit");
    }

    @Test
    void aShrinkingGapStartsTheCountAgain() {
        // gaps 0.1, 0.2, 0.1, 0.2, 0.3: the growth of epoch 2 is undone at epoch 3
        RecordingControl control = RecordingControl.train(listener("patience", 2),
                1.0, 1.1, 0.9, 1.1, 0.9, 1.0, 0.8, 1.0, 0.7, 1.0);

        assertThat(control.logs).singleElement().asString().contains("at epoch 5");
    }

    @Test
    void withoutValidationLossItRecordsNothingAndSaysSoOnce() {
        RecordingControl control = new RecordingControl().train(listener(),
                List.of(Map.of("loss", 0.9), Map.of("loss", 0.8), Map.of("loss", 0.7)));

        assertThat(control.recorded).isEmpty();
        assertThat(control.logs).containsExactly("example-gap-logger: epoch 1 has no val_loss, so no train_val_gap is"
                + " recorded; give the dataset validation data to measure the gap");
    }

    @Test
    void aResumedTrialCountsTheEpochsItAlreadyHad() {
        // Epochs 1-2 ran before a restart (gap 0.1 then 0.2); epoch 3's 0.3 makes two growing epochs.
        EpochListener resumed = listener("patience", 2);
        RecordingControl control = RecordingControl.resumedAfter(List.of(
                Map.of("loss", 1.0, "val_loss", 1.1), Map.of("loss", 0.9, "val_loss", 1.1)));

        control.train(resumed, List.of(Map.of("loss", 0.8, "val_loss", 1.1)));

        assertThat(control.logs).singleElement().asString().contains("grown for 2 epochs", "at epoch 3");
    }

    @Test
    void eachTrialGetsAListenerOfItsOwn() {
        EpochListener first = listener("patience", 1);
        EpochListener second = listener("patience", 1);

        RecordingControl.train(first, 1.0, 1.1, 0.9, 1.1);
        RecordingControl control = RecordingControl.train(second, 1.0, 1.1);

        assertThat(control.logs).as("the second trial has seen one epoch, so nothing grew yet").isEmpty();
    }
}
