package org.cnnworkbench.app.launch;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
 * A {@link SweepStore} whose calls wait out a briefly unreachable database ({@link DatabaseWait}): what the sweep
 * monitor, the launchers and a worker between its trials call. Two calls pass straight through: {@link #heartbeat}
 * (a running trial's lease has its own handling of a lost database, in the engine) and {@link #createSweep} (a
 * retry after a commit whose answer was lost would record the sweep twice).
 */
public final class WaitingSweepStore implements SweepStore {
    private final Supplier<SweepStore> stores;
    private final DatabaseWait wait;

    public WaitingSweepStore(SweepStore store, DatabaseWait wait) {
        this(() -> store, wait);
    }

    /**
     * @param stores the store, asked for at every call: a {@link org.cnnworkbench.app.home.Workbench#sweeps} that
     *               opens the database on first use, so that opening it is waited for too
     */
    public WaitingSweepStore(Supplier<SweepStore> stores, DatabaseWait wait) {
        this.stores = stores;
        this.wait = wait;
    }

    public DatabaseWait databaseWait() {
        return wait;
    }

    @Override
    public void registerWorker(WorkerInfo worker) {
        wait.run("register worker " + worker.id(), () -> stores.get().registerWorker(worker));
    }

    @Override
    public void workerEnded(String workerId, boolean lost) {
        wait.run("record the end of worker " + workerId, () -> stores.get().workerEnded(workerId, lost));
    }

    @Override
    public Claim claim(String sweepId, String workerId, SweepPlan plan, Configuration.Source source,
                       java.time.Duration heartbeat) {
        // A claim committed whose answer was lost leaves a trial without heartbeats: the monitor re-queues it.
        return wait.call("claim a trial of sweep " + sweepId,
                () -> stores.get().claim(sweepId, workerId, plan, source, heartbeat));
    }

    @Override
    public Heartbeat heartbeat(String trialId, String workerId, java.time.Duration interval) {
        return stores.get().heartbeat(trialId, workerId, interval);
    }

    @Override
    public boolean requeue(String trialId, String workerId, String reason) {
        return wait.call("put trial " + trialId + " back in the queue", () -> stores.get().requeue(trialId, workerId, reason));
    }

    @Override
    public List<TrialEpochs> sweepEpochs(String sweepId, String runId, Set<String> ownKeys, Set<String> otherKeys,
                                         int upToEpoch) {
        return wait.call("read the epochs of sweep " + sweepId,
                () -> stores.get().sweepEpochs(sweepId, runId, ownKeys, otherKeys, upToEpoch));
    }

    @Override
    public String createSweep(NewSweep sweep) {
        return stores.get().createSweep(sweep);
    }

    @Override
    public int releaseWorkerTrials(String workerId, String reason, int maxAttempts) {
        return wait.call("release the trials of worker " + workerId,
                () -> stores.get().releaseWorkerTrials(workerId, reason, maxAttempts));
    }

    @Override
    public int releaseStaleTrials(String sweepId, long staleMillis, int maxAttempts) {
        return wait.call("release the silent trials of sweep " + sweepId,
                () -> stores.get().releaseStaleTrials(sweepId, staleMillis, maxAttempts));
    }

    @Override
    public void setSweepState(String sweepId, SweepState state, String reason) {
        wait.run("set the state of sweep " + sweepId, () -> stores.get().setSweepState(sweepId, state, reason));
    }

    @Override
    public void extendSweep(String sweepId, String specJson, Integer budgetTrials, Integer budgetMinutes, String reason) {
        wait.run("extend sweep " + sweepId, () -> stores.get().extendSweep(sweepId, specJson, budgetTrials, budgetMinutes, reason));
    }

    @Override
    public boolean completeIfDone(String sweepId, SweepPlan plan) {
        return wait.call("complete sweep " + sweepId, () -> stores.get().completeIfDone(sweepId, plan));
    }

    @Override
    public void recordJob(String sweepId, SweepJob job) {
        wait.run("record a job of sweep " + sweepId, () -> stores.get().recordJob(sweepId, job));
    }

    @Override
    public List<SweepSummary> listSweeps(int limit) {
        return wait.call("list the sweeps", () -> stores.get().listSweeps(limit));
    }

    @Override
    public Optional<SweepState> state(String sweepId) {
        return wait.call("read the state of sweep " + sweepId, () -> stores.get().state(sweepId));
    }

    @Override
    public Optional<SweepDetail> findSweep(String sweepId) {
        return wait.call("read sweep " + sweepId, () -> stores.get().findSweep(sweepId));
    }

    @Override
    public List<SweepJob> jobs(String sweepId) {
        return wait.call("read the jobs of sweep " + sweepId, () -> stores.get().jobs(sweepId));
    }
}
