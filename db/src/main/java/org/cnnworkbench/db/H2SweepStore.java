package org.cnnworkbench.db;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepJob;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.SweepStore;
import org.cnnworkbench.engine.store.SweepSummary;
import org.cnnworkbench.engine.store.TrialEpochs;
import org.cnnworkbench.engine.store.WorkerInfo;

/**
 * The engine's {@link SweepStore} on an {@link H2Database}, shared by the orchestrator and the
 * worker processes (through H2's TCP server). A façade over its parts, one per seam:
 * {@link H2SweepClaims} (claims and new configurations), {@link H2SweepLeases} (heartbeats and
 * releases), {@link H2SweepLifecycle} (create, cancel, state, completion, jobs), {@link H2SweepReads}
 * (lists and details) and {@link H2WorkerRegistry} (worker processes). Cancelling is the run store's
 * ({@link H2RunStore#cancel}).
 */
public final class H2SweepStore implements SweepStore {

    private final H2SweepClaims claims;
    private final H2SweepLeases leases;
    private final H2SweepLifecycle lifecycle;
    private final H2SweepReads reads;
    private final H2WorkerRegistry workers;

    public H2SweepStore(H2Database database) {
        this(database, Clock.systemUTC());
    }

    public H2SweepStore(H2Database database, Clock clock) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(clock, "clock");
        this.claims = new H2SweepClaims(database, clock);
        this.leases = new H2SweepLeases(database, clock);
        this.lifecycle = new H2SweepLifecycle(database, clock);
        this.reads = new H2SweepReads(database);
        this.workers = new H2WorkerRegistry(database, clock);
    }

    @Override
    public String createSweep(NewSweep sweep) {
        return lifecycle.createSweep(sweep);
    }

    @Override
    public void registerWorker(WorkerInfo worker) {
        workers.registerWorker(worker);
    }

    @Override
    public void workerEnded(String workerId, boolean lost) {
        workers.workerEnded(workerId, lost);
    }

    @Override
    public Claim claim(String sweepId, String workerId, SweepPlan plan, Configuration.Source source,
                       java.time.Duration heartbeat) {
        return claims.claim(sweepId, workerId, plan, source, heartbeat);
    }

    @Override
    public Heartbeat heartbeat(String trialId, String workerId, java.time.Duration interval) {
        return leases.heartbeat(trialId, workerId, interval);
    }

    @Override
    public int releaseWorkerTrials(String workerId, String reason, int maxAttempts) {
        return leases.releaseWorkerTrials(workerId, reason, maxAttempts);
    }

    @Override
    public int releaseStaleTrials(String sweepId, long staleMillis, int maxAttempts) {
        return leases.releaseStaleTrials(sweepId, staleMillis, maxAttempts);
    }

    @Override
    public boolean requeue(String trialId, String workerId, String reason) {
        return leases.requeue(trialId, workerId, reason);
    }

    @Override
    public void setSweepState(String sweepId, SweepState state, String reason) {
        lifecycle.setSweepState(sweepId, state, reason);
    }

    @Override
    public void extendSweep(String sweepId, String specJson, Integer budgetTrials, Integer budgetMinutes, String reason) {
        lifecycle.extendSweep(sweepId, specJson, budgetTrials, budgetMinutes, reason);
    }

    @Override
    public boolean completeIfDone(String sweepId, SweepPlan plan) {
        return lifecycle.completeIfDone(sweepId, plan);
    }

    @Override
    public List<TrialEpochs> sweepEpochs(String sweepId, String runId, Set<String> ownKeys, Set<String> otherKeys,
                                         int upToEpoch) {
        return reads.sweepEpochs(sweepId, runId, ownKeys, otherKeys, upToEpoch);
    }

    @Override
    public void recordJob(String sweepId, SweepJob job) {
        lifecycle.recordJob(sweepId, job);
    }

    @Override
    public List<SweepJob> jobs(String sweepId) {
        return reads.jobs(sweepId);
    }

    @Override
    public List<SweepSummary> listSweeps(int limit) {
        return reads.listSweeps(limit);
    }

    @Override
    public Optional<SweepState> state(String sweepId) {
        return reads.state(sweepId);
    }

    @Override
    public Optional<SweepDetail> findSweep(String sweepId) {
        return reads.findSweep(sweepId);
    }
}
