package org.cnnworkbench.engine.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import org.cnnworkbench.api.MetricKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.cnnworkbench.engine.Digests;
import org.cnnworkbench.engine.WorkbenchException;
import org.cnnworkbench.engine.run.TrialFailedException;
import org.cnnworkbench.engine.run.TrialHooks;
import org.cnnworkbench.engine.run.TrialInterruptedException;
import org.cnnworkbench.engine.spec.ExperimentSpec;
import org.cnnworkbench.engine.spec.ExperimentValidator;
import org.cnnworkbench.engine.store.Artifact;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.LeaseLostException;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.RunStore;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepStore;
import org.cnnworkbench.engine.store.TrialEpochs;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.store.TransientFailures;
import org.cnnworkbench.engine.store.TrialWriter;
import org.cnnworkbench.engine.store.WorkerInfo;
import org.cnnworkbench.sweep.Pruner;
import org.cnnworkbench.sweep.Pruners;
import org.cnnworkbench.sweep.TrialCurve;

/**
 * A worker process's loop: claim a trial of the sweep, run it while sending heartbeats, record
 * it, and claim the next, until the sweep has nothing left. One worker owns one device and runs
 * one trial at a time; many workers (local processes or scheduler jobs) share one sweep through
 * the database.
 *
 * <p>A heartbeat that finds the trial cancelled stops it; one that finds it taken away (its
 * heartbeat had expired) stops it without recording anything more. A database that is briefly
 * unreachable is waited for (the trial's writes and heartbeats are retried for {@code dbWait}); when
 * it stays unreachable longer, the caller's {@link HeartbeatHooks.DatabaseLost} decides
 * (the worker command halts the process: nothing it trains could be recorded, and its trial goes
 * back to the queue when its heartbeat expires). {@link #stop} (on SIGTERM)
 * stops the current trial at the next batch and puts it back in the queue with its checkpoint.
 *
 * <p>A trial that starts alone at the end of its sweep ({@link #aloneCores}) may train on the cores of its
 * launch's idle workers ({@link #launchCores}; {@code training.replicas: auto} then takes more replicas). The
 * count is decided when the trial starts and recorded; a resumed trial keeps the count it started with.
 */
public final class SweepWorker {
    private final SweepStore sweeps;
    private final RunStore runs;
    private final ExperimentValidator validator;
    private final Path home;
    private final WorkerInfo info;
    private final Duration heartbeat;
    private final Duration dbWait;
    private final Duration poll;
    private final Consumer<String> log;
    private final HeartbeatHooks.DatabaseLost databaseLost;
    private volatile TrialHooks.Interruption stopping;
    private volatile boolean stopped;
    /** When the worker must be gone (a scheduler's time limit), or null. */
    private java.time.Instant deadline;
    private java.time.Clock clock = java.time.Clock.systemUTC();
    /** The cores of the launch this worker belongs to (all its workers' together), or 0 when unknown. */
    private int launchCores;
    /** This worker's own share of them. */
    private int ownCores;

    public SweepWorker(SweepStore sweeps, RunStore runs, ExperimentValidator validator, Path home, WorkerInfo info,
                       Duration heartbeat, Duration poll, Consumer<String> log, HeartbeatHooks.DatabaseLost databaseLost) {
        this(sweeps, runs, validator, home, info, heartbeat, TransientFailures.DEFAULT_BOUND, poll, log, databaseLost);
    }

    /**
     * @param heartbeat the interval of the trials' heartbeats (their leases last
     *                  {@value org.cnnworkbench.engine.store.Lease#HEARTBEATS_PER_LEASE} of them)
     * @param dbWait    how long heartbeats may fail for a transient reason before the database counts as lost
     *                  (the store retries the trial's writes for as long)
     */
    public SweepWorker(SweepStore sweeps, RunStore runs, ExperimentValidator validator, Path home, WorkerInfo info,
                       Duration heartbeat, Duration dbWait, Duration poll, Consumer<String> log,
                       HeartbeatHooks.DatabaseLost databaseLost) {
        this.dbWait = dbWait;
        this.sweeps = sweeps;
        this.runs = runs;
        this.validator = validator;
        this.home = home;
        this.info = info;
        this.heartbeat = heartbeat;
        this.poll = poll;
        this.log = log;
        this.databaseLost = databaseLost;
    }

    /** Asks the worker to stop: its current trial goes back to the queue, no new trial is claimed. */
    public void stop(String reason) {
        stopping = new TrialHooks.Interruption(true, reason);
        stopped = true;
    }

    /**
     * Sets when the worker must be gone (its scheduler job's time limit): it claims no trial it could
     * not finish by then, judged by the longest trial it has run so far. A trial still running at the
     * limit is stopped by the scheduler's SIGTERM and goes back to the queue with its checkpoint.
     */
    public SweepWorker deadline(java.time.Instant deadline, java.time.Clock clock) {
        this.deadline = deadline;
        this.clock = clock;
        return this;
    }

    /**
     * The cores of the whole launch ({@code launchCores}: the local launcher's workers together) and this worker's
     * share ({@code ownCores}): a trial that starts when no other trial of the sweep is running or queued and no
     * configuration is left to sample may use all of the launch's cores, since its other workers can only wait.
     */
    public SweepWorker launchCores(int launchCores, int ownCores) {
        this.launchCores = launchCores;
        this.ownCores = ownCores;
        return this;
    }

    /**
     * The cores trial {@code trialId} may train on when it starts alone at the end of its sweep: {@code launchCores}
     * when it is new (a resumed trial keeps the count it started with anyway), no other trial of {@code sweep} is
     * running or queued, and the plan's configurations are all sampled (so no other worker can get a trial while
     * this one trains, unless it fails and goes back to the queue, or the sweep is extended); else empty (the
     * worker's own share, from its environment). Empty too when the launch has no more cores than the worker.
     */
    public static java.util.OptionalInt aloneCores(SweepDetail sweep, SweepPlan plan, ClaimedTrial trial, int launchCores,
                                                   int ownCores) {
        if (launchCores <= ownCores || trial.recordedEpochs() > 0) {
            return java.util.OptionalInt.empty();
        }
        Set<Integer> configurations = new HashSet<>();
        for (TrialRow t : sweep.trials()) {
            configurations.add(t.configuration());
            if (!t.id().equals(trial.id()) && (t.status() == RunStatus.RUNNING || t.status() == RunStatus.QUEUED)) {
                return java.util.OptionalInt.empty();
            }
        }
        if (configurations.size() < plan.configurations()) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(launchCores);
    }

    /** What the worker did. */
    public record Summary(int trials, String endReason) {
    }

    /** Runs trials of {@code sweepId} until the sweep has nothing left for this worker (or {@link #stop}). */
    public Summary run(String sweepId, TrialExecutor executor) {
        String specJson = sweeps.findSweep(sweepId)
                .orElseThrow(() -> new IllegalArgumentException("no sweep with id '" + sweepId + "'")).specJson();
        Search search = new Search(sweepId, specJson);
        sweeps.registerWorker(info);
        int trials = 0;
        String end = "stopped";
        try {
            long waitMillis = poll.toMillis();
            Duration longest = Duration.ZERO;
            while (!stopped) {
                if (deadline != null) {
                    Duration left = Duration.between(clock.instant(), deadline);
                    if (left.compareTo(longest) < 0 || left.isNegative() || left.isZero()) {
                        end = "its wall time is nearly over (" + left.toSeconds() + " s left"
                                + (trials > 0 ? ", its longest trial took " + longest.toSeconds() + " s" : "") + ")";
                        break;
                    }
                }
                Claim claim = sweeps.claim(sweepId, info.id(), search.plan, search.source, heartbeat);
                if (claim instanceof Claim.Done done) {
                    // ./workbench extend may have given the running sweep a new budget: claim again under it.
                    String stored = sweeps.findSweep(sweepId).map(SweepDetail::specJson).orElse(search.specJson);
                    if (!stored.equals(search.specJson)) {
                        search = new Search(sweepId, stored);
                        continue;
                    }
                    end = done.why();
                    break;
                }
                if (claim instanceof Claim.Trial t) {
                    waitMillis = poll.toMillis();
                    java.time.Instant started = clock.instant();
                    runTrial(sweepId, search.definition, t.trial(), search.pruner, search.pruningKeys, executor,
                            cores(sweepId, search.plan, t.trial()));
                    Duration took = Duration.between(started, clock.instant());
                    longest = took.compareTo(longest) > 0 ? took : longest;
                    trials++;
                    continue;
                }
                sleep(waitMillis);
                waitMillis = Math.min(waitMillis * 2, Math.max(poll.toMillis(), 2_000));
            }
            sweeps.completeIfDone(sweepId, search.plan);
        } finally {
            sweeps.workerEnded(info.id(), false);
        }
        return new Summary(trials, end);
    }

    /** What the worker searches with: the sweep's stored definition (which {@code extend} may replace) and its parts. */
    private final class Search {
        final String specJson;
        final SweepDefinition definition;
        final SweepPlan plan;
        final Configuration.Source source;
        final Pruner pruner;
        final Set<String> pruningKeys;

        Search(String sweepId, String specJson) {
            this.specJson = specJson;
            this.definition = SweepDefinition.fromJson(specJson, validator);
            this.plan = definition.plan();
            this.source = definition.sweep().multiObjective()
                    ? definition.configurations(new ConfigurationValues(sweeps, runs, sweepId, definition.sweep().objectives()))
                    : definition.configurations();
            this.pruner = Pruners.forSweep(definition.sweep());
            this.pruningKeys = new HashSet<>(List.of(MetricKeys.LOSS, MetricKeys.ACCURACY, MetricKeys.VAL_LOSS,
                    MetricKeys.VAL_ACCURACY, definition.sweep().objective().metric()));
        }
    }

    /** {@link #aloneCores} for a trial just claimed; empty when this worker knows no launch cores. */
    private java.util.OptionalInt cores(String sweepId, SweepPlan plan, ClaimedTrial trial) {
        if (launchCores <= ownCores || trial.recordedEpochs() > 0) {
            return java.util.OptionalInt.empty();
        }
        return sweeps.findSweep(sweepId).map(detail -> aloneCores(detail, plan, trial, launchCores, ownCores))
                .orElse(java.util.OptionalInt.empty());
    }

    private void runTrial(String sweepId, SweepDefinition definition, ClaimedTrial trial, Pruner pruner,
                          Set<String> pruningKeys, TrialExecutor executor, java.util.OptionalInt cores) {
        Path logFile = home.resolve("runs").resolve(trial.id()).resolve("trial.log");
        Lease lease = new Lease(trial.id(), info.id(), trial.attempt());
        TrialWriter writer = runs.writer(lease);
        PauseWatch pause = new PauseWatch(sweeps, sweepId, heartbeat, clock);
        try (HeartbeatHooks hooks = HeartbeatHooks.forTrial(sweeps, lease, heartbeat, dbWait,
                () -> stopping != null ? stopping : pause.check(),
                (runId, epoch) -> pruner == null ? Optional.empty() : prune(sweepId, runId, epoch.epoch(), pruner, pruningKeys,
                        Set.of(definition.sweep().objective().metric())), databaseLost);
             AutoCloseable ignored = TrialOutput.copyTo(logFile)) {
            log.accept("Trial " + trial.number() + " (" + trial.id() + ")" + (trial.attempt() > 1
                    ? ", attempt " + trial.attempt() + ", resuming after epoch " + trial.recordedEpochs() : "")
                    + ": " + trial.params());
            ExperimentSpec spec;
            try {
                spec = definition.trialSpec(trial.params(), trial.seed(), validator);
            } catch (WorkbenchException e) {
                log.accept("Trial " + trial.number() + " failed: " + e.getMessage());
                writer.finish(new RunOutcome(RunStatus.FAILED, null, null, "{}", e.getMessage(), e.getMessage()));
                return;
            }
            if (cores.isPresent()) {
                log.accept("Trial " + trial.number() + " starts alone at the end of the sweep: it may use the launch's "
                        + cores.getAsInt() + " cores");
            }
            RunStatus status = executor.execute(trial, writer, spec, hooks.cores(cores));
            log.accept("Trial " + trial.number() + " (" + trial.id() + ") " + status.label());
        } catch (TrialInterruptedException e) {
            TrialHooks.Interruption why = e.interruption();
            if (why.requeue() && sweeps.requeue(trial.id(), info.id(), why.reason())) {
                log.accept("Trial " + trial.number() + " (" + trial.id() + ") back in the queue: " + why.reason());
            } else {
                log.accept("Trial " + trial.number() + " (" + trial.id() + ") stopped: " + why.reason());
            }
        } catch (LeaseLostException e) {
            // Another owner has the trial (this worker's heartbeats were late): it records the trial, not this one.
            log.accept("Trial " + trial.number() + " (" + trial.id() + ") stopped: " + e.getMessage());
        } catch (TrialFailedException e) {
            log.accept("Trial " + trial.number() + " (" + trial.id() + ") failed: " + e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("trial " + trial.id() + ": " + e.getMessage(), e);
        } finally {
            recordLog(writer, logFile);
        }
    }

    private void recordLog(TrialWriter writer, Path logFile) {
        String runId = writer.runId();
        if (!Files.isRegularFile(logFile)) {
            return;
        }
        try {
            String relative = home.toAbsolutePath().normalize().relativize(logFile.toAbsolutePath().normalize()).toString()
                    .replace('\\', '/');
            writer.addArtifact(new Artifact("log", relative, Files.size(logFile), Digests.sha256(logFile)));
        } catch (LeaseLostException e) {
            // The trial's new owner records its own log.
        } catch (RuntimeException | java.io.IOException e) {
            log.accept("warning: could not record the log of " + runId + ": " + e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pruners' decision for {@code runId}, from snapshots of every trial of the sweep. */
    private Optional<String> prune(String sweepId, String runId, int epoch, Pruner pruner, Set<String> keys,
                                   Set<String> objectiveKey) {
        List<TrialEpochs> all = sweeps.sweepEpochs(sweepId, runId, keys, objectiveKey, epoch);
        TrialCurve current = null;
        List<TrialCurve> others = new ArrayList<>();
        for (TrialEpochs t : all) {
            List<Map<String, Double>> values = new ArrayList<>(t.epochs().size());
            t.epochs().forEach(e -> values.add(e.values()));
            TrialCurve curve = new TrialCurve(t.number(), t.status().isFinished(), values);
            if (t.id().equals(runId)) {
                current = curve;
            } else if (!t.epochs().isEmpty()) {
                others.add(curve);
            }
        }
        return current == null ? Optional.empty() : pruner.shouldPrune(current, others);
    }
}
