package org.cnnworkbench.engine.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnworkbench.engine.network.Network;
import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.nd4j.NativeThreads;
import org.cnnworkbench.engine.spec.TrainingSettings;

/**
 * How many synchronous replicas ({@link ReplicaTrainer}) a trial trains with, and how many native
 * threads each, from {@code training.replicas} and {@code training.threads}.
 *
 * <p>{@code auto} takes the cores left to the trial: {@code OMP_NUM_THREADS} when set (the local
 * sweep launcher sets it to each worker's share, so a sweep with as many workers as cores keeps one
 * replica per trial), else the Slurm task's cores, else the machine's; a sweep's trial that starts alone at
 * the end of its sweep gets the cores of its launch's idle workers instead ({@link TrialHooks#cores()}). It uses one replica per core,
 * at most one per {@value #MIN_SHARD} examples of the batch (smaller shards waste the replicas'
 * time on overhead), each replica with one native thread (measured on 2 cores: one Java thread per
 * core beats DL4J's native threads, whose Java side needs a core of its own). A trial being resumed
 * keeps the count it started with (recorded in its checkpoints), so its metrics equal an
 * uninterrupted run's. On the CUDA backend {@code auto} is one replica per visible GPU, each on its own device
 * (a worker given G GPUs trains G replicas; unverified on real GPUs: docs/gpu.md).
 *
 * @param replicas           replicas training each batch together (1 = DL4J's own {@code fit})
 * @param threadsPerReplica  native (OpenMP) threads of each replica
 * @param reason             how the count was chosen, for the run's first lines
 */
record ReplicaPlan(int replicas, int threadsPerReplica, String reason) {
    /** The fewest examples a replica's shard gets under {@code auto}. */
    static final int MIN_SHARD = 16;

    /**
     * The plan for {@code training}; {@code resumedWith} is the count a resumed trial started with
     * (null for a new trial), which wins over the setting.
     */
    static ReplicaPlan choose(TrainingSettings training, Integer resumedWith) {
        return choose(training, resumedWith, java.util.OptionalInt.empty());
    }

    /**
     * As {@link #choose(TrainingSettings, Integer)}, with {@code cores} for the trial when its caller knows them
     * ({@link TrialHooks#cores()}: a sweep's last trial alone on its launch's cores), else from the environment.
     */
    static ReplicaPlan choose(TrainingSettings training, Integer resumedWith, java.util.OptionalInt given) {
        int cores = given.isPresent() ? Math.max(1, given.getAsInt()) : NativeThreads.trialCores();
        int replicas;
        String reason;
        if (resumedWith != null) {
            replicas = resumedWith;
            reason = "as the trial started";
        } else if (training.replicaCount().isPresent()) {
            replicas = training.replicaCount().getAsInt();
            reason = "training.replicas";
        } else if (!Backend.isCpu()) {
            // One replica per visible GPU (a worker given G GPUs: CUDA_VISIBLE_DEVICES lists G), each on its own device
            // (ReplicaTrainer.devicesFor); on one GPU, one replica: more would only queue on it.
            int gpus = org.nd4j.linalg.factory.Nd4j.getAffinityManager().getNumberOfDevices();
            replicas = Math.max(1, Math.min(gpus, training.batchSize() / MIN_SHARD));
            reason = "auto: " + gpus + " GPU" + (gpus == 1 ? "" : "s") + " for the trial, one replica per GPU, batch "
                    + training.batchSize();
        } else {
            int perReplica = Math.max(1, training.threads());
            replicas = auto(cores, perReplica, training.batchSize());
            reason = "auto: " + cores + " core" + (cores == 1 ? "" : "s") + " for the trial"
                    + (given.isPresent() ? " (alone at the end of its sweep: the idle workers' cores)" : "")
                    + ", batch " + training.batchSize();
        }
        if (replicas == 1) {
            // One replica trains as before the replicas existed: threads from training.threads or the cores.
            return new ReplicaPlan(1, training.threads() > 0 ? training.threads() : NativeThreads.automatic(), reason);
        }
        int threads = training.threads() > 0 ? training.threads() : Math.max(1, cores / replicas);
        return new ReplicaPlan(replicas, threads, reason);
    }

    /** {@code auto}'s count: one replica per {@code threadsPerReplica} cores, at most one per {@value #MIN_SHARD} examples. */
    static int auto(int cores, int threadsPerReplica, int batchSize) {
        return Math.max(1, Math.min(cores / threadsPerReplica, batchSize / MIN_SHARD));
    }

    /**
     * Sets the native threads of the calling thread (and ND4J's default) to {@link #threadsPerReplica()}; with
     * replicas, libnd4j's own parallel loops and BLAS too ({@link NativeThreads#limitLoops}), so that N replicas
     * use N x threads cores and their results do not depend on OMP_NUM_THREADS. Returns the native thread count.
     */
    int applyThreads() {
        int threads = NativeThreads.apply(threadsPerReplica);
        if (replicas > 1) {
            NativeThreads.limitLoops(threadsPerReplica);
        }
        return threads;
    }

    /**
     * The plan for {@code network}: a graph trains as one replica on all of this plan's threads, since
     * {@link ReplicaTrainer} takes layer stacks only; a stack keeps this plan.
     */
    ReplicaPlan forNetwork(Network network) {
        if (replicas == 1 || !network.isGraph()) {
            return this;
        }
        return new ReplicaPlan(1, replicas * threadsPerReplica, reason + "; one replica, as replicas train layer stacks only");
    }

    /**
     * Sets the native threads for a plan that {@link #forNetwork} turned into one replica: libnd4j's own
     * loops, which the replicas' plan had capped at one replica's threads, get all of them again.
     */
    int applyGraphThreads() {
        int threads = NativeThreads.apply(threadsPerReplica);
        NativeThreads.limitLoops(threadsPerReplica);
        return threads;
    }

    /** For the run's first lines: {@code replicas 2 x 1 thread (auto: ...)}. */
    String line() {
        return "replicas " + replicas + " x " + threadsPerReplica + " thread" + (threadsPerReplica == 1 ? "" : "s")
                + " (" + reason + ")";
    }

    /** For the run's provenance. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("replicas", replicas);
        m.put("threads_per_replica", threadsPerReplica);
        m.put("chosen", reason);
        return m;
    }
}
