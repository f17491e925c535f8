package org.cnnworkbench.app.launch;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cnnworkbench.app.text.SweepView;
import org.cnnworkbench.engine.store.Lease;
import org.cnnworkbench.engine.store.SweepDetail;
import org.cnnworkbench.engine.store.SweepPlan;
import org.cnnworkbench.engine.store.SweepState;
import org.cnnworkbench.engine.store.SweepStore;

/**
 * The one loop that watches a sweep until it ends or is paused (once its workers have left), whatever its
 * {@link SweepLauncher}: polls the sweep and
 * prints the live view, puts back the trials whose heartbeats stopped (workers can die without a trace),
 * completes the sweep when no work is left, has the launcher start new workers when all ended with work
 * left, and on Ctrl-C (a shutdown hook) has the launcher cancel its workers, whose trials go back to the
 * queue, before the JVM ends.
 */
public final class SweepMonitor {
    /** How often trials with expired heartbeats are looked for. */
    static final long STALE_CHECK_MILLIS = 5_000;

    private final WaitingSweepStore sweeps;
    private final String sweepId;
    private SweepPlan plan;
    /** The plan of a stored definition ({@code extend} may replace it while the sweep runs); null: the plan never changes. */
    private java.util.function.Function<String, SweepPlan> planOf;
    private String planJson;
    private final SweepLauncher launcher;
    private final PrintStream out;
    private final boolean terminal;
    /** How long a worker's lease lasts: {@link Lease#HEARTBEATS_PER_LEASE} of the workers' heartbeat intervals. */
    private final long leaseMillis;
    private volatile boolean stopping;

    /**
     * @param heartbeat the workers' heartbeat interval ({@code --heartbeat-seconds}): a trial whose lease (recorded
     *                  at its claim and at each heartbeat) has expired goes back to the queue
     */
    public SweepMonitor(SweepStore sweeps, String sweepId, SweepPlan plan, SweepLauncher launcher, PrintStream out,
                        boolean terminal, java.time.Duration heartbeat) {
        this.leaseMillis = Lease.expiresAt(0, heartbeat);
        this.sweeps = sweeps instanceof WaitingSweepStore waiting ? waiting
                : new WaitingSweepStore(sweeps, DatabaseWait.configured(out::println));
        this.sweepId = sweepId;
        this.plan = plan;
        this.launcher = launcher;
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Follows the sweep's stored definition: when {@code ./workbench extend} gives the running sweep a new budget,
     * the sweep is complete only once that budget is spent. {@code planOf} reads a stored definition's plan.
     */
    public SweepMonitor replanning(java.util.function.Function<String, SweepPlan> planOf) {
        this.planOf = planOf;
        return this;
    }

    /** The plan of the sweep's current definition, read again whenever {@code extend} has replaced it. */
    private SweepPlan plan(SweepDetail detail) {
        if (planOf != null && detail.specJson() != null && !detail.specJson().equals(planJson)) {
            plan = planOf.apply(detail.specJson());
            planJson = detail.specJson();
        }
        return plan;
    }

    /** Starts the launcher's workers and watches the sweep to its end (or Ctrl-C); returns its state then. */
    public SweepState run() {
        CountDownLatch cancelled = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            stopping = true;
            try {
                launcher.cancel();
            } finally {
                cancelled.countDown();
            }
        }, "sweep-shutdown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            launcher.start();
            SweepView view = new SweepView(out, terminal);
            long lastStaleCheck = 0;
            while (true) {
                sleep(launcher.pollMillis());
                if (stopping) {
                    await(cancelled);
                    view.finish();
                    out.println(launcher.interruptedMessage(sweepId));
                    return current().summary().state();
                }
                boolean working = launcher.watch();
                if (System.currentTimeMillis() - lastStaleCheck >= STALE_CHECK_MILLIS && heartbeatsCouldArrive()) {
                    // Expired leases are read from the trials' rows; leaseMillis only judges rows from before leases.
                    sweeps.releaseStaleTrials(sweepId, leaseMillis, plan.maxAttempts());
                    lastStaleCheck = System.currentTimeMillis();
                }
                SweepDetail detail = current();
                view.update(detail);
                if (detail.summary().state().isFinished()) {
                    launcher.finish();
                    view.update(current());
                    view.finish();
                    return detail.summary().state();
                }
                if (detail.summary().state() == SweepState.PAUSED) {
                    if (working) {
                        continue;   // its workers put their trials back in the queue and leave on their own
                    }
                    launcher.finish();
                    view.finish();
                    out.println("Sweep " + sweepId + " is paused: its running trials went back to the queue with their "
                            + "checkpoints. Resume it with ./workbench resume " + sweepId);
                    return SweepState.PAUSED;
                }
                if (working || stopping || sweeps.completeIfDone(sweepId, plan(detail))) {
                    continue;
                }
                view.finish();
                String failure = launcher.resume(detail);
                if (failure != null) {
                    sweeps.setSweepState(sweepId, SweepState.FAILED, failure);
                    return SweepState.FAILED;
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Already running.
            }
        }
    }

    /**
     * False for one lease ({@link Lease#HEARTBEATS_PER_LEASE} heartbeat intervals) after the database was unreachable:
     * no heartbeat could be recorded meanwhile, so the workers get that long to send one before their trials count
     * as abandoned.
     */
    private boolean heartbeatsCouldArrive() {
        java.time.Duration since = sweeps.databaseWait().sinceRecovery();
        return since == null || since.toMillis() >= leaseMillis;
    }

    private SweepDetail current() {
        return sweeps.findSweep(sweepId).orElseThrow();
    }

    private void await(CountDownLatch latch) {
        try {
            latch.await(launcher.cancelWaitMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps, turning an interruption into an exception (the loops that call it cannot go on). */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
