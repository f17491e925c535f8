package org.cnnworkbench.engine.run;

import java.util.List;
import org.cnnworkbench.engine.network.Network;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates a network on batches with one forward pass each: the mean cross-entropy (as Keras
 * computes it, probabilities clipped to [1e-7, 1 − 1e-7]), accuracy, and optionally the full
 * per-class evaluation.
 */
final class Scorer {
    private static final double EPSILON = 1e-7;

    /** Loss, accuracy, and (when asked) DL4J's per-class evaluation. */
    record Score(double loss, double accuracy, long samples, Evaluation evaluation) {
    }

    private Scorer() {
    }

    static Score score(Network net, Iterable<DataSet> batches, List<String> classNames, boolean detailed) {
        return score(net, batches, classNames, detailed, null);
    }

    /** As {@link #score(Network, Iterable, List, boolean)}, offering predictions to {@code samples} too. */
    static Score score(Network net, Iterable<DataSet> batches, List<String> classNames, boolean detailed,
                       TestSamples samples) {
        double lossSum = 0;
        long correct = 0;
        long n = 0;
        Evaluation evaluation = detailed ? new Evaluation(classNames) : null;
        for (DataSet batch : batches) {
            INDArray output = net.output(batch.getFeatures());
            float[][] p = output.toFloatMatrix();
            float[][] y = batch.getLabels().toFloatMatrix();
            for (int i = 0; i < p.length; i++) {
                if (p[i].length == 1) {
                    double q = clip(p[i][0]);
                    boolean positive = y[i][0] > 0.5f;
                    lossSum -= positive ? Math.log(q) : Math.log(1 - q);
                    if ((q > 0.5) == positive) {
                        correct++;
                    }
                } else {
                    int label = argMax(y[i]);
                    lossSum -= Math.log(clip(p[i][label]));
                    int predicted = argMax(p[i]);
                    if (predicted == label) {
                        correct++;
                    }
                    if (samples != null && samples.wantsMore()) {
                        samples.offer(batch.getFeatures(), i, label, predicted, p[i][predicted]);
                    }
                }
            }
            n += p.length;
            if (evaluation != null) {
                evaluation.eval(twoColumns(batch.getLabels()), twoColumns(output));
            }
        }
        return new Score(n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : (double) correct / n, n, evaluation);
    }

    /** A single sigmoid column as [1 − p, p], so that binary heads evaluate like two-class softmax. */
    private static INDArray twoColumns(INDArray a) {
        return a.size(1) == 1 ? Nd4j.hstack(a.rsub(1.0), a) : a;
    }

    private static double clip(double q) {
        return Math.min(1 - EPSILON, Math.max(EPSILON, q));
    }

    static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
