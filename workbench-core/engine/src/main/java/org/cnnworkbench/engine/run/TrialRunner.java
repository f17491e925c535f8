package org.cnnworkbench.engine.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cnnworkbench.api.Augmentation;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.api.InputShape;
import org.cnnworkbench.api.MetricKeys;
import org.cnnworkbench.api.PluginInputException;
import org.cnnworkbench.api.TrainingCallback;
import org.cnnworkbench.engine.Digests;
import org.cnnworkbench.engine.ErrorCode;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.nd4j.Backend;
import org.cnnworkbench.engine.nd4j.NativeThreads;
import org.cnnworkbench.engine.spec.Configured;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunStore;
import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one trial of a validated experiment: loads the data, builds the network, records the run,
 * trains epoch by epoch (validation after each; every epoch committed as it ends; callbacks
 * after), evaluates on the test split and saves the model under the workbench home.
 *
 * <p>A user's mistake found before training (data that cannot be read, a shape the architecture
 * cannot take) is a {@link WorkbenchException} and records no run. Once the run is recorded,
 * any failure marks it failed with the stack trace and is rethrown as {@link TrialFailedException}.
 */
public final class TrialRunner {
    /** Set once the process's first training batch has started, so that only that one reports the start-up time. */
    private static final AtomicBoolean FIRST_BATCH_OF_PROCESS = new AtomicBoolean();
    private final RunStore store;
    private final Path home;
    private final TrainingObserver observer;

    public TrialRunner(RunStore store, Path home, TrainingObserver observer) {
        this.store = store;
        this.home = home;
        this.observer = observer;
    }

    /** A validated, initialised network ready to train, with its data. */
    public record Prepared(ExperimentSpec spec, DatasetSplits data, MultiLayerNetwork network, ModelSummary summary,
                           List<ImageTransform> transforms, List<EpochListener> listeners) {
        public MultiLayerConfiguration configuration() {
            return network.getLayerWiseConfigurations();
        }
    }

    /**
     * Loads the data and creates the network (seeded by the trial); records nothing. Used by
     * {@code run} and {@code check}; {@code home} is where earlier runs' models are found.
     */
    public static Prepared prepare(ExperimentSpec spec, Path home) {
        Backend.load();
        List<ImageTransform> transforms = createTransforms(spec);
        List<EpochListener> listeners = createListeners(spec);
        DatasetSplits data = loadData(spec);
        if (data.shape().kind() != InputShape.Kind.IMAGE && !transforms.isEmpty()) {
            throw new WorkbenchException(ErrorCode.INVALID_PARAMETER, where(spec) + ": dataset '" + spec.dataset().id()
                    + "' gives sequences (" + data.shape() + "), but augmentations transform images; remove the augmentations.");
        }
        Nd4j.getRandom().setSeed(spec.training().seed());
        MultiLayerNetwork net = createNetwork(spec, data.shape(), data.classCount(), home);
        ModelSummary summary;
        try {
            summary = ModelSummary.of(net.getLayerWiseConfigurations(), data.shape().toInputType());
        } catch (DL4JException | IllegalStateException | IllegalArgumentException e) {
            throw shapeProblem(spec, data.shape(), e);
        }
        return new Prepared(spec, data, net, summary, transforms, listeners);
    }

    public RunResult run(ExperimentSpec spec) {
        return run(spec, TrialHooks.NONE);
    }

    /** Records a new run of {@code spec} and trains it. */
    public RunResult run(ExperimentSpec spec, TrialHooks hooks) {
        int threads = NativeThreads.apply(spec.training().threads());
        Prepared prepared = prepare(spec, home);
        String runId = store.startRun(newRun(spec, prepared, threads));
        hooks.started(runId);
        return train(runId, prepared, hooks, List.of());
    }

    /**
     * Trains the run {@code runId}, whose row exists already (a sweep's trial, or a run being
     * resumed), with {@code spec}: epochs recorded before continue from the checkpoint of the last
     * one. Anything that goes wrong, a user's mistake included, fails this run.
     */
    public RunResult execute(String runId, ExperimentSpec spec, TrialHooks hooks) {
        Prepared prepared;
        List<EpochMetrics> recorded;
        try {
            // Recorded first, so that a trial whose data or network cannot be prepared still shows what it was.
            store.describeRun(runId, new NewRun(spec.name(), Json.write(spec.resolved()), Json.write(spec.overrides()),
                    spec.training().seed(), "{}", spec.file() == null ? null : spec.file().toString()));
            int threads = NativeThreads.apply(spec.training().threads());
            prepared = prepare(spec, home);
            store.describeRun(runId, newRun(spec, prepared, threads));
            recorded = store.epochs(runId);
        } catch (RuntimeException | Error e) {
            fail(runId, e);
            throw new TrialFailedException(runId, e);
        }
        return train(runId, prepared, hooks, recorded);
    }

    private static NewRun newRun(ExperimentSpec spec, Prepared prepared, int threads) {
        return new NewRun(spec.name(), Json.write(spec.resolved()), Json.write(spec.overrides()),
                spec.training().seed(), Json.write(Provenance.of(spec, prepared.data().digest(), threads)),
                spec.file() == null ? null : spec.file().toString());
    }

    private RunResult train(String runId, Prepared prepared, TrialHooks hooks, List<EpochMetrics> recorded) {
        try {
            return train(runId, prepared, prepared.network(), hooks, recorded);
        } catch (TrialInterruptedException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            fail(runId, e);
            throw new TrialFailedException(runId, e);
        }
    }

    private void fail(String runId, Throwable e) {
        try {
            store.finishRun(runId, new RunOutcome(RunStatus.FAILED, null, null, "{}", stackTrace(e),
                    firstLine(String.valueOf(e.getMessage()))));
        } catch (IllegalStateException ended) {
            // Cancelled (or ended) meanwhile: its end is already recorded.
            e.addSuppressed(ended);
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private RunResult train(String runId, Prepared prepared, MultiLayerNetwork net, TrialHooks hooks,
                            List<EpochMetrics> recorded) {
        ExperimentSpec spec = prepared.spec();
        DatasetSplits data = prepared.data();
        Path runDir = home.resolve("runs").resolve(runId);
        Checkpoints checkpoints = new Checkpoints(runDir);
        Map<String, Object> metadata = modelMetadata(spec, data);
        int done = recorded.size();
        boolean replayFromScratch = false;
        if (done > 0) {
            var restored = checkpoints.restore(done);
            if (restored.isPresent()) {
                net = restored.get();
                observer.message("Resuming run " + runId + " after epoch " + done + " from its checkpoint.");
            } else {
                replayFromScratch = true;
                observer.message("Run " + runId + " has " + done + " recorded epochs but no checkpoint of epoch " + done
                        + "; training again from the start (recorded epochs are kept, not written twice).");
            }
        }
        int batchSize = spec.training().batchSize();
        boolean binary = NetworkFactory.binaryHead(prepared.configuration());
        BatchStream train = new BatchStream(data.train(), data.shape(), data.classCount(), binary, batchSize);
        BatchStream validation = data.validation() == null || data.validation().size() == 0 ? null
                : new BatchStream(data.validation(), data.shape(), data.classCount(), binary, batchSize);
        BatchStream test = data.test() == null || data.test().size() == 0 ? null
                : new BatchStream(data.test(), data.shape(), data.classCount(), binary, batchSize);
        observer.started(runId, prepared.summary(), train.size(), validation == null ? 0 : validation.size(),
                test == null ? 0 : test.size());
        if (validation == null) {
            observer.message("No validation data: val_loss and val_accuracy are not recorded (set validation_split or validation files).");
        }
        TrainAccuracyListener accuracy = new TrainAccuracyListener();
        net.setListeners(accuracy);
        MultiLayerNetwork trained = net;
        TrialControl control = new TrialControl(net, spec.training().epochs(), observer::message,
                fileName -> saveArtifact(runId, trained, runDir.resolve(fileName), "checkpoint", metadata));
        List<ImageTransform> transforms = prepared.transforms();
        List<EpochListener> listeners = prepared.listeners();
        List<String> names = callbackNames(spec);
        for (int i = 0; i < listeners.size(); i++) {
            control.speaking(names.get(i));
            listeners.get(i).onTrainStart(control);
        }

        List<EpochMetrics> epochs = new ArrayList<>();
        int first = 1;
        if (done > 0 && !replayFromScratch) {
            // Callbacks see the recorded epochs again, so their state (best value, patience) is as before the crash.
            control.replaying(true);
            for (EpochMetrics metrics : recorded) {
                control.epochFinished(metrics);
                for (int i = 0; i < listeners.size(); i++) {
                    control.speaking(names.get(i));
                    listeners.get(i).onEpochEnd(metrics, control);
                }
                control.takeExtraMetrics();
                epochs.add(metrics);
            }
            control.replaying(false);
            first = done + 1;
        }
        String pruned = null;
        for (int epoch = first; epoch <= spec.training().epochs() && control.stopReason() == null; epoch++) {
            double lr = control.learningRate();
            observer.epochStarted(epoch, spec.training().epochs(), train.batchCount());
            // The random state of an epoch depends only on the seed and the epoch: a resumed run repeats it.
            Nd4j.getRandom().setSeed(spec.training().seed() * 7_919L + epoch);
            long start = System.nanoTime();
            double lossSum = 0;
            long seen = 0;
            int batchIndex = 0;
            try (ReluBackprop fastRelu = ReluBackprop.install(net);
                    InputGradientSkip noInputGradient = InputGradientSkip.install(net);
                    BatchStream.Prefetcher batches = train.trainingEpoch(spec.training().seed() * 1_000_003L + epoch, transforms)) {
                while (batches.hasNext()) {
                    TrialHooks.Interruption interruption = hooks.interruption();
                    if (interruption != null) {
                        throw new TrialInterruptedException(runId, interruption);
                    }
                    DataSet batch = batches.next();
                    if (batchIndex == 0 && !FIRST_BATCH_OF_PROCESS.getAndSet(true)) {
                        observer.message(String.format(java.util.Locale.ROOT, "First training batch %.2f s after the JVM started.",
                                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
                    }
                    net.fit(batch);
                    int n = batch.numExamples();
                    lossSum += net.score() * n;
                    seen += n;
                    observer.batchFinished(++batchIndex, lossSum / seen);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            net.incrementEpochCount();
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(MetricKeys.LOSS, lossSum / seen);
            values.put(MetricKeys.ACCURACY, accuracy.accuracyAndReset());
            if (validation != null) {
                Scorer.Score score = Scorer.score(net, validation.inOrder(), data.classNames(), false);
                values.put(MetricKeys.VAL_LOSS, score.loss());
                values.put(MetricKeys.VAL_ACCURACY, score.accuracy());
            }
            values.put(MetricKeys.LR, lr);
            values.put(MetricKeys.EPOCH_SECONDS, seconds);
            values.put(MetricKeys.SAMPLES_PER_SECOND, seen / seconds);
            EpochMetrics metrics = new EpochMetrics(epoch, values);
            control.epochFinished(metrics);
            observer.epochFinished(metrics);
            for (int i = 0; i < listeners.size(); i++) {
                control.speaking(names.get(i));
                listeners.get(i).onEpochEnd(metrics, control);
            }
            Map<String, Double> extra = control.takeExtraMetrics();
            if (!extra.isEmpty()) {
                Map<String, Double> all = new LinkedHashMap<>(values);
                all.putAll(extra);
                metrics = new EpochMetrics(epoch, all);
            }
            if (epoch > done) {
                checkpoints.write(net, epoch, metadata);
                store.recordEpoch(runId, epoch, metrics.values());
                checkpoints.committed(epoch);
            }
            epochs.add(metrics);
            // Pruning saves the epochs still to come: after the last one there is nothing to save, and a
            // completed trial keeps its test evaluation.
            var prune = epoch < spec.training().epochs() && control.stopReason() == null
                    ? hooks.prune(runId, metrics) : java.util.Optional.<String>empty();
            if (prune.isPresent()) {
                pruned = prune.get();
                control.stop("pruned: " + pruned);
            }
        }
        if (pruned != null) {
            observer.message("Pruned: " + pruned);
            store.finishRun(runId, new RunOutcome(RunStatus.PRUNED, null, null,
                    Json.write(Map.of("stop_reason", "pruned: " + pruned, "summary", control.summary())), null, pruned));
            checkpoints.clear();
            return new RunResult(runId, RunStatus.PRUNED, epochs, null, null, List.of(), new int[0][0],
                    data.classNames(), "pruned: " + pruned, null, prepared.summary(), control.summary());
        }
        for (int i = 0; i < listeners.size(); i++) {
            control.speaking(names.get(i));
            listeners.get(i).onTrainEnd(control);
        }

        Path modelPath = runDir.resolve("model.zip");
        saveArtifact(runId, net, modelPath, "model", metadata);

        Double testAccuracy = null;
        Double testLoss = null;
        List<RunResult.ClassReport> report = List.of();
        int[][] confusion = new int[0][0];
        if (test != null) {
            TestSamples samples = new TestSamples(data.classNames());
            Scorer.Score score = Scorer.score(net, test.inOrder(), data.classNames(), true, samples);
            testAccuracy = score.accuracy();
            testLoss = score.loss();
            report = classReport(score.evaluation(), data.classNames());
            confusion = confusion(score.evaluation(), data.classCount());
            saveSamples(runId, runDir.resolve("samples.json"), samples);
        }
        RunResult result = new RunResult(runId, RunStatus.COMPLETED, epochs, testAccuracy, testLoss, report, confusion,
                data.classNames(), control.stopReason(), modelPath, prepared.summary(), control.summary());
        store.finishRun(runId, new RunOutcome(RunStatus.COMPLETED, testAccuracy, testLoss, Json.write(resultJson(result, data)),
                null, control.stopReason()));
        checkpoints.clear();
        return result;
    }

    /** Test images with their predictions (misclassified first) for the run page, as an artifact. */
    private void saveSamples(String runId, Path file, TestSamples samples) {
        List<Map<String, Object>> list = samples.samples();
        if (list.isEmpty()) {
            return;
        }
        try {
            java.nio.file.Files.writeString(file, Json.write(list));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        String relative = home.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        store.addArtifact(runId, new Artifact("samples", relative, file.toFile().length(), Digests.sha256(file)));
    }

    private void saveArtifact(String runId, MultiLayerNetwork net, Path file, String kind, Map<String, Object> metadata) {
        try {
            ModelFiles.save(net, file, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + file, e);
        }
        String relative = home.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        store.addArtifact(runId, new Artifact(kind, relative, file.toFile().length(), Digests.sha256(file)));
    }

    private static Map<String, Object> modelMetadata(ExperimentSpec spec, DatasetSplits data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_names", data.classNames());
        InputShape shape = data.shape();
        m.put("input_shape", Map.of("kind", shape.kind().name().toLowerCase(), "channels", shape.channels(),
                "height", shape.height(), "width", shape.width()));
        m.put("dataset", spec.resolved().get("dataset"));
        m.put("architecture", spec.resolved().get("architecture"));
        return m;
    }

    private static Map<String, Object> resultJson(RunResult r, DatasetSplits data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_names", r.classNames());
        m.put("model_summary", r.summary());
        m.put("report", r.report());
        m.put("confusion", r.confusion());
        m.put("stop_reason", r.stopReason());
        m.put("summary", r.summaryValues());
        m.put("model", "runs/" + r.runId() + "/model.zip");
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("input_shape", data.shape().toString());
        d.put("train", data.train().size());
        d.put("validation", data.validation() == null ? 0 : data.validation().size());
        d.put("test", data.test() == null ? 0 : data.test().size());
        d.put("digest", data.digest());
        m.put("dataset", d);
        return m;
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

    /**
     * The trial's augmentation transforms, in file order.
     *
     * @throws WorkbenchException when an augmentation refuses its parameters (a combination the
     *                            declarations cannot express, e.g. min above max)
     */
    public static List<ImageTransform> createTransforms(ExperimentSpec spec) {
        List<ImageTransform> transforms = new ArrayList<>();
        for (int i = 0; i < spec.augmentations().size(); i++) {
            Configured<Augmentation> augmentation = spec.augmentations().get(i);
            try {
                transforms.add(augmentation.extension().create(augmentation.params()));
            } catch (PluginInputException e) {
                throw new WorkbenchException(ErrorCode.INVALID_PARAMETER, where(spec) + ": augmentations[" + i + "] ('"
                        + augmentation.id() + "'): " + e.getMessage(), e);
            }
        }
        return transforms;
    }

    private static List<EpochListener> createListeners(ExperimentSpec spec) {
        List<EpochListener> listeners = new ArrayList<>();
        for (int i = 0; i < spec.callbacks().size(); i++) {
            Configured<TrainingCallback> callback = spec.callbacks().get(i);
            try {
                listeners.add(callback.extension().create(callback.params()));
            } catch (PluginInputException e) {
                throw new WorkbenchException(ErrorCode.INVALID_PARAMETER, where(spec) + ": callbacks[" + i + "] ('"
                        + callback.id() + "'): " + e.getMessage(), e);
            }
        }
        return listeners;
    }

    /** Each callback's key in the run's summary: its id, numbered when the file uses an id twice. */
    private static List<String> callbackNames(ExperimentSpec spec) {
        List<String> names = new ArrayList<>();
        for (var callback : spec.callbacks()) {
            String name = callback.id();
            for (int n = 2; names.contains(name); n++) {
                name = callback.id() + "#" + n;
            }
            names.add(name);
        }
        return names;
    }

    private static String where(ExperimentSpec spec) {
        return spec.file() == null ? "the experiment" : spec.file().toString();
    }

    /** Loads the trial's data; a user's mistake in it is a {@link WorkbenchException}. */
    public static DatasetSplits loadData(ExperimentSpec spec) {
        Configured<org.cnnworkbench.api.DatasetProvider> dataset = spec.dataset();
        try {
            return dataset.extension().load(dataset.params(), spec.training().seed());
        } catch (PluginInputException e) {
            throw new WorkbenchException(ErrorCode.INVALID_DATA, "dataset '" + dataset.id() + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WorkbenchException(ErrorCode.INVALID_DATA, "dataset '" + dataset.id() + "' could not read its data: "
                    + e.getMessage(), e);
        }
    }

    private static MultiLayerNetwork createNetwork(ExperimentSpec spec, InputShape shape, int classes, Path home) {
        var architecture = spec.architecture();
        try {
            return architecture.extension().create(architecture.params(), new NetworkFactory(shape, classes, spec.training(), home));
        } catch (PluginInputException e) {
            throw new WorkbenchException(ErrorCode.INVALID_PARAMETER, "architecture '" + architecture.id() + "': " + e.getMessage(), e);
        } catch (DL4JException | IllegalStateException | IllegalArgumentException e) {
            throw shapeProblem(spec, shape, e);
        }
    }

    private static WorkbenchException shapeProblem(ExperimentSpec spec, InputShape shape, Exception e) {
        return new WorkbenchException(ErrorCode.INVALID_DATA, "architecture '" + spec.architecture().id()
                + "' cannot take the dataset's input of shape " + shape + " (height x width x channels): " + e.getMessage()
                + ". Use a dataset with larger images (e.g. the image-folder dataset's width/height) or a smaller architecture.", e);
    }

    static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
