package org.cnnworkbench.engine.run;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.network.Network;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * The trained network on the test split: accuracy, loss, a per-class report and the confusion
 * matrix (rows actual, columns predicted); empty when the dataset has no test split.
 */
record TestEvaluation(Double accuracy, Double loss, List<RunResult.ClassReport> report, int[][] confusion) {
    static final TestEvaluation NONE = new TestEvaluation(null, null, List.of(), new int[0][0]);

    /** Scores {@code net} on {@code test} (or gives {@link #NONE} when null), offering each image to {@code samples}. */
    static TestEvaluation of(Network net, BatchStream test, List<String> classNames, TestSamples samples) {
        if (test == null) {
            return NONE;
        }
        Scorer.Score score = Scorer.score(net, test.inOrder(), classNames, true, samples);
        return new TestEvaluation(score.accuracy(), score.loss(), classReport(score.evaluation(), classNames),
                confusion(score.evaluation(), classNames.size()));
    }

    private static List<RunResult.ClassReport> classReport(Evaluation e, List<String> classNames) {
        List<RunResult.ClassReport> rows = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            int support = 0;
            for (int p = 0; p < classNames.size(); p++) {
                support += e.getConfusionMatrix().getCount(c, p);
            }
            rows.add(new RunResult.ClassReport(classNames.get(c), nanToZero(e.precision(c)), nanToZero(e.recall(c)),
                    nanToZero(e.f1(c)), support));
        }
        return rows;
    }

    private static int[][] confusion(Evaluation e, int classes) {
        int[][] m = new int[classes][classes];
        for (int a = 0; a < classes; a++) {
            for (int p = 0; p < classes; p++) {
                m[a][p] = e.getConfusionMatrix().getCount(a, p);
            }
        }
        return m;
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
