package org.cnnworkbench.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonitorTest {

    @Test
    void autoMinimisesLossesAndMaximisesAccuracies() {
        assertThat(new Monitor("val_loss", "auto", 0).improves(0.4, 0.5)).isTrue();
        assertThat(new Monitor("val_loss", "auto", 0).worst()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new Monitor("val_accuracy", "auto", 0).improves(0.9, 0.8)).isTrue();
        assertThat(new Monitor("val_accuracy", "auto", 0).worst()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void anImprovementMustBeatTheReferenceByMoreThanMinDelta() {
        Monitor monitor = new Monitor("loss", "min", 0.1);

        assertThat(monitor.improves(0.45, 0.5)).isFalse();
        assertThat(monitor.improves(0.39, 0.5)).isTrue();
        assertThat(new Monitor("accuracy", "max", 0.1).improves(0.65, 0.5)).isTrue();
        assertThat(new Monitor("accuracy", "max", 0.1).improves(0.55, 0.5)).isFalse();
    }

    @Test
    void equalValuesAndNaNNeverImprove() {
        Monitor monitor = new Monitor("val_loss", "auto", 0);

        assertThat(monitor.improves(0.5, 0.5)).isFalse();
        assertThat(monitor.improves(Double.NaN, 0.5)).isFalse();
        assertThat(monitor.improves(Double.NaN, monitor.worst())).isFalse();
    }

    @Test
    void saysWhatNoImprovementMeans() {
        assertThat(new Monitor("val_loss", "auto", 0).noImprovement()).isEqualTo("did not improve");
        assertThat(new Monitor("val_loss", "auto", 1e-4).noImprovement()).isEqualTo("did not improve by more than 0.0001");
    }
}
