package org.cnnworkbench.engine.run;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.network.Network;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
final class TrainAccuracyListener extends BaseTrainingListener implements Network.BatchLabels {
    private long correct;
    private long seen;
    private long batchCorrect;
    private long batchSeen;
    private volatile boolean unsupported;
    /** The labels of a graph's batch, given by {@link Network.Graph#fit} before its forward pass. */
    private INDArray graphLabels;

    @Override
    public void labels(INDArray labels) {
        graphLabels = labels;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (unsupported || !(model instanceof MultiLayerNetwork net) || !(net.getOutputLayer() instanceof BaseOutputLayer<?> out)) {
            unsupported = true;
            return;
        }
        INDArray input = activations.get(activations.size() - 1);
        count(input, net.getLayerWiseConfigurations().getInputPreProcess(net.getnLayers() - 1), out, net.getLabels());
    }

    /** A graph's forward pass: the output layer's input is the activation of the vertex it reads. */
    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        if (unsupported || !(model instanceof ComputationGraph graph) || !(graph.getOutputLayer(0) instanceof BaseOutputLayer<?> out)) {
            unsupported = true;
            return;
        }
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String output = conf.getNetworkOutputs().get(0);
        INDArray input = activations.get(conf.getVertexInputs().get(output).get(0));
        if (input == null || !(conf.getVertices().get(output) instanceof LayerVertex vertex)) {
            unsupported = true;
            return;
        }
        count(input, vertex.getPreProcessor(), out, graphLabels);
    }

    private void count(INDArray activation, InputPreProcessor pre, BaseOutputLayer<?> out, INDArray labels) {
        if (labels == null || labels.rank() != 2) {
            unsupported = true;
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray input = activation;
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
