package org.cnnworkbench.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.EpochMetrics;
import org.junit.jupiter.api.Test;

class OverfittingAnalysisTest {
    /** Epochs 1..n with these train and validation losses (and accuracies 1 − loss/2). */
    private static List<EpochMetrics> curve(double[] loss, double[] valLoss) {
        List<EpochMetrics> out = new ArrayList<>();
        for (int i = 0; i < loss.length; i++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loss[i]);
            m.put("accuracy", 1 - loss[i] / 2);
            if (valLoss != null) {
                m.put("val_loss", valLoss[i]);
                m.put("val_accuracy", 1 - valLoss[i] / 2);
            }
            out.add(new EpochMetrics(i + 1, m));
        }
        return out;
    }

    @Test
    void aCleanOverfittingCurve() {
        // val_loss falls to epoch 4, then rises at 5, 6, 7 while loss keeps falling.
        double[] loss = {1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2};
        double[] val = {1.1, 0.9, 0.7, 0.65, 0.7, 0.8, 0.9};
        OverfittingSummary s = OverfittingAnalysis.of(curve(loss, val), 2);
        assertThat(s.bestEpoch()).isEqualTo(4);
        assertThat(s.bestValLoss()).isEqualTo(0.65);
        assertThat(s.gapLossBest()).isCloseTo(0.15, within(1e-12));
        assertThat(s.gapLossLast()).isCloseTo(0.7, within(1e-12));
        assertThat(s.gapAccuracyBest()).isCloseTo(0.075, within(1e-12));
        assertThat(s.gapAccuracyLast()).isCloseTo(0.35, within(1e-12));
        assertThat(s.onsetEpoch()).isEqualTo(4);
        // Keras: epochs 5 and 6 do not improve on epoch 4 → patience 2 stops at epoch 6.
        assertThat(s.earlyStopEpoch()).isEqualTo(6);
        assertThat(s.lastEpoch()).isEqualTo(7);
        assertThat(s.patience()).isEqualTo(2);

        assertThat(OverfittingAnalysis.of(curve(loss, val), 3).onsetEpoch()).isEqualTo(4);
        assertThat(OverfittingAnalysis.of(curve(loss, val), 3).earlyStopEpoch()).isEqualTo(7);
        assertThat(OverfittingAnalysis.of(curve(loss, val), 4).onsetEpoch()).isNull();
        assertThat(OverfittingAnalysis.of(curve(loss, val), 4).earlyStopEpoch()).isNull();
        assertThat(OverfittingAnalysis.of(curve(loss, val), 1).onsetEpoch()).isEqualTo(4);
        assertThat(OverfittingAnalysis.of(curve(loss, val), 1).earlyStopEpoch()).isEqualTo(5);
    }

    @Test
    void noiseThatDoesNotLastIsNotAnOnsetAndARisingTrainingLossIsNotOverfitting() {
        double[] loss = {1.0, 0.8, 0.7, 0.6, 0.5, 0.45, 0.5, 0.55};
        double[] val = {1.0, 0.9, 0.95, 0.8, 0.75, 0.8, 0.85, 0.9};
        OverfittingSummary s = OverfittingAnalysis.of(curve(loss, val), 2);
        // Epoch 3 is a single bump; from epoch 5 val_loss rises but at 7 and 8 so does the training loss.
        assertThat(s.onsetEpoch()).isNull();
        assertThat(s.bestEpoch()).isEqualTo(5);
        assertThat(s.earlyStopEpoch()).isEqualTo(7);
    }

    @Test
    void withoutValidationOnlyTheTrainingLossDefinesTheBestEpoch() {
        OverfittingSummary s = OverfittingAnalysis.of(curve(new double[] {1.0, 0.5, 0.7}, null), 2);
        assertThat(s.bestEpoch()).isEqualTo(2);
        assertThat(s.bestValLoss()).isNull();
        assertThat(s.gapLossBest()).isNull();
        assertThat(s.gapLossLast()).isNull();
        assertThat(s.onsetEpoch()).isNull();
        assertThat(s.earlyStopEpoch()).isNull();
        assertThat(s.lastEpoch()).isEqualTo(3);
    }

    @Test
    void nonFiniteValuesAreSkippedAndOrderDoesNotMatter() {
        List<EpochMetrics> epochs = new ArrayList<>(curve(new double[] {1.0, 0.8, 0.6, 0.5, 0.4},
                new double[] {1.0, Double.NaN, 0.7, 0.75, 0.8}));
        java.util.Collections.reverse(epochs);
        OverfittingSummary s = OverfittingAnalysis.of(epochs, 2);
        assertThat(s.bestEpoch()).isEqualTo(3);
        assertThat(s.onsetEpoch()).isEqualTo(3);
        assertThat(s.earlyStopEpoch()).isEqualTo(5);
        assertThat(OverfittingAnalysis.of(curve(new double[] {Double.POSITIVE_INFINITY}, new double[] {Double.NaN}), 2))
                .satisfies(one -> {
                    assertThat(one.bestEpoch()).isNull();
                    assertThat(one.lastEpoch()).isEqualTo(1);
                });
        assertThat(OverfittingAnalysis.of(List.of(), 2).lastEpoch()).isZero();
        assertThatThrownBy(() -> OverfittingAnalysis.of(List.of(), 0)).hasMessageContaining("patience");
    }
}
