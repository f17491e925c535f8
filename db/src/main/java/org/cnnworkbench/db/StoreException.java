package org.cnnworkbench.db;

import java.sql.SQLException;

/**
 * A storage operation failed for a reason that is not the caller's mistake: the database could
 * not be opened or migrated, a statement failed, the connection broke. The message says what was
 * being done; {@link #sqlState()} and {@link #errorCode()} carry the database's own codes when the
 * cause was an {@link SQLException}. Callers' mistakes (an unknown run id, an epoch recorded twice)
 * are reported with {@link IllegalArgumentException} and {@link IllegalStateException} instead.
 */
public class StoreException extends RuntimeException {

    private final String sqlState;
    private final int errorCode;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
        SQLException sql = cause instanceof SQLException s ? s : null;
        this.sqlState = sql == null ? null : sql.getSQLState();
        this.errorCode = sql == null ? 0 : sql.getErrorCode();
    }

    /** The SQL state of the database error behind this one, or {@code null}. */
    public String sqlState() {
        return sqlState;
    }

    /** The vendor error code (H2's {@code org.h2.api.ErrorCode}), or 0. */
    public int errorCode() {
        return errorCode;
    }
}
