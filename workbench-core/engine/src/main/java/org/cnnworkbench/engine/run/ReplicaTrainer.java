package org.cnnworkbench.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cnnworkbench.engine.nd4j.NativeThreads;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Synchronous data-parallel training of one network by N replicas in one JVM (issue 19), the way
 * PyTorch's DistributedDataParallel does it, not DL4J's {@code ParallelWrapper} (which averages
 * parameters or shares thresholded updates and so changes the training).
 *
 * <p>Replica 0 is the trial's network itself (the one evaluated, checkpointed and saved); replicas
 * 1..N-1 are copies of its configuration that <em>share its parameter array</em> (no copy after a
 * step: they read the parameters the one update wrote). Each replica has its own gradient array,
 * its own layers (so the training loop's faster backward passes are installed on each) and its own
 * Java thread, on which the native (OpenMP) thread count is set per thread; replica 0 runs on the
 * calling thread.
 *
 * <p>One step: the batch of n examples is split into shards of ceil(n/N) examples, the last one
 * smaller (or fewer shards when n &lt; N). Each replica computes the gradient of its shard without
 * updating (DL4J's gradient is the <em>sum</em> over the shard's examples; its updater divides by the
 * batch size). The shards' gradients are added into replica 0's in replica order (a fixed order, so
 * runs repeat bit for bit), and replica 0's updater, the only one, takes one step with the whole
 * batch's size: the mean gradient of the whole batch, the same mathematics as one replica up to float
 * rounding. Regularization is applied once, by that updater. The loss is the shard losses' mean
 * weighted by shard size.
 *
 * <p>Batch normalization: each replica normalizes its own shard (as DDP without SyncBatchNorm). DL4J
 * moves a layer's running mean and variance through their "gradient" (decay × the difference to the
 * shard's statistics) with no division by the batch size, so for those parameters the shards'
 * values are averaged, weighted by shard size, instead of added: one set of running statistics that
 * moves toward the shard-size-weighted mean of the shards' statistics.
 *
 * <p>Randomness inside the network (dropout) uses ND4J's per-thread generator: each shard's thread
 * seeds it from the trial's seed, the epoch, the step and the shard, so it repeats for the same seed
 * and replica count. Augmentation is applied to the whole batch before it is split, so it does not
 * depend on the replica count at all.
 *
 * <p>On several GPUs (the CUDA backend with more than one visible device, {@link #onDevices}) each replica's
 * thread is attached to its own device before anything is allocated on it, and the replicas cannot share
 * one parameter array: each holds its own copy on its device. The step is the same, plus two copies: each
 * replica's gradient is copied to replica 0's device before it is added, and before each step replica 0's
 * parameters are copied to every replica, on the replica's own thread (so weights a callback restored
 * between steps reach them too). The same code runs on the CPU with
 * per-replica copies (a test checks that it matches the shared array), but nothing of it has run on a GPU.
 *
 * <p>Only {@code MultiLayerNetwork} for now. A step uses only what a {@code ComputationGraph} offers too
 * (a configuration to clone, {@code init(params, false)}, {@code computeGradientAndScore},
 * {@code getFlattenedGradients}, the updater's {@code update} and {@code params}; its updater is a
 * {@code ComputationGraphUpdater}), so graphs need the network type abstracted, not another design.
 */
final class ReplicaTrainer implements AutoCloseable {
    private final MultiLayerNetwork master;
    private final List<MultiLayerNetwork> replicas;
    private final List<ExecutorService> threads;
    private final List<String> statisticKeys;
    private final long seed;
    /** Replica r's device (CUDA), or null: every replica shares replica 0's parameter array (CPU). */
    private final List<Integer> devices;
    private long copyNanos;
    private final LayerWorkspaceMgr updaterWorkspaces = LayerWorkspaceMgr.noWorkspaces();
    /** Where the steps' time went since {@link #takeTiming()}, in nanoseconds. */
    private long splitNanos;
    private long ownNanos;
    private long waitNanos;
    private long combineNanos;
    private long updateNanos;
    private long stepNanos;
    private long steps;

    /** The work of one replica on one step. */
    private record ShardResult(double score, int examples) {
    }

    /**
     * Replicas of {@code master}; {@code nativeThreadsPerReplica} native threads each; {@code seed} is the
     * trial's (for dropout).
     */
    ReplicaTrainer(MultiLayerNetwork master, int count, int nativeThreadsPerReplica, long seed) {
        this(master, count, nativeThreadsPerReplica, seed, null);
    }

    /**
     * As {@link #ReplicaTrainer(MultiLayerNetwork, int, int, long)}, with {@code devices} (one per replica, replica 0's
     * first: the device of the calling thread) when each replica keeps its own parameters on its own device; null
     * when the replicas share replica 0's parameter array.
     */
    ReplicaTrainer(MultiLayerNetwork master, int count, int nativeThreadsPerReplica, long seed, List<Integer> devices) {
        if (count < 2) {
            throw new IllegalArgumentException("replica training needs at least 2 replicas, found " + count);
        }
        if (devices != null && devices.size() != count) {
            throw new IllegalArgumentException(count + " replicas need " + count + " devices, found " + devices);
        }
        this.master = master;
        this.seed = seed;
        this.devices = devices == null ? null : List.copyOf(devices);
        this.replicas = new ArrayList<>();
        this.threads = new ArrayList<>();
        replicas.add(master);
        for (int r = 1; r < count; r++) {
            int index = r;
            ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "workbench-replica-" + index);
                t.setDaemon(true);
                return t;
            });
            threads.add(thread);
            MultiLayerNetwork replica = new MultiLayerNetwork(master.getLayerWiseConfigurations().clone());
            if (devices == null) {
                // Shares replica 0's parameter array: the one update is seen by every replica.
                replica.init(master.params(), false);
                thread.submit(() -> NativeThreads.applyToThisThread(nativeThreadsPerReplica));
            } else {
                // Its thread attached to its device first, then its own copy of the parameters made there.
                int device = devices.get(r);
                await(thread.submit(() -> {
                    Nd4j.getAffinityManager().unsafeSetDevice(device);
                    NativeThreads.applyToThisThread(nativeThreadsPerReplica);
                    replica.init(copyTo(device, master.params()), false);
                    return null;
                }));
            }
            replicas.add(replica);
        }
        this.statisticKeys = statisticKeys(master);
    }

    /**
     * The devices for {@code count} replicas when the backend has several (CUDA): the calling thread's first, then
     * the others in order; null on the CPU (or one device), where the replicas share one parameter array.
     */
    static List<Integer> devicesFor(int count) {
        var affinity = Nd4j.getAffinityManager();
        int available = affinity.getNumberOfDevices();
        if (org.cnnworkbench.engine.nd4j.Backend.isCpu() || available < 2 || count < 2) {
            return null;
        }
        if (count > available) {
            throw new IllegalArgumentException(count + " replicas on the GPU backend need as many GPUs; " + available
                    + " are visible (CUDA_VISIBLE_DEVICES)");
        }
        int own = affinity.getDeviceForCurrentThread();
        List<Integer> order = new ArrayList<>(List.of(own));
        for (int d = 0; d < available && order.size() < count; d++) {
            if (d != own) {
                order.add(d);
            }
        }
        return order;
    }

    /** A copy of {@code array} on {@code device}, never the array itself (so a replica's parameters are its own). */
    private static INDArray copyTo(int device, INDArray array) {
        INDArray moved = Nd4j.getAffinityManager().replicateToDevice(device, array);
        return moved == null || moved == array ? array.dup() : moved;
    }

    /** {@code array} where {@code device}'s ops may read it: itself on the CPU, else a copy on that device. */
    private static INDArray on(int device, INDArray array) {
        INDArray moved = Nd4j.getAffinityManager().replicateToDevice(device, array);
        return moved == null ? array : moved;
    }

    /** Every replica, replica 0 (the trial's network) first. */
    List<MultiLayerNetwork> networks() {
        return replicas;
    }

    /** Gives every replica the trial network's listeners (the training accuracy counts every shard). */
    void shareListeners() {
        for (int r = 1; r < replicas.size(); r++) {
            replicas.get(r).setListeners(master.getListeners());
        }
    }

    /**
     * One synchronous step on {@code batch}: the gradients of its shards, one update.
     *
     * @return the batch's mean loss (shard losses weighted by shard size)
     */
    double fit(DataSet batch, int epoch) {
        if (devices != null) {
            // Replica 0's parameters as they are now (the last update, or weights a callback restored) to every copy.
            long copyStart = System.nanoTime();
            copyParameters();
            copyNanos += System.nanoTime() - copyStart;
        }
        long start = System.nanoTime();
        int n = batch.numExamples();
        int shardSize = (n + replicas.size() - 1) / replicas.size();
        int shards = (n + shardSize - 1) / shardSize;
        int iteration = master.getIterationCount();
        List<Future<ShardResult>> pending = new ArrayList<>();
        for (int s = 1; s < shards; s++) {
            MultiLayerNetwork replica = replicas.get(s);
            DataSet shard = shard(batch, s * shardSize, Math.min(n, (s + 1) * shardSize));
            long shardSeed = shardSeed(epoch, iteration, s);
            Integer device = devices == null ? null : devices.get(s);
            double weight = (double) shard.numExamples() / n;
            pending.add(threads.get(s - 1).submit(() -> gradient(replica, device == null ? shard
                    : new DataSet(on(device, shard.getFeatures()), on(device, shard.getLabels())), shardSeed, iteration, epoch,
                    weight)));
        }
        DataSet own = shard(batch, 0, Math.min(n, shardSize));
        long split = System.nanoTime();
        List<ShardResult> results = new ArrayList<>();
        results.add(gradient(master, own, shardSeed(epoch, iteration, 0), iteration, epoch, (double) own.numExamples() / n));
        long computed = System.nanoTime();
        for (Future<ShardResult> f : pending) {
            results.add(await(f));
        }
        long waited = System.nanoTime();
        Gradient gradient = master.gradient();
        INDArray sum = master.getFlattenedGradients();
        for (int s = 1; s < shards; s++) {
            sum.addi(devices == null ? replicas.get(s).getFlattenedGradients()
                    : on(devices.get(0), replicas.get(s).getFlattenedGradients()));
        }
        long combined = System.nanoTime();
        master.getUpdater().update(master, gradient, iteration, epoch, n, updaterWorkspaces);
        INDArray params = master.params();
        params.subi(sum.reshape(params.shape()));
        master.setIterationCount(iteration + 1);
        master.applyConstraints(iteration, epoch);

        double loss = 0;
        for (ShardResult r : results) {
            loss += r.score() * r.examples();
        }
        long end = System.nanoTime();
        splitNanos += split - start;
        ownNanos += computed - split;
        waitNanos += waited - computed;
        combineNanos += combined - waited;
        updateNanos += end - combined;
        stepNanos += end - start;
        steps++;
        return loss / n;
    }

    /**
     * Where the steps' time went since the last call, for the run's log and bench/overhead.sh: the replica
     * machinery's own cost (splitting the batch and handing the shards over, waiting for the other replicas
     * after replica 0's own shard, adding the gradients) beside replica 0's forward/backward and the one update
     * (which one replica's {@code fit} does too). Null before the first step.
     */
    String takeTiming() {
        if (steps == 0) {
            return null;
        }
        double ms = 1e6 * steps;
        long machinery = splitNanos + waitNanos + combineNanos + copyNanos;
        long total = stepNanos + copyNanos;
        String text = String.format(java.util.Locale.ROOT, "Replicas: %d steps, %.2f ms per step: replica 0's forward/backward "
                        + "%.2f ms, update %.2f ms; replica machinery %.2f ms (%.1f %%): split %.2f, wait for the other "
                        + "replicas %.2f, add gradients %.2f", steps, total / ms, ownNanos / ms, updateNanos / ms,
                machinery / ms, 100.0 * machinery / total, splitNanos / ms, waitNanos / ms, combineNanos / ms)
                + (devices == null ? "." : String.format(java.util.Locale.ROOT, ", copy parameters to the replicas %.2f.",
                copyNanos / ms));
        splitNanos = ownNanos = waitNanos = combineNanos = updateNanos = copyNanos = stepNanos = steps = 0;
        return text;
    }

    /** Replica 0's new parameters into every other replica's own copy, each on its own thread (and device). */
    private void copyParameters() {
        INDArray params = master.params();
        List<Future<Object>> copies = new ArrayList<>();
        for (int r = 1; r < replicas.size(); r++) {
            MultiLayerNetwork replica = replicas.get(r);
            int device = devices.get(r);
            copies.add(threads.get(r - 1).submit(() -> {
                replica.params().assign(on(device, params));
                return null;
            }));
        }
        copies.forEach(ReplicaTrainer::await);
    }

    /**
     * The gradient of {@code shard} on the calling thread (the replica's), its running statistics already weighted by
     * the shard's share {@code weight} of the batch (they are averaged, not added).
     */
    private ShardResult gradient(MultiLayerNetwork replica, DataSet shard, long shardSeed, int iteration, int epoch,
                                 double weight) {
        Nd4j.getRandom().setSeed(shardSeed);
        replica.setIterationCount(iteration);
        replica.setEpochCount(epoch);
        replica.setInput(shard.getFeatures());
        replica.setLabels(shard.getLabels());
        replica.computeGradientAndScore();
        scaleStatistics(replica.gradient(), weight);
        return new ShardResult(replica.score(), shard.numExamples());
    }

    private long shardSeed(int epoch, int iteration, int shard) {
        return ((seed * 31L + epoch) * 1_000_003L + iteration) * 131L + shard;
    }

    private static DataSet shard(DataSet batch, int from, int to) {
        if (from == 0 && to == batch.numExamples()) {
            return batch;
        }
        return new DataSet(rows(batch.getFeatures(), from, to), rows(batch.getLabels(), from, to));
    }

    private static INDArray rows(INDArray array, int from, int to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] all = new org.nd4j.linalg.indexing.INDArrayIndex[array.rank()];
        all[0] = NDArrayIndex.interval(from, to);
        for (int d = 1; d < all.length; d++) {
            all[d] = NDArrayIndex.all();
        }
        return array.get(all).dup('c');
    }

    /** The running-statistics parameters (batch normalization's mean and variance): averaged, not added. */
    private void scaleStatistics(Gradient gradient, double weight) {
        Map<String, INDArray> byName = gradient.gradientForVariable();
        for (String key : statisticKeys) {
            INDArray g = byName.get(key);
            if (g != null) {
                g.muli(weight);
            }
        }
    }

    private static List<String> statisticKeys(MultiLayerNetwork net) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayerWiseConfigurations().getConf(i).getLayer() instanceof BatchNormalization) {
                keys.add(i + "_" + BatchNormalizationParamInitializer.GLOBAL_MEAN);
                keys.add(i + "_" + BatchNormalizationParamInitializer.GLOBAL_VAR);
                keys.add(i + "_" + BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            }
        }
        return keys;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a replica", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a replica failed", e.getCause());
        }
    }

    @Override
    public void close() {
        threads.forEach(ExecutorService::shutdownNow);
    }
}
