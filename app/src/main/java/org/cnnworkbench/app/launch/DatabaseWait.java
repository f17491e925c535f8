package org.cnnworkbench.app.launch;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.cnnworkbench.db.StoreException;
import org.h2.api.ErrorCode;

/**
 * Waits out a database that is briefly unreachable (a restarted {@code db serve}, a dropped connection, a lock
 * held too long) for the processes that drive a sweep between trials: the sweep monitor, the launchers and the
 * workers' claim loop. {@link #call} retries such a failure with growing pauses (0.25 s doubling up to 5 s) for at
 * most {@link #bound()}, printing one line when the database became unreachable and one when it is back; after the
 * bound, and at once for any other failure (bad SQL, a constraint violated), the failure is thrown as it was.
 * {@link #isTransient} is the one classification of such failures.
 */
public final class DatabaseWait {
    /** How long the database may be unreachable before a sweep's processes give up: {@code --db-wait-seconds}. */
    public static final long DEFAULT_SECONDS = 120;
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long MAX_PAUSE_MILLIS = 5_000;

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
        long start = 0;
        int attempt = 0;
        while (true) {
            RuntimeException failure;
            try {
                T result = work.get();
                if (start != 0) {
                    recoveredAt = System.nanoTime();
                    say.accept("The database is reachable again (after " + seconds(recoveredAt - start) + "); carrying on.");
                }
                return result;
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                failure = e;
            }
            long now = System.nanoTime();
            if (start == 0) {
                start = now;
                String message = firstLine(failure.getMessage());
                // A StoreException already says what it could not do.
                say.accept("The database is unreachable (" + (message.startsWith("could not ") ? message
                        : "could not " + what + ": " + message) + "); waiting up to " + bound.toSeconds()
                        + " s for it to come back (--db-wait-seconds).");
            } else if (now - start >= bound.toNanos()) {
                say.accept("The database is still unreachable after " + seconds(now - start) + "; giving up.");
                throw failure;
            }
            attempt++;
            long pause = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 10));
            pause = Math.min(pause, Math.max(1, (bound.toNanos() - (now - start)) / 1_000_000));
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    /** {@link #call} for work without a result. */
    public void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Whether {@code failure} is one that passes by itself: the connection to the database broke or was refused
     * (its server stopped or restarts), the session or database was closed under it, or a lock was held too long
     * (a deadlock, a concurrent update, a lock timeout). Looks through the causes: JDBC's transient and recoverable
     * exceptions, H2's error codes for these, SQL states of class 08 (connection exceptions), and socket errors.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreException s && transientCode(s.errorCode(), s.sqlState())) {
                return true;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
                    || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && transientCode(sql.getErrorCode(), sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientCode(int code, String sqlState) {
        return switch (code) {
            case ErrorCode.CONNECTION_BROKEN_1, ErrorCode.DATABASE_IS_CLOSED, ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
                 ErrorCode.OBJECT_CLOSED, ErrorCode.LOCK_TIMEOUT_1, ErrorCode.DEADLOCK_1, ErrorCode.CONCURRENT_UPDATE_1 -> true;
            default -> sqlState != null && sqlState.startsWith("08");
        };
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
