package org.cnnworkbench.engine.run;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.api.DatasetSplits;
import org.cnnworkbench.api.EpochListener;
import org.cnnworkbench.api.EpochMetrics;
import org.cnnworkbench.api.ImageTransform;
import org.cnnworkbench.engine.Json;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.nd4j.NativeThreads;
import org.cnnworkbench.engine.network.Network;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.LeaseLostException;
import org.cnnworkbench.engine.store.NewRun;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunStore;
import org.cnnworkbench.engine.store.TrialWriter;

/**
 * Runs one trial of a validated experiment: loads the data, builds the network, records the run,
 * trains epoch by epoch (validation after each; every epoch committed as it ends; callbacks
 * after), evaluates on the test split and saves the model under the workbench home.
 *
 * <p>A user's mistake found before training (data that cannot be read, a shape the architecture
 * cannot take) is a {@link WorkbenchException} and records no run. Once the run is recorded,
 * any failure marks it failed with the stack trace and is rethrown as {@link TrialFailedException}.
 */
public record TrialRunner(RunStore store, Path home, TrainingObserver observer) {

    /** A validated, initialised network ready to train, with its data. */
    public record Prepared(ExperimentSpec spec, DatasetSplits data, Network network, ModelSummary summary,
                           List<ImageTransform> transforms, List<EpochListener> listeners) {
    }

    /**
     * Loads the data and creates the network (seeded by the trial); records nothing. Used by
     * {@code run} and {@code check}; {@code home} is where earlier runs' models are found.
     */
    public static Prepared prepare(ExperimentSpec spec, Path home) {
        return TrialPreparation.prepare(spec, home);
    }

    public RunResult run(ExperimentSpec spec) {
        return run(spec, TrialHooks.NONE);
    }

    /** Records a new run of {@code spec}, held by this process with the default heartbeat, and trains it. */
    public RunResult run(ExperimentSpec spec, TrialHooks hooks) {
        return run(spec, hooks, Lease.processOwner(), Lease.DEFAULT_HEARTBEAT);
    }

    /**
     * Records a new run of {@code spec} held by {@code owner} with a lease for holders beating every
     * {@code heartbeat} ({@link TrialHooks#started(Lease)} is where the caller starts beating), and trains
     * it: every write is fenced by that lease, so once another process took the run over (after the lease
     * expired) this one stops quietly.
     */
    public RunResult run(ExperimentSpec spec, TrialHooks hooks, String owner, java.time.Duration heartbeat) {
        ReplicaPlan plan = ReplicaPlan.choose(spec.training(), null, hooks.cores());
        plan.applyThreads();
        Prepared prepared = prepare(spec, home);
        plan = fitted(plan, prepared);
        Lease lease = store.startRun(newRun(spec, prepared, plan), owner, heartbeat);
        hooks.started(lease);
        return train(store.writer(lease), prepared, hooks, List.of(), plan);
    }

    /**
     * Trains the run {@code runId}, whose row exists already (a sweep's trial, or a run being
     * resumed), with {@code spec}: epochs recorded before continue from the checkpoint of the last
     * one. Anything that goes wrong, a user's mistake included, fails this run.
     */
    public RunResult execute(String runId, ExperimentSpec spec, TrialHooks hooks) {
        return execute(store.writer(runId), spec, hooks);
    }

    /**
     * Trains the trial {@code writer} writes (a sweep's trial claimed under a lease), as
     * {@link #execute(String, ExperimentSpec, TrialHooks)} does. When a write finds the lease lost
     * ({@link LeaseLostException}: the trial went to another owner), the trial stops quietly with a
     * {@link TrialInterruptedException} that asks for no re-queue: nothing more is recorded by this
     * runner, no failure either, and the trial's new owner carries on.
     */
    public RunResult execute(TrialWriter writer, ExperimentSpec spec, TrialHooks hooks) {
        String runId = writer.runId();
        Prepared prepared;
        List<EpochMetrics> recorded;
        ReplicaPlan plan;
        try {
            // Recorded first, so that a trial whose data or network cannot be prepared still shows what it was.
            writer.describe(new NewRun(spec.name(), Json.write(spec.resolved()), Json.write(spec.overrides()),
                    spec.training().seed(), "{}", spec.file() == null ? null : spec.file().toString()));
            recorded = store.epochs(runId);
            // A resumed trial keeps the replica count it started with (its checkpoint says which).
            Integer startedWith = recorded.isEmpty() ? null
                    : new Checkpoints(RunArtifacts.runDir(home, runId)).replicas(recorded.size());
            plan = ReplicaPlan.choose(spec.training(), startedWith, hooks.cores());
            plan.applyThreads();
            prepared = prepare(spec, home);
            plan = fitted(plan, prepared);
            writer.describe(newRun(spec, prepared, plan));
        } catch (RuntimeException | Error e) {
            throw failed(writer, e);
        }
        return train(writer, prepared, hooks, recorded, plan);
    }

    /**
     * The plan for the prepared network: a graph trains as one replica ({@link ReplicaPlan#forNetwork}), on
     * all of the plan's threads, which are set here; a stack keeps {@code plan}.
     */
    private static ReplicaPlan fitted(ReplicaPlan plan, Prepared prepared) {
        ReplicaPlan fitted = plan.forNetwork(prepared.network());
        if (fitted != plan) {
            fitted.applyGraphThreads();
        }
        return fitted;
    }

    /** The run's row: its resolved configuration and provenance, with each replica's native threads. */
    private static NewRun newRun(ExperimentSpec spec, Prepared prepared, ReplicaPlan plan) {
        int threads = plan.threadsPerReplica();
        return new NewRun(spec.name(), Json.write(spec.resolved()), Json.write(spec.overrides()),
                spec.training().seed(), Json.write(Provenance.of(spec, prepared.data().digest(), threads,
                        FastBackprop.of(spec.training().fastBackprop(), prepared.network()), plan)),
                spec.file() == null ? null : spec.file().toString());
    }

    private RunResult train(TrialWriter writer, Prepared prepared, TrialHooks hooks, List<EpochMetrics> recorded,
                            ReplicaPlan plan) {
        try {
            return trainRecorded(writer, prepared, hooks, recorded, plan);
        } catch (TrialInterruptedException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw failed(writer, e);
        }
    }

    /**
     * Records the run as failed with {@code original}'s stack trace, and gives the exception to throw:
     * {@code original} as its cause. A later failure (the run cancelled meanwhile, or the database failing
     * too) is added to {@code original} as suppressed and never replaces it. A lost lease, found by
     * {@code original} or by recording the failure, is no failure of the trial: nothing is recorded and
     * the trial stops quietly ({@link #leaseLost}).
     */
    private RuntimeException failed(TrialWriter writer, Throwable original) {
        String runId = writer.runId();
        LeaseLostException lost = leaseLost(original);
        if (lost != null) {
            return stopQuietly(runId, lost);
        }
        try {
            writer.finish(new RunOutcome(RunStatus.FAILED, null, null, "{}", stackTrace(original),
                    firstLine(String.valueOf(original.getMessage()))));
        } catch (LeaseLostException later) {
            return stopQuietly(runId, later);
        } catch (RuntimeException | Error later) {
            original.addSuppressed(later);
        }
        return new TrialFailedException(runId, original);
    }

    /** The {@link LeaseLostException} among {@code e} and its causes, or null. */
    private static LeaseLostException leaseLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LeaseLostException lost) {
                return lost;
            }
        }
        return null;
    }

    private static TrialInterruptedException stopQuietly(String runId, LeaseLostException lost) {
        return new TrialInterruptedException(runId, new TrialHooks.Interruption(false,
                "the trial's lease was lost (" + lost.getMessage() + ")"));
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private RunResult trainRecorded(TrialWriter writer, Prepared prepared, TrialHooks hooks, List<EpochMetrics> recorded,
                                    ReplicaPlan plan) {
        String runId = writer.runId();
        ExperimentSpec spec = prepared.spec();
        DatasetSplits data = prepared.data();
        RunArtifacts artifacts = new RunArtifacts(writer, home, spec, data);
        Checkpoints checkpoints = new Checkpoints(artifacts.runDir());
        ResumePoint resume = ResumePoint.find(runId, prepared.network(), recorded, checkpoints, observer);
        Network net = resume.network();
        SplitStreams streams = SplitStreams.of(data, prepared.network().binaryHead(),
                spec.training().batchSize());
        observer.started(runId, prepared.summary(), streams.train().size(), SplitStreams.size(streams.validation()),
                SplitStreams.size(streams.test()));
        if (streams.validation() == null) {
            observer.message("No validation data: val_loss and val_accuracy are not recorded (set validation_split or validation files).");
        }
        observer.message("Training with " + plan.line() + ".");
        TrialControl control = new TrialControl(net, spec.training().epochs(), observer::message,
                fileName -> artifacts.saveModel(net, fileName, "checkpoint"));
        Callbacks callbacks = new Callbacks(spec, prepared.listeners(), control);
        Map<String, Object> checkpointMetadata = new LinkedHashMap<>(artifacts.metadata());
        checkpointMetadata.put(Checkpoints.REPLICAS_KEY, plan.replicas());
        EpochLoop.Outcome outcome;
        try (ReplicaTrainer replicas = plan.replicas() > 1
                ? new ReplicaTrainer(net.stack(), plan.replicas(), plan.threadsPerReplica(), spec.training().seed(),
                        ReplicaTrainer.devicesFor(plan.replicas())) : null) {
            TrainAccuracyListener accuracy = new TrainAccuracyListener();
            TrainingPass pass = new TrainingPass(runId, net, streams.train(), prepared.transforms(),
                    FastBackprop.of(spec.training().fastBackprop(), net), spec.training().seed(), hooks, observer, replicas,
                    new BatchCurves(writer, accuracy, spec.training()::logEvery));
            EpochLoop loop = new EpochLoop(runId, spec.training().epochs(), net, streams, data.classNames(), control,
                    callbacks, pass, accuracy, checkpoints, checkpointMetadata, writer, hooks, observer);
            callbacks.trainStarted();
            outcome = loop.run(resume);
        }
        if (outcome.pruned() != null) {
            String pruned = outcome.pruned();
            observer.message("Pruned: " + pruned);
            writer.finish(new RunOutcome(RunStatus.PRUNED, null, null,
                    Json.write(Map.of("stop_reason", "pruned: " + pruned, "summary", control.summary())), null, pruned));
            checkpoints.clear();
            return new RunResult(runId, RunStatus.PRUNED, outcome.epochs(), null, null, List.of(), new int[0][0],
                    data.classNames(), "pruned: " + pruned, null, prepared.summary(), control.summary());
        }
        callbacks.trainEnded();
        Path modelPath = artifacts.saveModel(net, "model.zip", "model");
        TestSamples samples = new TestSamples(data.classNames());
        TestEvaluation test = TestEvaluation.of(net, streams.test(), data.classNames(), samples);
        artifacts.saveSamples(samples);
        RunResult result = new RunResult(runId, RunStatus.COMPLETED, outcome.epochs(), test.accuracy(), test.loss(),
                test.report(), test.confusion(), data.classNames(), control.stopReason(), modelPath, prepared.summary(),
                control.summary());
        writer.finish(new RunOutcome(RunStatus.COMPLETED, test.accuracy(), test.loss(),
                Json.write(resultJson(result, data)), null, control.stopReason()));
        checkpoints.clear();
        return result;
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

    static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
