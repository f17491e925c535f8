package org.cnnworkbench.engine.spec;

import java.util.List;
import org.cnnworkbench.api.ParamSpec;
import org.cnnworkbench.api.Params;

/**
 * The {@code training:} section of an experiment file: declared like plugin parameters (so the same
 * validation, listing and errors apply), with Keras' defaults where Keras has one.
 *
 * @param decay       Keras' legacy {@code decay}: the learning rate at iteration t is
 *                    {@code learning_rate / (1 + decay * t)}; 0 keeps it constant
 * @param weightInit  initialisation of weights; {@code xavier_uniform} is Keras' glorot_uniform
 * @param threads     native (OpenMP) threads for training; 0 chooses from the cores
 * @param fastBackprop whether the training loop may swap in its faster backward passes (ReLU, and the
 *                     first convolution without the input gradient); false trains with DL4J's own
 * @param replicas    {@code auto} or a count N of synchronous data-parallel replicas (each batch split into N
 *                    shards, one update; see docs/experiments.md)
 * @param logEveryNBatches {@code auto} (about 100 points per epoch: every {@code max(1, batches / 100)} batches),
 *                    an integer N from 1 (record {@code batch_loss} and {@code batch_accuracy} every N batches)
 *                    or 0 (per-batch curves off)
 */
public record TrainingSettings(int epochs, int batchSize, String optimizer, double learningRate, double momentum,
                               double decay, double l2, String weightInit, long seed, int threads, boolean fastBackprop,
                               String replicas, String logEveryNBatches) {

    /** The {@code replicas} value that lets the engine choose from the cores left to the trial. */
    public static final String AUTO = "auto";
    /** The most replicas a trial may ask for. */
    public static final int MAX_REPLICAS = 256;

    /** The declared settings of the {@code training:} section. */
    public static final List<ParamSpec> DECLARED = List.of(
            ParamSpec.integer("epochs", 10, 1, 100_000, "number of passes over the training data"),
            ParamSpec.integer("batch_size", 32, 1, 65_536, "samples per gradient step"),
            ParamSpec.choice("optimizer", "adam",
                    List.of("sgd", "adam", "rmsprop", "nesterovs", "adagrad", "adadelta", "adamax", "nadam"),
                    "the optimizer (Keras' defaults for its other settings)"),
            ParamSpec.number("learning_rate", 0.001, 1e-9, 10, "initial learning rate"),
            ParamSpec.number("momentum", 0.9, 0, 0.999, "momentum of the nesterovs optimizer"),
            ParamSpec.number("decay", 0.0, 0, 1, "Keras' legacy per-iteration decay: lr / (1 + decay * iteration)"),
            ParamSpec.number("l2", 0.0, 0, 1, "L2 factor on every layer's weights, as Keras counts it (l2 * sum of squares)"),
            ParamSpec.choice("weight_init", "xavier_uniform",
                    List.of("xavier_uniform", "xavier", "he_uniform", "he", "lecun_uniform", "lecun_normal"),
                    "weight initialisation (xavier_uniform = Keras' glorot_uniform)"),
            ParamSpec.integer("seed", 42, 0, Integer.MAX_VALUE, "seed of initialisation, shuffling, splits and augmentation"),
            ParamSpec.integer("threads", 0, 0, 256, "native threads for training; 0 = choose from the cores"),
            ParamSpec.bool("fast_backprop", true, "faster backward passes for ReLU layers and the first convolution; "
                    + "false = DL4J's own"),
            ParamSpec.string("replicas", AUTO, "synchronous data-parallel replicas, each on its own thread: auto or "
                    + "an integer 1-" + MAX_REPLICAS + " (auto = choose from the cores left to the trial)"),
            ParamSpec.string("log_every_n_batches", AUTO, "record batch_loss and batch_accuracy every N batches: auto "
                    + "(about 100 points per epoch), an integer N of 1 or more, or 0 = off"));

    /** Settings with {@code replicas: auto}. */
    public TrainingSettings(int epochs, int batchSize, String optimizer, double learningRate, double momentum, double decay,
                            double l2, String weightInit, long seed, int threads, boolean fastBackprop) {
        this(epochs, batchSize, optimizer, learningRate, momentum, decay, l2, weightInit, seed, threads, fastBackprop, AUTO);
    }

    /** Settings with {@code log_every_n_batches: auto}. */
    public TrainingSettings(int epochs, int batchSize, String optimizer, double learningRate, double momentum, double decay,
                            double l2, String weightInit, long seed, int threads, boolean fastBackprop, String replicas) {
        this(epochs, batchSize, optimizer, learningRate, momentum, decay, l2, weightInit, seed, threads, fastBackprop,
                replicas, AUTO);
    }

    static TrainingSettings from(Params p) {
        return new TrainingSettings(p.getInt("epochs"), p.getInt("batch_size"), p.getString("optimizer"),
                p.getDouble("learning_rate"), p.getDouble("momentum"), p.getDouble("decay"), p.getDouble("l2"),
                p.getString("weight_init"), p.getInt("seed"), p.getInt("threads"), p.getBoolean("fast_backprop"),
                p.getString("replicas").trim(), p.getString("log_every_n_batches").trim());
    }

    /**
     * Why {@code value} is not a valid {@code replicas} setting, or null when it is ({@code auto}, or an
     * integer from 1 to {@link #MAX_REPLICAS}).
     */
    static String replicasProblem(String value) {
        String v = value == null ? "" : value.trim();
        if (v.equals(AUTO)) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_REPLICAS) {
                return null;
            }
        } catch (NumberFormatException e) {
            // Described below.
        }
        return "parameter 'replicas' of the training section is '" + v + "', which is not allowed. Allowed: auto, or "
                + "an integer from 1 to " + MAX_REPLICAS + " (the number of replicas training each batch together).";
    }

    /**
     * Why {@code value} is not a valid {@code log_every_n_batches} setting, or null when it is ({@code auto}, or an
     * integer of 0 or more).
     */
    static String logEveryProblem(String value) {
        String v = value == null ? "" : value.trim();
        if (v.equals(AUTO)) {
            return null;
        }
        try {
            if (Integer.parseInt(v) >= 0) {
                return null;
            }
        } catch (NumberFormatException e) {
            // Described below.
        }
        return "parameter 'log_every_n_batches' of the training section is '" + v + "', which is not allowed. Allowed: "
                + "auto (about 100 points per epoch), an integer N of 1 or more (record batch_loss and batch_accuracy "
                + "every N batches), or 0 (off).";
    }

    /**
     * How many batches apart the per-batch points of an epoch of {@code batches} batches are: N, or
     * {@code max(1, batches / 100)} for {@code auto}; 0 when they are off.
     */
    public int logEvery(int batches) {
        return logEveryNBatches.equals(AUTO) ? Math.max(1, batches / 100) : Integer.parseInt(logEveryNBatches);
    }

    /** The requested replica count, or empty for {@code auto}. */
    public java.util.OptionalInt replicaCount() {
        return replicas.equals(AUTO) ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(replicas));
    }
}
