package org.cnnworkbench.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.engine.store.Claim;
import org.cnnworkbench.engine.store.ClaimedTrial;
import org.cnnworkbench.engine.store.Configuration;
import org.cnnworkbench.engine.store.Heartbeat;
import org.cnnworkbench.engine.store.NewSweep;
import org.cnnworkbench.engine.store.RunOutcome;
import org.cnnworkbench.engine.store.RunStatus;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepJob;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.TrialRow;
import org.cnnworkbench.engine.store.WorkerInfo;
import org.junit.jupiter.api.Test;

class H2SweepStoreTest extends H2HomeTest {

    private String sweep(Integer trials) {
        return sweeps.createSweep(new NewSweep("exp", "{}", "random", null, "val_accuracy", "maximize", "best", 7, trials, null, 2));
    }

    private void worker(String sweepId, String id) {
        sweeps.registerWorker(new WorkerInfo(id, sweepId, "host", 1, "cpu", 1, null));
    }

    /** Proposes {lr: number/10} until none are left; records what it saw. */
    private static Configuration.Source counting(List<Integer> historySizes) {
        return (number, finished) -> {
            historySizes.add(finished.size());
            return Optional.of(new Configuration(number, Map.of("training.learning_rate", Double.toString(number / 10.0 + 0.1)),
                    Map.of("training.learning_rate", "{\"uniform\":[0.1,1.0]}")));
        };
    }

    @Test
    void claimsNewConfigurationsWithTheirParametersUntilTheBudgetIsSpent() {
        String s = sweep(3);
        worker(s, "w1");
        SweepPlan plan = new SweepPlan(3, 1, 42, null, 2);
        List<Integer> seen = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Claim claim = sweeps.claim(s, "w1", plan, counting(seen));
            assertThat(claim).isInstanceOf(Claim.Trial.class);
            ClaimedTrial trial = ((Claim.Trial) claim).trial();
            assertThat(trial.number()).isEqualTo(i);
            assertThat(trial.attempt()).isEqualTo(1);
            assertThat(trial.seed()).isEqualTo(42);
            assertThat(trial.params()).containsEntry("training.learning_rate", Double.toString(i / 10.0 + 0.1));
            runs.recordEpoch(trial.id(), 1, Map.of("val_accuracy", 0.5 + i / 10.0));
            runs.finishRun(trial.id(), new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null));
            ids.add(trial.id());
        }
        // The strategy saw every finished configuration as it landed.
        assertThat(seen).containsExactly(0, 1, 2);
        assertThat(sweeps.claim(s, "w1", plan, counting(seen))).isInstanceOf(Claim.Done.class);
        assertThat(sweeps.completeIfDone(s, plan)).isTrue();
        SweepDetail detail = sweeps.findSweep(s).orElseThrow();
        assertThat(detail.summary().state()).isEqualTo(SweepState.COMPLETED);
        assertThat(detail.summary().best()).isEqualTo(0.7);
        assertThat(detail.summary().bestTrialId()).isEqualTo(ids.get(2));
        assertThat(detail.trials()).extracting(TrialRow::objective).containsExactly(0.5, 0.6, 0.7);
    }

    @Test
    void repeatsQueueTheOtherSeedsAndTheObjectiveOfAConfigurationIsTheirMean() {
        String s = sweep(1);
        worker(s, "w1");
        SweepPlan plan = new SweepPlan(1, 3, 100, null, 2);
        List<Integer> seen = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            ClaimedTrial trial = ((Claim.Trial) sweeps.claim(s, "w1", plan, counting(seen))).trial();
            seeds.add(trial.seed());
            assertThat(trial.configuration()).isZero();
            assertThat(trial.repeat()).isEqualTo(r);
            assertThat(trial.params()).containsKey("training.learning_rate");
            runs.recordEpoch(trial.id(), 1, Map.of("val_accuracy", 0.6 + r / 10.0));
            runs.finishRun(trial.id(), new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null));
        }
        assertThat(seeds).containsExactly(100L, 101L, 102L);
        assertThat(sweeps.findSweep(s).orElseThrow().summary().best()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aDeadWorkersTrialGoesBackToTheQueueKeepsItsEpochsAndFailsAfterItsLastAttempt() {
        String s = sweep(1);
        worker(s, "w1");
        worker(s, "w2");
        SweepPlan plan = new SweepPlan(1, 1, 42, null, 2);
        ClaimedTrial first = ((Claim.Trial) sweeps.claim(s, "w1", plan, counting(new ArrayList<>()))).trial();
        runs.recordEpoch(first.id(), 1, Map.of("val_accuracy", 0.5));
        // Nothing new to add while w1 runs the only configuration.
        assertThat(sweeps.claim(s, "w2", plan, counting(new ArrayList<>()))).isInstanceOf(Claim.Wait.class);

        assertThat(sweeps.releaseWorkerTrials("w1", "worker w1 died", 2)).isEqualTo(1);
        assertThat(sweeps.heartbeat(first.id(), "w1")).isEqualTo(Heartbeat.LOST);
        ClaimedTrial again = ((Claim.Trial) sweeps.claim(s, "w2", plan, counting(new ArrayList<>()))).trial();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.recordedEpochs()).isEqualTo(1);
        assertThat(again.params()).isEqualTo(first.params());

        assertThat(sweeps.releaseWorkerTrials("w2", "worker w2 died", 2)).isEqualTo(1);
        TrialRow row = sweeps.findSweep(s).orElseThrow().trials().get(0);
        assertThat(row.status()).isEqualTo(RunStatus.FAILED);
        assertThat(row.reason()).contains("worker w2 died").contains("2 attempts");
        assertThat(row.epochs()).isEqualTo(1);
    }

    /** Thrown by a strategy to stand for the worker's process dying while it samples. */
    private static final class ProcessDied extends RuntimeException {
        ProcessDied() {
            super("the worker's process died while sampling");
        }
    }

    @Test
    void aWorkerThatDiesBetweenReservingAndWritingLeavesARunningTrialThatTheNextClaimerSamples() {
        String s = sweep(2);
        worker(s, "w1");
        worker(s, "w2");
        SweepPlan plan = new SweepPlan(2, 2, 42, null, 3);
        // w1 reserves configuration 0 (committed) and dies while its strategy samples it.
        Configuration.Source dies = (number, finished) -> {
            throw new ProcessDied();
        };
        assertThatThrownBy(() -> sweeps.claim(s, "w1", plan, dies)).isInstanceOf(ProcessDied.class);
        // Its connections die with it; another process opens the same database file.
        db.close();
        openDatabase();

        TrialRow reserved = sweeps.findSweep(s).orElseThrow().trials().get(0);
        assertThat(sweeps.findSweep(s).orElseThrow().trials()).hasSize(1);
        assertThat(reserved.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(reserved.workerId()).isEqualTo("w1");
        assertThat(reserved.params()).isEmpty();
        // An unwritten reservation keeps the sweep open and counts against its budget.
        assertThat(sweeps.completeIfDone(s, plan)).isFalse();
        List<Integer> historySizes = new ArrayList<>();
        ClaimedTrial second = ((Claim.Trial) sweeps.claim(s, "w2", plan, counting(historySizes))).trial();
        assertThat(second.configuration()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        ClaimedTrial third = ((Claim.Trial) sweeps.claim(s, "w2", plan, counting(historySizes))).trial();
        assertThat(third.number()).isEqualTo(3);
        assertThat(sweeps.claim(s, "w2", plan, counting(historySizes))).isInstanceOf(Claim.Wait.class);
        for (ClaimedTrial t : List.of(second, third)) {
            runs.recordEpoch(t.id(), 1, Map.of("val_accuracy", 0.4));
            runs.finishRun(t.id(), new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null));
        }

        // The dead worker's release re-queues the reservation; the next claimer samples its configuration.
        assertThat(sweeps.releaseWorkerTrials("w1", "worker w1 died", 3)).isEqualTo(1);
        assertThat(sweeps.completeIfDone(s, plan)).isFalse();
        ClaimedTrial resumed = ((Claim.Trial) sweeps.claim(s, "w2", plan, counting(historySizes))).trial();
        assertThat(resumed.id()).isEqualTo(reserved.id());
        assertThat(resumed.configuration()).isZero();
        assertThat(resumed.number()).isZero();
        assertThat(resumed.repeat()).isZero();
        assertThat(resumed.seed()).isEqualTo(42);
        assertThat(resumed.attempt()).isEqualTo(2);
        assertThat(resumed.params()).containsEntry("training.learning_rate", "0.1");
        // The strategy saw configuration 1, which had finished, and not the reservation.
        assertThat(historySizes).containsExactly(0, 1);
        runs.recordEpoch(resumed.id(), 1, Map.of("val_accuracy", 0.6));
        runs.finishRun(resumed.id(), new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null));
        ClaimedTrial repeat = ((Claim.Trial) sweeps.claim(s, "w2", plan, counting(historySizes))).trial();
        assertThat(repeat.configuration()).isZero();
        assertThat(repeat.repeat()).isEqualTo(1);
        assertThat(repeat.seed()).isEqualTo(43);
        assertThat(repeat.params()).isEqualTo(resumed.params());
        runs.recordEpoch(repeat.id(), 1, Map.of("val_accuracy", 0.8));
        runs.finishRun(repeat.id(), new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null));

        assertThat(sweeps.claim(s, "w2", plan, counting(historySizes))).isInstanceOf(Claim.Done.class);
        assertThat(sweeps.completeIfDone(s, plan)).isTrue();
        SweepDetail detail = sweeps.findSweep(s).orElseThrow();
        // Two configurations of two repeats each, exactly: the budget held through the death.
        assertThat(detail.trials()).extracting(TrialRow::number).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(detail.trials()).allSatisfy(t -> assertThat(t.params()).isNotEmpty());
        assertThat(detail.summary().best()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aClaimerWhoseStrategyHasNothingForItsNumberGivesTheNumberBack() {
        String s = sweep(5);
        worker(s, "w1");
        SweepPlan plan = new SweepPlan(5, 1, 42, null, 2);
        Configuration.Source plain = counting(new ArrayList<>());
        Configuration.Source one = (number, finished) -> number == 0 ? plain.next(number, finished) : Optional.empty();
        ClaimedTrial only = ((Claim.Trial) sweeps.claim(s, "w1", plan, one)).trial();
        assertThat(sweeps.claim(s, "w1", plan, one)).isInstanceOf(Claim.Wait.class);
        runs.finishRun(only.id(), new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null));
        assertThat(sweeps.claim(s, "w1", plan, one)).isInstanceOf(Claim.Done.class);
        assertThat(sweeps.findSweep(s).orElseThrow().trials()).extracting(TrialRow::id).containsExactly(only.id());
    }

    @Test
    void staleHeartbeatsAreReleasedFreshOnesAreNot() throws Exception {
        String s = sweep(2);
        worker(s, "w1");
        SweepPlan plan = new SweepPlan(2, 1, 42, null, 3);
        ClaimedTrial trial = ((Claim.Trial) sweeps.claim(s, "w1", plan, counting(new ArrayList<>()),
                Duration.ofSeconds(60))).trial();
        Thread.sleep(20);
        // Staleness comes from the lease the claim recorded (15 x the worker's interval), not from a fixed age.
        assertThat(sweeps.releaseStaleTrials(s, 5, 3)).isZero();
        assertThat(sweeps.heartbeat(trial.id(), "w1", Duration.ofMillis(1))).isEqualTo(Heartbeat.OK);
        Thread.sleep(40);
        assertThat(sweeps.releaseStaleTrials(s, 60_000, 3)).isEqualTo(1);
        assertThat(sweeps.findSweep(s).orElseThrow().trials().get(0).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(sweeps.heartbeat(trial.id(), "w1")).isEqualTo(Heartbeat.LOST);
    }

    @Test
    void aClaimedTrialWithoutAHeartbeatYetExpiresByItsWorkersInterval() throws Exception {
        String s = sweep(2);
        worker(s, "w1");
        SweepPlan plan = new SweepPlan(2, 1, 42, null, 3);
        long before = System.currentTimeMillis();
        ClaimedTrial trial = ((Claim.Trial) sweeps.claim(s, "w1", plan, counting(new ArrayList<>()),
                Duration.ofMillis(2))).trial();
        assertThat(runs.leaseExpiresAt(trial.id()).orElseThrow()).isBetween(before + 30, System.currentTimeMillis() + 30);
        Thread.sleep(60);
        assertThat(sweeps.releaseStaleTrials(s, 60_000, 3)).isEqualTo(1);
    }

    @Test
    void schedulerJobsOfASweepAreKeptInSubmissionOrderAndADuplicateIsRefused() {
        String s = sweep(5);
        String other = sweep(5);
        assertThat(sweeps.jobs(s)).isEmpty();
        sweeps.recordJob(s, new SweepJob("slurm", "4711", 2, 1_000));
        sweeps.recordJob(s, new SweepJob("slurm", "4720", 1, 2_000));
        sweeps.recordJob(other, new SweepJob("slurm", "4800", 3, 1_500));
        assertThat(sweeps.jobs(s)).containsExactly(new SweepJob("slurm", "4711", 2, 1_000), new SweepJob("slurm", "4720", 1, 2_000));
        assertThat(sweeps.jobs(other)).extracting(SweepJob::jobId).containsExactly("4800");
        assertThatThrownBy(() -> sweeps.recordJob(s, new SweepJob("slurm", "4711", 2, 3_000))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> sweeps.recordJob(s, new SweepJob("pbs", "1", 1, 3_000))).isInstanceOf(RuntimeException.class);
        assertThat(sweeps.jobs(s)).hasSize(2);
    }

    /** What a worker polls while it trains: the sweep's state alone, as the full read would give it. */
    @Test
    void theStateReadGivesTheSweepsStateAndNothingForAnUnknownSweep() {
        String s = sweep(5);
        assertThat(sweeps.state(s)).contains(sweeps.findSweep(s).orElseThrow().summary().state());
        sweeps.setSweepState(s, SweepState.PAUSED, "paused by the user");
        assertThat(sweeps.state(s)).contains(SweepState.PAUSED);
        assertThat(sweeps.state("s999")).isEmpty();
    }

    @Test
    void aPausedSweepHandsOutNoTrialUntilItRunsAgainAndItsRequeuedTrialComesFirst() {
        String s = sweep(5);
        worker(s, "w1");
        SweepPlan plan = new SweepPlan(5, 1, 42, null, 2);
        ClaimedTrial trial = ((Claim.Trial) sweeps.claim(s, "w1", plan, counting(new ArrayList<>()))).trial();
        runs.recordEpoch(trial.id(), 1, Map.of("val_accuracy", 0.5));
        sweeps.setSweepState(s, SweepState.PAUSED, "paused by the user");
        // The worker's trial stops at its next batch and goes back to the queue; nothing more is handed out.
        assertThat(sweeps.requeue(trial.id(), "w1", "sweep " + s + " was paused")).isTrue();
        Claim none = sweeps.claim(s, "w1", plan, counting(new ArrayList<>()));
        assertThat(none).isInstanceOf(Claim.Done.class);
        assertThat(((Claim.Done) none).why()).isEqualTo("sweep " + s + " is paused");
        assertThat(sweeps.completeIfDone(s, plan)).isFalse();
        assertThat(sweeps.findSweep(s).orElseThrow().summary().state()).isEqualTo(SweepState.PAUSED);

        sweeps.setSweepState(s, SweepState.RUNNING, "resumed");
        ClaimedTrial again = ((Claim.Trial) sweeps.claim(s, "w1", plan, counting(new ArrayList<>()))).trial();
        assertThat(again.id()).isEqualTo(trial.id());
        assertThat(again.recordedEpochs()).isEqualTo(1);
    }

    @Test
    void cancellingASweepCancelsItsTrialsAndHeartbeatsSayCancelled() {
        String s = sweep(5);
        worker(s, "w1");
        SweepPlan plan = new SweepPlan(5, 2, 42, null, 2);
        ClaimedTrial trial = ((Claim.Trial) sweeps.claim(s, "w1", plan, counting(new ArrayList<>()))).trial();
        assertThat(sweeps.heartbeat(trial.id(), "w1")).isEqualTo(Heartbeat.OK);
        assertThat(runs.cancel(s, "cancelled by the user")).isTrue();
        assertThat(sweeps.heartbeat(trial.id(), "w1")).isEqualTo(Heartbeat.CANCELLED);
        SweepDetail detail = sweeps.findSweep(s).orElseThrow();
        assertThat(detail.summary().state()).isEqualTo(SweepState.CANCELLED);
        assertThat(detail.trials()).extracting(TrialRow::status).containsOnly(RunStatus.CANCELLED);
        assertThat(sweeps.claim(s, "w1", plan, counting(new ArrayList<>()))).isInstanceOf(Claim.Done.class);
        assertThat(runs.cancel(s, "again")).isFalse();
        assertThatThrownBy(() -> runs.recordEpoch(trial.id(), 1, Map.of("loss", 1.0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRunOutsideSweepsHeartbeatsThroughTheRunStoreAndIsCancelledThere() {
        String run = runs.startRun(new org.cnnworkbench.engine.store.NewRun("exp", "{}", null, 1, null, null));
        assertThat(runs.heartbeatRun(run)).isEqualTo(Heartbeat.OK);
        // The sweep store's heartbeat without a worker answers the same, for callers not yet moved to RunControl.
        assertThat(sweeps.heartbeat(run, null)).isEqualTo(Heartbeat.OK);
        assertThat(runs.cancel(run, "cancelled by the user")).isTrue();
        assertThat(runs.heartbeatRun(run)).isEqualTo(Heartbeat.CANCELLED);
        assertThat(sweeps.heartbeat(run, null)).isEqualTo(Heartbeat.CANCELLED);
        assertThat(runs.cancel(run, "again")).isFalse();
        // A worker's heartbeat never keeps a run outside sweeps alive.
        String other = runs.startRun(new org.cnnworkbench.engine.store.NewRun("exp", "{}", null, 1, null, null));
        assertThat(sweeps.heartbeat(other, "w1")).isEqualTo(Heartbeat.LOST);
        assertThat(runs.heartbeatRun(other)).isEqualTo(Heartbeat.OK);
    }

    @Test
    void manyThreadsClaimingFromOneQueueNeverShareATrial() throws Exception {
        claimConcurrently(sweeps, runs, 6, 60, 0);
    }

    @Test
    void manyThreadsWithASlowStrategyNeverShareATrialNorAConfiguration() throws Exception {
        claimConcurrently(sweeps, runs, 8, 60, 3);
    }

    @Test
    void claimersOverTcpEachWithItsOwnConnectionsNeverShareATrial() throws Exception {
        db.close();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir",
                home.toString(), "-ifNotExists").start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/db/workbench";
        List<H2Database> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                clients.add(H2Database.open(url, "sa", ""));
            }
            db = clients.get(0);
            sweeps = new H2SweepStore(db);
            runs = new H2RunStore(db);
            List<H2SweepStore> sweepStores = clients.stream().map(H2SweepStore::new).toList();
            List<H2RunStore> runStores = clients.stream().map(H2RunStore::new).toList();
            claimConcurrently(sweepStores, runStores, 60, 2);
        } finally {
            for (H2Database client : clients.subList(1, clients.size())) {
                client.close();
            }
            db.close();
            server.stop();
        }
    }

    private void claimConcurrently(H2SweepStore store, H2RunStore runStore, int workers, int trials, long sampleMillis)
            throws Exception {
        claimConcurrently(java.util.Collections.nCopies(workers, store), java.util.Collections.nCopies(workers, runStore),
                trials, sampleMillis);
    }

    /** Each worker claims, records an epoch and finishes, until the sweep is done; no trial or number may repeat. */
    private void claimConcurrently(List<H2SweepStore> stores, List<H2RunStore> runStores, int trials, long sampleMillis)
            throws Exception {
        int workers = stores.size();
        String s = sweep(trials);
        SweepPlan plan = new SweepPlan(trials, 1, 42, null, 2);
        for (int w = 0; w < workers; w++) {
            worker(s, "w" + w);
        }
        Map<String, String> holder = new ConcurrentHashMap<>();
        List<String> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            String id = "w" + w;
            H2SweepStore store = stores.get(w);
            H2RunStore runStore = runStores.get(w);
            Configuration.Source counting = counting(new java.util.concurrent.CopyOnWriteArrayList<>());
            Configuration.Source source = (number, finished) -> {
                try {
                    Thread.sleep(sampleMillis);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return counting.next(number, finished);
            };
            results.add(pool.submit(() -> {
                int n = 0;
                while (true) {
                    Claim claim = store.claim(s, id, plan, source);
                    if (claim instanceof Claim.Done) {
                        return n;
                    }
                    if (claim instanceof Claim.Wait) {
                        Thread.sleep(5);
                        continue;
                    }
                    ClaimedTrial t = ((Claim.Trial) claim).trial();
                    if (holder.putIfAbsent(t.id(), id) != null) {
                        duplicates.add(t.id());
                    }
                    runStore.recordEpoch(t.id(), 1, Map.of("val_accuracy", 0.5));
                    runStore.finishRun(t.id(), new RunOutcome(RunStatus.COMPLETED, null, null, "{}", null));
                    n++;
                }
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(duplicates).isEmpty();
        assertThat(total).isEqualTo(trials);
        assertThat(stores.get(0).findSweep(s).orElseThrow().trials()).hasSize(trials)
                .extracting(TrialRow::number).doesNotHaveDuplicates();
    }

    @Test
    void theStrategySamplesWithoutHoldingTheSweepSoOthersClaimMeanwhile() throws Exception {
        String s = sweep(10);
        SweepPlan plan = new SweepPlan(10, 1, 42, null, 2);
        worker(s, "slow");
        worker(s, "fast");
        java.util.concurrent.CountDownLatch sampling = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Claim> fast = new java.util.concurrent.CompletableFuture<>();
        Configuration.Source plain = counting(new java.util.concurrent.CopyOnWriteArrayList<>());
        // The slow worker's strategy waits (up to 20 s) for the fast worker's whole claim, which needs the sweep.
        Configuration.Source slow = (number, finished) -> {
            sampling.countDown();
            try {
                fast.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Reported below through the future.
            }
            return plain.next(number, finished);
        };
        Thread other = new Thread(() -> {
            try {
                sampling.await();
                fast.complete(sweeps.claim(s, "fast", plan, plain));
            } catch (Throwable t) {
                fast.completeExceptionally(t);
            }
        });
        other.start();
        long start = System.nanoTime();
        Claim slowClaim = sweeps.claim(s, "slow", plan, slow);
        other.join(30_000);
        assertThat(fast).isCompleted();
        assertThat(fast.get()).isInstanceOf(Claim.Trial.class);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
        assertThat(slowClaim).isInstanceOf(Claim.Trial.class);
        ClaimedTrial a = ((Claim.Trial) fast.get()).trial();
        ClaimedTrial b = ((Claim.Trial) slowClaim).trial();
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.configuration()).isNotEqualTo(b.configuration());
    }

    @Test
    void aTrialsObjectiveFollowsItsEpochsAsTheSweepDefinesIt() {
        double[][] cases = {{0.5, 0.7, 0.6}};
        String best = sweeps.createSweep(new NewSweep("exp", "{}", "random", null, "val_accuracy", "maximize", "best", 1, 1, null, 1));
        String last = sweeps.createSweep(new NewSweep("exp", "{}", "random", null, "val_accuracy", "maximize", "last", 1, 1, null, 1));
        String lowest = sweeps.createSweep(new NewSweep("exp", "{}", "random", null, "val_loss", "minimize", "best", 1, 1, null, 1));
        Map<String, Double> expected = Map.of(best, 0.7, last, 0.6, lowest, 0.4);
        for (String s : List.of(best, last, lowest)) {
            worker(s, "w-" + s);
            ClaimedTrial t = ((Claim.Trial) sweeps.claim(s, "w-" + s, new SweepPlan(1, 1, 1, null, 1),
                    counting(new ArrayList<>()))).trial();
            for (int e = 0; e < 3; e++) {
                double acc = cases[0][e];
                runs.recordEpoch(t.id(), e + 1, Map.of("val_accuracy", acc, "val_loss", 1.1 - acc,
                        "loss", Double.NaN));
            }
            // A non-finite value of the metric never becomes the objective.
            runs.recordEpoch(t.id(), 4, Map.of("val_accuracy", Double.NaN, "val_loss", Double.POSITIVE_INFINITY));
            assertThat(sweeps.findSweep(s).orElseThrow().trials().get(0).objective())
                    .as(s).isCloseTo(expected.get(s), org.assertj.core.data.Offset.offset(1e-12));
        }
        // A run outside sweeps has no objective.
        String single = runs.startRun(new org.cnnworkbench.engine.store.NewRun("exp", "{}", null, 1, null, null));
        runs.recordEpoch(single, 1, Map.of("val_accuracy", 0.9));
        assertThat(runs.findRun(single).orElseThrow().summary().bestValAccuracy()).isEqualTo(0.9);
    }
}
