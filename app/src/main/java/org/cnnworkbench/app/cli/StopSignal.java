package org.cnnworkbench.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For commands that serve until Ctrl-C (or SIGTERM): {@link #await} returns when the JVM is asked to
 * stop, and the JVM then waits (up to 10 s) until {@link #close} says the command has closed what it
 * opened, so servers stop and databases close cleanly. Open it before the resources it guards, so
 * that it closes after them.
 */
public final class StopSignal implements AutoCloseable {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    public StopSignal(String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name));
    }

    /** Waits until the JVM is asked to stop. */
    public void await() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
