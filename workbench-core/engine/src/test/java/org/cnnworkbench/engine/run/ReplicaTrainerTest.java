package org.cnnworkbench.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.network.Network;
import org.cnnworkbench.engine.nd4j.Backend;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Synchronous replicas against DL4J's own {@code fit} on the same batches, with real DL4J training of
 * tiny networks: the same loss curve and parameters up to float rounding (batch normalization only
 * close, each replica normalizing its own shard), and identical curves for the same seed and count.
 */
class ReplicaTrainerTest {
    private static final int STEPS = 40;
    /** Not a multiple of 2 or 3: the last shard is smaller. */
    private static final int BATCH = 21;

    @BeforeAll
    static void load() {
        Backend.load();
    }

    /** conv → (batch norm) → max-pool → dense → softmax on 1×10×10 images, with L2 and Adam. */
    private static MultiLayerNetwork network(boolean batchNorm, double dropout) {
        var list = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT).updater(new Adam(5e-3)).l2(1e-3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(batchNorm ? Activation.IDENTITY : Activation.RELU).build());
        if (batchNorm) {
            list.layer(new BatchNormalization.Builder().activation(Activation.RELU).build());
        }
        list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.RELU).dropOut(dropout).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = list.setInputType(InputType.convolutional(10, 10, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Batches whose class is readable from the image (a bright row), so the loss falls. */
    private static List<DataSet> batches() {
        Nd4j.getRandom().setSeed(3);
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < STEPS; b++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, BATCH, 1, 10, 10).muli(0.5);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 3);
            for (int i = 0; i < BATCH; i++) {
                int c = (b * 7 + i * 5) % 3;
                labels.putScalar(i, c, 1f);
                for (int x = 0; x < 10; x++) {
                    features.putScalar(new int[] {i, 0, 2 + 3 * c, x}, 1f);
                }
            }
            batches.add(new DataSet(features, labels));
        }
        return batches;
    }

    private static double[] fitAlone(MultiLayerNetwork net, List<DataSet> batches) {
        double[] losses = new double[batches.size()];
        for (int i = 0; i < batches.size(); i++) {
            net.fit(batches.get(i));
            losses[i] = net.score();
        }
        return losses;
    }

    private static double[] fitReplicas(MultiLayerNetwork net, int count, List<DataSet> batches) {
        double[] losses = new double[batches.size()];
        try (ReplicaTrainer replicas = new ReplicaTrainer(net, count, 1, 42)) {
            for (int i = 0; i < batches.size(); i++) {
                losses[i] = replicas.fit(batches.get(i), 0);
            }
            for (MultiLayerNetwork replica : replicas.networks()) {
                assertThat(replica.params().equals(net.params())).as("every replica sees the one update").isTrue();
            }
        }
        return losses;
    }

    private static double maxRelative(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(a[i]));
        }
        return worst;
    }

    private static double maxRelative(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / a.amaxNumber().doubleValue();
    }

    @Test
    void twoAndThreeReplicasFollowOneReplicasLossCurve() {
        List<DataSet> batches = batches();
        MultiLayerNetwork alone = network(false, 0);
        MultiLayerNetwork two = alone.clone();
        MultiLayerNetwork three = alone.clone();
        double[] expected = fitAlone(alone, batches);
        double[] twoLosses = fitReplicas(two, 2, batches);
        double[] threeLosses = fitReplicas(three, 3, batches);

        assertThat(expected[STEPS - 1]).as("the network learns").isLessThan(expected[0] * 0.7);
        assertThat(maxRelative(expected, twoLosses)).as("2 replicas: loss per step").isLessThan(1e-4);
        assertThat(maxRelative(expected, threeLosses)).as("3 replicas: loss per step").isLessThan(1e-4);
        assertThat(maxRelative(alone.params(), two.params())).as("2 replicas: parameters").isLessThan(1e-4);
        assertThat(maxRelative(alone.params(), three.params())).as("3 replicas: parameters").isLessThan(1e-4);
        assertThat(two.getIterationCount()).isEqualTo(alone.getIterationCount()).isEqualTo(STEPS);
        // The one updater's state (Adam's moments) moved as DL4J's own.
        assertThat(maxRelative(alone.getUpdater().getStateViewArray(), two.getUpdater().getStateViewArray()))
                .as("updater state").isLessThan(1e-3);
    }

    /**
     * The GPU path's way (issue 19: one replica per device, each with its own parameter copy, gradients and parameters
     * copied between them every step), run on the CPU with every "device" 0: the same curve, bit for bit, as replicas
     * sharing one parameter array, with dropout, and weights restored between steps reach every copy.
     */
    @Test
    void replicasWithTheirOwnParameterCopiesTrainAsReplicasSharingOneArray() {
        List<DataSet> batches = batches();
        MultiLayerNetwork shared = network(false, 0.7);
        MultiLayerNetwork copies = shared.clone();
        double[] expected = fitReplicas(shared, 2, batches);
        double[] actual = new double[batches.size()];
        try (ReplicaTrainer replicas = new ReplicaTrainer(copies, 2, 1, 42, List.of(0, 0))) {
            assertThat(replicas.networks().get(1).params()).as("a copy, not replica 0's array")
                    .isNotSameAs(copies.params());
            for (int i = 0; i < batches.size(); i++) {
                actual[i] = replicas.fit(batches.get(i), 0);
            }
            assertThat(actual).containsExactly(expected);
            assertThat(copies.params().equals(shared.params())).isTrue();
            assertThat(replicas.takeTiming()).contains("copy parameters to the replicas");

            // Weights restored between steps (as a callback does) are what every copy computes its next gradient on.
            INDArray restored = network(false, 0.7).params();
            copies.setParams(restored);
            replicas.fit(batches.get(0), 1);
            assertThat(replicas.networks().get(1).params().equals(restored)).as("the copy took the restored weights").isTrue();
            assertThat(copies.params().equals(restored)).as("replica 0 then took its step").isFalse();
        }
        assertThat(ReplicaTrainer.devicesFor(2)).as("on the CPU the replicas share one array").isNull();
    }

    @Test
    void sameSeedAndCountGiveIdenticalCurvesWithDropout() {
        List<DataSet> batches = batches();
        MultiLayerNetwork first = network(false, 0.7);
        MultiLayerNetwork second = first.clone();
        assertThat(fitReplicas(first, 2, batches)).containsExactly(fitReplicas(second, 2, batches));
        assertThat(first.params().equals(second.params())).isTrue();
    }

    @Test
    void batchNormalizationLossCurveIsClose() {
        List<DataSet> batches = batches();
        MultiLayerNetwork alone = network(true, 0);
        MultiLayerNetwork two = alone.clone();
        double[] expected = fitAlone(alone, batches);
        double[] twoLosses = fitReplicas(two, 2, batches);

        // Each replica normalizes its own shard: close to one replica's curve over 40 steps, not equal.
        assertThat(maxRelative(expected, twoLosses)).as("loss per step with batch norm").isLessThan(0.05);
    }

    @Test
    void batchNormalizationRunningStatisticsAreAveragedNotAdded() {
        DataSet batch = batches().get(0);
        MultiLayerNetwork alone = network(true, 0);
        MultiLayerNetwork two = alone.clone();
        INDArray before = alone.getLayer(1).getParam("mean").dup();
        alone.fit(batch);
        try (ReplicaTrainer replicas = new ReplicaTrainer(two, 2, 1, 42)) {
            replicas.fit(batch, 0);
        }
        INDArray moved = alone.getLayer(1).getParam("mean").sub(before);
        assertThat(moved.amaxNumber().doubleValue()).as("the running mean moved").isGreaterThan(1e-4);
        // The shards' means weighted by shard size are the batch's mean: one step moves the running mean as one
        // replica does (added instead of averaged, it would move twice as far).
        INDArray movedTwo = two.getLayer(1).getParam("mean").sub(before);
        assertThat(maxRelative(moved, movedTwo)).as("running mean after one step").isLessThan(1e-4);
        // The spread (DL4J keeps log10 of the standard deviation) moves by the shards' weighted mean: within-shard
        // variances only, so a little differently.
        INDArray logStd = alone.getLayer(1).getParam("log10stdev");
        INDArray logStdTwo = two.getLayer(1).getParam("log10stdev");
        System.out.println("log10stdev after one step, 1 replica " + logStd + ", 2 replicas " + logStdTwo);
        assertThat(maxRelative(logStd, logStdTwo)).as("running log10 std after one step").isLessThan(0.02);
    }

    @Test
    void trainingAccuracyCountsEveryShard() {
        List<DataSet> batches = batches().subList(0, 5);
        MultiLayerNetwork alone = network(false, 0);
        MultiLayerNetwork two = alone.clone();
        TrainAccuracyListener aloneAccuracy = new TrainAccuracyListener();
        alone.setListeners(aloneAccuracy);
        fitAlone(alone, batches);
        TrainAccuracyListener twoAccuracy = new TrainAccuracyListener();
        two.setListeners(twoAccuracy);
        try (ReplicaTrainer replicas = new ReplicaTrainer(two, 2, 1, 42)) {
            replicas.shareListeners();
            assertThat(replicas.takeTiming()).as("no step yet").isNull();
            for (DataSet batch : batches) {
                replicas.fit(batch, 0);
            }
            assertThat(replicas.takeTiming()).startsWith("Replicas: 5 steps, ").contains("replica machinery");
            assertThat(replicas.takeTiming()).as("reset by the call").isNull();
        }
        double expected = aloneAccuracy.accuracyAndReset();
        assertThat(expected).isBetween(0.0, 1.0);
        assertThat(twoAccuracy.accuracyAndReset()).isEqualTo(expected);
    }

    @Test
    void aBatchSmallerThanTheReplicaCountUsesFewerShards() {
        MultiLayerNetwork alone = network(false, 0);
        MultiLayerNetwork four = alone.clone();
        DataSet tiny = batches().get(0).sample(3);
        alone.fit(tiny);
        try (ReplicaTrainer replicas = new ReplicaTrainer(four, 4, 1, 42)) {
            assertThat(replicas.fit(tiny, 0)).isCloseTo(alone.score(), org.assertj.core.data.Percentage.withPercentage(0.01));
        }
        assertThat(maxRelative(alone.params(), four.params())).isLessThan(1e-4);
    }

    /** Batches of 28×28 images for small-cnn, 10 classes. */
    private static List<DataSet> mnistSized(int count) {
        Nd4j.getRandom().setSeed(9);
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            INDArray features = Nd4j.rand(DataType.FLOAT, 32, 1, 28, 28);
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 10);
            for (int i = 0; i < 32; i++) {
                labels.putScalar(i, (b + i * 3) % 10, 1f);
            }
            batches.add(new DataSet(features, labels));
        }
        return batches;
    }

    /** Two "epochs" of small-cnn with the faster backward passes installed per epoch, as TrainingPass does. */
    private static double[] epochs(MultiLayerNetwork net, ReplicaTrainer replicas, List<DataSet> batches) {
        double[] losses = new double[batches.size()];
        FastBackprop fast = FastBackprop.of(true, new Network.Stack(net));
        try (FastBackprop.Handle installed = fast.installAll(replicas.networks())) {
            for (int i = 0; i < batches.size(); i++) {
                losses[i] = replicas.fit(batches.get(i), net.getEpochCount());
            }
        }
        net.incrementEpochCount();
        return losses;
    }

    @Test
    void aNetworkRestoredFromItsCheckpointContinuesAsTheUninterruptedOne() throws Exception {
        List<DataSet> first = mnistSized(4);
        List<DataSet> second = mnistSized(8).subList(4, 8);
        MultiLayerNetwork uninterrupted = ReluBackpropTest.smallCnn();
        double[] expected;
        java.nio.file.Path file = java.nio.file.Files.createTempFile("replicas", ".zip");
        try (ReplicaTrainer replicas = new ReplicaTrainer(uninterrupted, 2, 1, 42)) {
            epochs(uninterrupted, replicas, first);
            org.deeplearning4j.util.ModelSerializer.writeModel(uninterrupted, file.toFile(), true);
            expected = epochs(uninterrupted, replicas, second);
        }
        MultiLayerNetwork restored = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        java.nio.file.Files.delete(file);
        double[] actual;
        try (ReplicaTrainer replicas = new ReplicaTrainer(restored, 2, 1, 42)) {
            actual = epochs(restored, replicas, second);
        }
        assertThat(actual).containsExactly(expected);
        assertThat(restored.params().equals(uninterrupted.params())).isTrue();
    }

    /**
     * What callbacks do through {@link TrialControl} (a learning-rate change, as LR schedules and
     * reduce-on-plateau make; restoring snapshotted weights, as early stopping does) reaches every replica.
     */
    @Test
    void callbacksLearningRateAndRestoredWeightsReachEveryReplica() {
        List<DataSet> batches = batches().subList(0, 20);
        MultiLayerNetwork alone = network(false, 0);
        MultiLayerNetwork two = alone.clone();
        TrialControl aloneControl = new TrialControl(new Network.Stack(alone), 2, line -> { }, name -> { });
        TrialControl twoControl = new TrialControl(new Network.Stack(two), 2, line -> { }, name -> { });
        double[] expected = new double[batches.size()];
        double[] actual = new double[batches.size()];
        try (ReplicaTrainer replicas = new ReplicaTrainer(two, 2, 1, 42)) {
            twoControl.snapshotWeights("start");
            for (int i = 0; i < batches.size(); i++) {
                if (i == 10) {
                    aloneControl.setLearningRate(0.05);
                    twoControl.setLearningRate(0.05);
                }
                alone.fit(batches.get(i));
                expected[i] = alone.score();
                actual[i] = replicas.fit(batches.get(i), 0);
            }
            assertThat(maxRelative(expected, actual)).as("losses before and after the change").isLessThan(1e-4);
            // At 0.05 instead of 0.005 the second half moves far: a replica still at the old rate would not follow.
            assertThat(Math.abs(expected[19] - expected[10]) / expected[10]).isGreaterThan(1e-3);

            assertThat(twoControl.restoreWeights("start")).isTrue();
            for (MultiLayerNetwork replica : replicas.networks()) {
                assertThat(replica.params().equals(network(false, 0).params())).as("restored on every replica").isTrue();
            }
        }
    }

    @Test
    void oneReplicaIsNotAReplicaTrainer() {
        assertThatThrownBy(() -> new ReplicaTrainer(network(false, 0), 1, 1, 42)).isInstanceOf(IllegalArgumentException.class);
    }
}
