package org.cnnworkbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ObjectiveTest {

    static List<Map<String, Double>> epochs(String metric, double... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> Map.of(metric, v)).toList();
    }

    @Test
    void bestTakesTheBestEpochInTheDirection() {
        List<Map<String, Double>> curve = epochs("val_accuracy", 0.5, 0.8, 0.7);
        assertThat(new Objective("val_accuracy", Objective.Direction.MAXIMIZE, Objective.Over.BEST).value(curve)).hasValue(0.8);
        assertThat(new Objective("val_accuracy", Objective.Direction.MINIMIZE, Objective.Over.BEST).value(curve)).hasValue(0.5);
    }

    @Test
    void lastTakesTheLastFiniteValue() {
        Objective last = new Objective("val_loss", Objective.Direction.MINIMIZE, Objective.Over.LAST);
        assertThat(last.value(epochs("val_loss", 0.9, 0.4, 0.6))).hasValue(0.6);
        assertThat(last.value(epochs("val_loss", 0.9, 0.4, Double.NaN))).hasValue(0.4);
    }

    @Test
    void nonFiniteAndMissingValuesAreNeverTheObjective() {
        Objective best = new Objective("val_loss", Objective.Direction.MINIMIZE, Objective.Over.BEST);
        assertThat(best.value(epochs("val_loss", Double.NaN, Double.NEGATIVE_INFINITY, 0.7))).hasValue(0.7);
        assertThat(best.value(epochs("val_loss", Double.NaN, Double.POSITIVE_INFINITY))).isEmpty();
        assertThat(best.value(epochs("loss", 0.1, 0.2))).isEmpty();
        assertThat(best.value(List.of())).isEmpty();
    }

    @Test
    void betterIsStrictAndFollowsTheDirection() {
        Objective max = new Objective("val_accuracy", Objective.Direction.MAXIMIZE, Objective.Over.BEST);
        Objective min = new Objective("val_loss", Objective.Direction.MINIMIZE, Objective.Over.BEST);
        assertThat(max.better(0.9, 0.8)).isTrue();
        assertThat(max.better(0.8, 0.8)).isFalse();
        assertThat(min.better(0.1, 0.2)).isTrue();
        assertThat(min.better(0.2, 0.1)).isFalse();
    }

    @Test
    void directionDefaultsFromTheMetricName() {
        assertThat(Objective.defaultDirection("val_loss")).isEqualTo(Objective.Direction.MINIMIZE);
        assertThat(Objective.defaultDirection("val_accuracy")).isEqualTo(Objective.Direction.MAXIMIZE);
        assertThat(Objective.Direction.MAXIMIZE.label()).isEqualTo("maximize");
    }
}
