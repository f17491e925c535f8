package org.cnnworkbench.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.testkit.RecordingControl;
import org.cnnworkbench.testkit.TestParams;
import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private final LrSchedule callback = new LrSchedule();

    private EpochListener listener(Object... overrides) {
        return callback.create(TestParams.of(callback, overrides));
    }

    /** Trains {@code epochs} epochs (the whole budget) starting at {@code lr0}; the schedule ignores the losses. */
    private static RecordingControl train(EpochListener listener, double lr0, int epochs) {
        double[] losses = new double[epochs];
        Arrays.fill(losses, 0.5);
        return new RecordingControl().learningRate(lr0).maxEpochs(epochs)
                .train(listener, RecordingControl.columns("loss", losses));
    }

    private static void assertRates(RecordingControl control, double... expected) {
        assertThat(control.lrs).hasSize(expected.length);
        for (int e = 0; e < expected.length; e++) {
            assertThat(control.lrs.get(e)).as("lr of epoch %d in %s", e + 1, control.lrs).isCloseTo(expected[e], within(1e-15));
        }
    }

    @Test
    void stepMultipliesByGammaEveryStepSizeEpochs() {
        RecordingControl control = train(listener("schedule", "step", "step_size", 2, "gamma", 0.5), 0.1, 6);

        assertRates(control, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025);
        assertThat(control.lrSets).as("the rate is set only when it changes").containsExactly(0.05, 0.025);
    }

    @Test
    void stepDividesByTenEveryTenEpochsUnlessToldOtherwise() {
        RecordingControl control = train(listener("schedule", "step"), 0.1, 12);

        assertThat(control.lrs.subList(0, 10)).containsOnly(0.1);
        assertThat(control.lrs.subList(10, 12)).allSatisfy(lr -> assertThat(lr).isCloseTo(0.01, within(1e-15)));
    }

    @Test
    void exponentialMultipliesByGammaEveryEpoch() {
        RecordingControl control = train(listener("schedule", "exponential", "gamma", 0.9), 0.1, 4);

        assertRates(control, 0.1, 0.09, 0.081, 0.0729);
        assertThat(control.lrSets).as("nothing is set after the last epoch").hasSize(3);
    }

    @Test
    void cosineFallsFromLr0ToMinLrOverTheEpochBudget() {
        RecordingControl control = train(listener("schedule", "cosine", "min_lr", 0.001), 0.1, 5);

        // min_lr + (lr0 - min_lr) * (1 + cos(pi * i / 5)) / 2 for i = 0..4
        assertRates(control, 0.1, 0.0905463412215599, 0.0657963412215599, 0.03520365877844011, 0.010453658778440109);
    }

    @Test
    void cosineStaysAtMinLrAfterAShorterPeriod() {
        RecordingControl control = train(listener("schedule", "cosine", "epochs", 2, "min_lr", 0.01), 0.1, 4);

        assertRates(control, 0.1, 0.055, 0.01, 0.01);
        assertThat(control.logs).isEmpty();
    }

    @Test
    void cosineDownToZeroKeepsTheLastPositiveRateAndSaysWhy() {
        RecordingControl control = train(listener("schedule", "cosine", "epochs", 2), 0.1, 4);

        assertRates(control, 0.1, 0.05, 0.05, 0.05);
        assertThat(control.logs).containsExactly("lr-schedule: the cosine schedule reaches a rate of 0 at epoch 3;"
                + " keeping 0.05, since a learning rate must be above 0. Give min_lr above 0 or epochs at least the run's"
                + " epoch budget.");
    }

    @Test
    void timeDecayByDefaultUsesTheSeedsDecayOfLr0OverTheEpochBudget() {
        // The seeds' SGD(lr=0.01, decay=0.01/10), per epoch: lr0 / (1 + 0.001 * i).
        RecordingControl control = train(listener("schedule", "time-decay"), 0.01, 10);

        assertThat(control.lrs.subList(0, 4)).satisfiesExactly(
                lr -> assertThat(lr).isEqualTo(0.01),
                lr -> assertThat(lr).isCloseTo(0.009990009990009992, within(1e-15)),
                lr -> assertThat(lr).isCloseTo(0.00998003992015968, within(1e-15)),
                lr -> assertThat(lr).isCloseTo(0.009970089730807579, within(1e-15)));
    }

    @Test
    void timeDecayWithAGivenDecay() {
        RecordingControl control = train(listener("schedule", "time-decay", "decay", 0.5), 0.1, 4);

        assertRates(control, 0.1, 0.06666666666666667, 0.05, 0.04);
    }

    @Test
    void timeDecayOfZeroKeepsTheRate() {
        RecordingControl control = train(listener("schedule", "time-decay", "decay", 0.0), 0.1, 4);

        assertRates(control, 0.1, 0.1, 0.1, 0.1);
        assertThat(control.lrSets).isEmpty();
    }

    @Test
    void minLrIsTheFloorOfEverySchedule() {
        RecordingControl control = train(listener("schedule", "step", "step_size", 1, "min_lr", 0.005), 0.1, 4);

        assertRates(control, 0.1, 0.01, 0.005, 0.005);
    }

    @Test
    void aResumedTrialContinuesTheScheduleFromTheRecordedFirstRate() {
        RecordingControl control = new RecordingControl().learningRate(0.05).maxEpochs(4);
        control.history.add(new EpochMetrics(1, Map.of("loss", 0.5, "lr", 0.1)));
        control.history.add(new EpochMetrics(2, Map.of("loss", 0.4, "lr", 0.05)));

        listener("schedule", "exponential", "gamma", 0.5).onTrainStart(control);

        assertThat(control.lrSets).containsExactly(0.025);
    }

    @Test
    void exponentialWithoutGammaOrAGammaOfZeroIsRefused() {
        assertThatThrownBy(() -> listener("schedule", "exponential")).isInstanceOf(PluginInputException.class)
                .hasMessage("lr-schedule: the exponential schedule needs gamma, the factor the rate is multiplied by each"
                        + " epoch (e.g. gamma: 0.95).");
        assertThatThrownBy(() -> listener("schedule", "step", "gamma", 0.0)).isInstanceOf(PluginInputException.class)
                .hasMessageStartingWith("lr-schedule: gamma is 0");
    }

    @Test
    void declaresTheScheduleAsRequiredAndTheRestOptional() {
        assertThat(callback.id()).isEqualTo("lr-schedule");
        assertThat(callback.parameters()).extracting(ParamSpec::name, ParamSpec::defaultValue, ParamSpec::required)
                .containsExactly(
                        tuple("schedule", null, true),
                        tuple("step_size", 10, false),
                        tuple("gamma", null, false),
                        tuple("decay", null, false),
                        tuple("min_lr", 0.0, false),
                        tuple("epochs", null, false));
        assertThat(callback.parameters().get(0).allowed()).containsExactly("step", "exponential", "cosine", "time-decay");
    }
}
