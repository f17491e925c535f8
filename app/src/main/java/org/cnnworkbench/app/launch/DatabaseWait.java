package org.cnnworkbench.app.launch;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cnnworkbench.engine.store.TransientFailures;

/**
 * Waits out a database that is briefly unreachable (a restarted {@code db serve}, a dropped connection, a lock
 * held too long) for the processes that drive a sweep between trials: the sweep monitor, the launchers and the
 * workers' claim loop. {@link #call} retries such a failure ({@link TransientFailures#retry}: growing pauses, 0.25 s
 * doubling up to 5 s) for at most {@link #bound()}, printing one line when the database became unreachable and one when it is back; after the
 * bound, and at once for any other failure (bad SQL, a constraint violated), the failure is thrown as it was.
 * {@link TransientFailures#isTransient} is the one classification of such failures.
 */
public final class DatabaseWait {
    /** How long the database may be unreachable before a sweep's processes give up: {@code --db-wait-seconds}. */
    public static final long DEFAULT_SECONDS = TransientFailures.DEFAULT_BOUND_SECONDS;

    /** The bound set by the running command's {@code --db-wait-seconds} (one command per process). */
    private static volatile Duration configured = Duration.ofSeconds(DEFAULT_SECONDS);

    private final Duration bound;
    private final Consumer<String> say;
    /** When the last outage ended (System.nanoTime), or 0 when none was seen. */
    private volatile long recoveredAt;

    public DatabaseWait(Duration bound, Consumer<String> say) {
        this.bound = bound;
        this.say = say;
    }

    /** A wait with the bound of {@code --db-wait-seconds} of the running command. */
    public static DatabaseWait configured(Consumer<String> say) {
        return new DatabaseWait(configured, say);
    }

    /** Sets the bound for {@link #configured} (the command line's {@code --db-wait-seconds}). */
    public static void configure(Duration bound) {
        configured = bound;
    }

    /** The bound set by {@link #configure}. */
    public static Duration configuredBound() {
        return configured;
    }

    public Duration bound() {
        return bound;
    }

    /** How long ago the last outage this wait sat out ended; {@code null} when it saw none. */
    public Duration sinceRecovery() {
        long at = recoveredAt;
        return at == 0 ? null : Duration.ofNanos(System.nanoTime() - at);
    }

    /** Runs {@code work}, waiting out a transient database failure for at most {@link #bound()}. */
    public <T> T call(String what, Supplier<T> work) {
        return TransientFailures.retry(bound, new TransientFailures.Listener() {
            @Override
            public void failing(RuntimeException failure, Duration bound) {
                String message = firstLine(failure.getMessage());
                // A StoreException already says what it could not do.
                say.accept("The database is unreachable (" + (message.startsWith("could not ") ? message
                        : "could not " + what + ": " + message) + "); waiting up to " + bound.toSeconds()
                        + " s for it to come back (--db-wait-seconds).");
            }

            @Override
            public void recovered(Duration outage) {
                recoveredAt = System.nanoTime();
                say.accept("The database is reachable again (after " + seconds(outage.toNanos()) + "); carrying on.");
            }

            @Override
            public void givingUp(RuntimeException failure, Duration outage) {
                say.accept("The database is still unreachable after " + seconds(outage.toNanos()) + "; giving up.");
            }
        }, work);
    }

    /** {@link #call} for work without a result. */
    public void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
