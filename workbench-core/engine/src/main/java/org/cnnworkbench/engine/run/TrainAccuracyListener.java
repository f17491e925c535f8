package org.cnnworkbench.engine.run;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training accuracy as Keras reports it — the running accuracy of each batch's forward pass,
 * before that batch's update — without a second forward pass: DL4J hands listeners the input of
 * the output layer, and the output layer's logits are one small matrix product away. The class
 * with the largest logit is the one with the largest softmax probability (for a single sigmoid
 * unit, a positive logit means class 1). With replicas ({@link ReplicaTrainer}) every replica has this
 * listener and calls it from its own thread, each with its shard: the counts are added under a lock.
 */
final class TrainAccuracyListener extends BaseTrainingListener {
    private long correct;
    private long seen;
    private long batchCorrect;
    private long batchSeen;
    private volatile boolean unsupported;

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (unsupported || !(model instanceof MultiLayerNetwork net) || !(net.getOutputLayer() instanceof BaseOutputLayer<?> out)) {
            unsupported = true;
            return;
        }
        INDArray labels = net.getLabels();
        if (labels == null || labels.rank() != 2) {
            unsupported = true;
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray input = activations.get(activations.size() - 1);
            int outputIndex = net.getnLayers() - 1;
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(outputIndex);
            if (pre != null) {
                input = pre.preProcess(input, (int) input.size(0), LayerWorkspaceMgr.noWorkspaces());
            }
            if (input.rank() != 2) {
                unsupported = true;
                return;
            }
            INDArray logits = input.castTo(out.getParam("W").dataType()).mmul(out.getParam("W")).addiRowVector(out.getParam("b"));
            long n = logits.size(0);
            long right = 0;
            if (logits.size(1) == 1) {
                float[] z = logits.toFloatVector();
                float[] y = labels.toFloatVector();
                for (int i = 0; i < n; i++) {
                    if ((z[i] > 0) == (y[i] > 0.5f)) {
                        right++;
                    }
                }
            } else {
                long[] predicted = logits.argMax(1).toLongVector();
                long[] actual = labels.argMax(1).toLongVector();
                for (int i = 0; i < n; i++) {
                    if (predicted[i] == actual[i]) {
                        right++;
                    }
                }
            }
            count(right, n);
        }
    }

    private synchronized void count(long right, long n) {
        correct += right;
        seen += n;
        batchCorrect += right;
        batchSeen += n;
    }

    /**
     * Accuracy of the forward passes since the last call (one batch, all its shards, when called after
     * every batch), or NaN when it could not be computed this way; does not touch the epoch's count.
     */
    synchronized double batchAccuracyAndReset() {
        double accuracy = unsupported || batchSeen == 0 ? Double.NaN : (double) batchCorrect / batchSeen;
        batchCorrect = 0;
        batchSeen = 0;
        return accuracy;
    }

    /** Accuracy since the last reset, or NaN when it could not be computed this way. */
    synchronized double accuracyAndReset() {
        double accuracy = unsupported || seen == 0 ? Double.NaN : (double) correct / seen;
        correct = 0;
        seen = 0;
        return accuracy;
    }

    boolean supported() {
        return !unsupported;
    }
}
