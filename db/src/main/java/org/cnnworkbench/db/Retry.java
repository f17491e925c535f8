package org.cnnworkbench.db;

import java.util.concurrent.ThreadLocalRandom;
import org.h2.api.ErrorCode;

/**
 * Failures that another transaction caused and that pass if tried again: lock timeouts, deadlocks, concurrent
 * updates. The transaction was rolled back for certain (unlike a broken connection, whose commit may have gone
 * through), so a write can be tried again as if for the first time. The wider class, with the bounded retry the
 * store's trial writes use, is {@link org.cnnworkbench.engine.store.TransientFailures}.
 */
final class Retry {

    private Retry() {
    }

    /** Whether the failure is a lock timeout, a deadlock or a concurrent update of the same row. */
    static boolean isTransient(StoreException e) {
        int code = e.errorCode();
        return code == ErrorCode.LOCK_TIMEOUT_1 || code == ErrorCode.DEADLOCK_1 || code == ErrorCode.CONCURRENT_UPDATE_1;
    }

    /**
     * Sleeps before try {@code attempt} (1 for the first retry): {@code first} doubled each time up to
     * {@code max}, with up to half of it random so that claimers that collided do not collide again.
     */
    static void pause(int attempt, long first, long max) {
        long base = Math.min(max, first << Math.min(attempt - 1, 20));
        long millis = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
