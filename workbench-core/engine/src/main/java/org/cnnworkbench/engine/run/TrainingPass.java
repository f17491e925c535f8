package org.cnnworkbench.engine.run;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.engine.network.Network;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch's pass over the training batches: shuffled and augmented by a seed that depends only
 * on the trial's seed and the epoch (a resumed run repeats it), prepared ahead on another thread,
 * with the training loop's faster backward passes that {@link FastBackprop} allows installed for
 * the pass only. Between batches it asks the hooks whether to stop and hands the batch's loss to the
 * per-batch curves ({@link BatchCurves}), which it writes at the pass's end. With replicas
 * ({@link ReplicaTrainer}) each batch is one synchronous step of all of them; without, DL4J's {@code fit}.
 */
final class TrainingPass {
    /** Set once the process's first training batch has started, so that only that one reports the start-up time. */
    private static final AtomicBoolean FIRST_BATCH_OF_PROCESS = new AtomicBoolean();

    private final String runId;
    private final Network net;
    private final BatchStream train;
    private final List<ImageTransform> transforms;
    private final FastBackprop fastBackprop;
    private final long seed;
    private final TrialHooks hooks;
    private final TrainingObserver observer;
    private final ReplicaTrainer replicas;
    private final BatchCurves curves;

    /** The mean training loss over the samples seen, and how long the pass took. */
    record Result(double meanLoss, long samples, double seconds) {
    }

    TrainingPass(String runId, Network net, BatchStream train, List<ImageTransform> transforms,
                 FastBackprop fastBackprop, long seed, TrialHooks hooks, TrainingObserver observer, ReplicaTrainer replicas,
                 BatchCurves curves) {
        this.runId = runId;
        this.net = net;
        this.train = train;
        this.transforms = transforms;
        this.fastBackprop = fastBackprop;
        this.seed = seed;
        this.hooks = hooks;
        this.observer = observer;
        this.replicas = replicas;
        this.curves = curves;
    }

    /**
     * Trains on every batch of {@code epoch} of {@code epochs}.
     *
     * @throws TrialInterruptedException when the hooks ask the trial to stop
     */
    Result run(int epoch, int epochs) {
        observer.epochStarted(epoch, epochs, train.batchCount());
        // The random state of an epoch depends only on the seed and the epoch: a resumed run repeats it.
        Nd4j.getRandom().setSeed(seed * 7_919L + epoch);
        long start = System.nanoTime();
        double lossSum = 0;
        long seen = 0;
        int batchIndex = 0;
        if (replicas != null) {
            replicas.shareListeners();
        }
        try (FastBackprop.Handle fast = replicas == null ? fastBackprop.install(net) : fastBackprop.installAll(replicas.networks());
                BatchStream.Prefetcher batches = train.trainingEpoch(seed * 1_000_003L + epoch, transforms)) {
            while (batches.hasNext()) {
                TrialHooks.Interruption interruption = hooks.interruption();
                if (interruption != null) {
                    throw new TrialInterruptedException(runId, interruption);
                }
                DataSet batch = batches.next();
                if (batchIndex == 0 && !FIRST_BATCH_OF_PROCESS.getAndSet(true)) {
                    observer.message(String.format(Locale.ROOT, "First training batch %.2f s after the JVM started.",
                            ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
                }
                int n = batch.numExamples();
                double batchLoss;
                if (replicas == null) {
                    net.fit(batch);
                    batchLoss = net.score();
                } else {
                    batchLoss = replicas.fit(batch, net.epochCount());
                }
                lossSum += batchLoss * n;
                seen += n;
                observer.batchFinished(++batchIndex, lossSum / seen);
                curves.batchFinished(epoch, batchIndex, train.batchCount(), batchLoss);
            }
        }
        curves.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        String timing = replicas == null ? null : replicas.takeTiming();
        if (timing != null) {
            observer.message(timing);
        }
        return new Result(lossSum / seen, seen, seconds);
    }
}
