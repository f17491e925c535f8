package org.cnnworkbench.engine.store;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Failures of the database that pass by themselves, and the one bounded retry of them. A failure is
 * transient when the connection broke or was refused (its server stopped or restarts), the session
 * or database was closed under it, or a lock was held too long (a lock timeout, a deadlock, a
 * concurrent update): JDBC's transient, recoverable and connection exceptions, SQL states of class
 * {@code 08} (connection) and {@code 40} (transaction rolled back), {@code HYT00} (lock timeout),
 * H2's "object already closed" ({@value #H2_OBJECT_CLOSED}), and socket errors, found anywhere in
 * the chain of causes. Anything else (bad SQL, a constraint violated, a caller's mistake) is not.
 *
 * <p>{@link #retry} runs work again after such a failure with growing pauses until it succeeds or a
 * bound has passed since the first failure. It is what the sweep's processes use between trials and
 * what the store uses inside a trial (epoch writes, ends, artifacts), so both give up after the same
 * time (the {@code --db-wait-seconds} setting, {@link #DEFAULT_BOUND} when none is given).
 */
public final class TransientFailures {
    /** How long the database may be unreachable before work gives up, when no setting says otherwise. */
    public static final long DEFAULT_BOUND_SECONDS = 120;
    /** {@link #DEFAULT_BOUND_SECONDS} as a duration. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(DEFAULT_BOUND_SECONDS);
    /** H2's vendor code for a statement or connection used after it was closed under its user. */
    static final int H2_OBJECT_CLOSED = 90007;
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long MAX_PAUSE_MILLIS = 5_000;

    private TransientFailures() {
    }

    /** Whether {@code failure}, or one of its causes, is a database failure that passes by itself. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
                    || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getErrorCode(), sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientState(int code, String sqlState) {
        if (code == H2_OBJECT_CLOSED) {
            return true;
        }
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("40") || sqlState.equals("HYT00"));
    }

    /** What a retry tells its caller: the first transient failure, the work succeeding after some, giving up. */
    public interface Listener {
        /** The first transient failure of the work; it is tried again for at most {@code bound}. */
        default void failing(RuntimeException failure, Duration bound) {
        }

        /** The work succeeded after failing transiently for {@code outage}. */
        default void recovered(Duration outage) {
        }

        /** Still failing after {@code outage}; {@code failure} is thrown next. */
        default void givingUp(RuntimeException failure, Duration outage) {
        }
    }

    /** A listener that says nothing. */
    public static final Listener SILENT = new Listener() {
    };

    /**
     * Runs {@code work}; after a transient failure runs it again, pausing 0.25 s doubled each time up to
     * 5 s (with some jitter), until it succeeds or {@code bound} has passed since the first failure, then
     * throws that failure as it was. Any other failure is thrown at once. {@code work} gets the number of
     * the try (1 for the first), so that it can tell a retry, whose earlier try may have committed before
     * its answer was lost, from a first try.
     */
    public static <T> T retry(Duration bound, Listener listener, java.util.function.IntFunction<T> work) {
        return retry(bound, listener, TransientFailures::isTransient, work);
    }

    /**
     * {@link #retry(Duration, Listener, java.util.function.IntFunction)} for the failures {@code retryable}
     * accepts (a narrower class than {@link #isTransient}, e.g. only those that certainly rolled back).
     */
    public static <T> T retry(Duration bound, Listener listener, java.util.function.Predicate<Throwable> retryable,
                              java.util.function.IntFunction<T> work) {
        long start = 0;
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                T result = work.apply(attempt);
                if (start != 0) {
                    listener.recovered(Duration.ofNanos(System.nanoTime() - start));
                }
                return result;
            } catch (RuntimeException e) {
                if (!retryable.test(e)) {
                    throw e;
                }
                failure = e;
            }
            long now = System.nanoTime();
            if (start == 0) {
                start = now;
                listener.failing(failure, bound);
            }
            long left = bound.toNanos() - (now - start);
            if (left <= 0) {
                listener.givingUp(failure, Duration.ofNanos(now - start));
                throw failure;
            }
            long base = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 10));
            long pause = base * 3 / 4 + ThreadLocalRandom.current().nextLong(base / 4 + 1);
            pause = Math.max(1, Math.min(pause, left / 1_000_000));
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.addSuppressed(e);
                throw failure;
            }
        }
    }

    /** {@link #retry} for work that does not care which try it is. */
    public static <T> T retry(Duration bound, Listener listener, Supplier<T> work) {
        return retry(bound, listener, attempt -> work.get());
    }

    /** {@link #retry} for work without a result. */
    public static void retry(Duration bound, Listener listener, Runnable work) {
        retry(bound, listener, attempt -> {
            work.run();
            return null;
        });
    }
}
